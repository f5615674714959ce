package graph

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// Snapshot is one immutable version of every plan in a store. Readers take the current
// snapshot once per request; a load builds a new snapshot and swaps it in, so a request never
// sees half of a load or a mix of two versions.
type Snapshot struct {
	Version uint64 // increases with every write this process makes or sees
	plans   map[string]*PlanIndex
	ids     []string // sorted
	fanout  Fanout   // of all plans, worked out once: every GraphQL request asks for it
}

// NewSnapshot returns a snapshot holding the given plan indexes.
func NewSnapshot(version uint64, plans ...*PlanIndex) *Snapshot {
	s := &Snapshot{Version: version, plans: make(map[string]*PlanIndex, len(plans))}
	for _, p := range plans {
		s.plans[p.ID] = p
		s.ids = append(s.ids, p.ID)
	}
	sort.Strings(s.ids)
	s.fanout = Fanout{Link: 1, Mention: 1, Label: 1, Node: 1}
	for _, p := range plans {
		s.fanout.Link = max(s.fanout.Link, p.fanout.Link)
		s.fanout.Mention = max(s.fanout.Mention, p.fanout.Mention)
		s.fanout.Label = max(s.fanout.Label, p.fanout.Label)
		s.fanout.Node = max(s.fanout.Node, p.fanout.Node)
	}
	return s
}

// with returns a copy of s with plan p added or replaced (or removed when p is nil).
func (s *Snapshot) with(version uint64, id string, p *PlanIndex) *Snapshot {
	plans := make([]*PlanIndex, 0, len(s.plans)+1)
	for _, old := range s.plans {
		if old.ID != id {
			plans = append(plans, old)
		}
	}
	if p != nil {
		plans = append(plans, p)
	}
	return NewSnapshot(version, plans...)
}

// WarmNames builds every plan's name index now, on every core, rather than at the first
// search.
func (s *Snapshot) WarmNames() {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(s.ids); i = int(next.Add(1) - 1) {
				s.plans[s.ids[i]].WarmNames()
			}
		})
	}
	wg.Wait()
}

// PlanIDs returns the ids of the plans in the snapshot, sorted.
func (s *Snapshot) PlanIDs() []string { return s.ids }

// Plan returns the index of one plan, or nil.
func (s *Snapshot) Plan(id string) *PlanIndex { return s.plans[id] }

func (s *Snapshot) plansFor(id string) []*PlanIndex {
	if id != "" {
		if p := s.plans[id]; p != nil {
			return []*PlanIndex{p}
		}
		return nil
	}
	out := make([]*PlanIndex, 0, len(s.ids))
	for _, id := range s.ids {
		out = append(out, s.plans[id])
	}
	return out
}

// Node returns the node with the given IRI, or nil.
func (s *Snapshot) Node(id string) *Node {
	if p := s.plans[PlanOf(id)]; p != nil {
		return p.nodes[id]
	}
	return nil
}

// Nodes returns the nodes with the given IRIs (nil where there is none), in one call.
func (s *Snapshot) Nodes(ctx context.Context, ids []string) ([]*Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]*Node, len(ids))
	for i, id := range ids {
		out[i] = s.Node(id)
	}
	return out, nil
}

// Edges returns, for each node, its edges over the given predicates (all when empty) in the
// given directions, in one call. Edges are sorted by predicate, then neighbour.
func (s *Snapshot) Edges(ctx context.Context, ids []string, preds []string, dir Dir) ([][]Edge, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([][]Edge, len(ids))
	for i, id := range ids {
		if p := s.plans[PlanOf(id)]; p != nil {
			out[i] = p.edges(id, preds, dir)
		}
	}
	return out, nil
}

// Entities returns the entities of the given types (all when empty) in one plan or all plans,
// sorted by plan, then IRI. The result is a fresh slice of shared nodes.
func (s *Snapshot) Entities(plan string, types []string) []*Node {
	if len(types) == 0 {
		types = EntityTypes
	}
	var out []*Node
	for _, p := range s.plansFor(plan) {
		if len(types) == 1 {
			out = append(out, p.byKind[types[0]]...)
			continue
		}
		start := len(out)
		for _, t := range types {
			out = append(out, p.byKind[t]...)
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool { return part[i].ID < part[j].ID })
	}
	return out
}

// Stats sums the statistics of every plan (or one plan).
func (s *Snapshot) Stats(plan string) PlanStats {
	total := PlanStats{Entities: map[string]int{}, Links: map[string]int{}}
	for _, p := range s.plansFor(plan) {
		st := p.stats
		total.Quads += st.Quads
		total.Nodes += st.Nodes
		total.Citations += st.Citations
		total.Evidence += st.Evidence
		total.Paragraphs += st.Paragraphs
		total.Mentions += st.Mentions
		total.Chapters += st.Chapters
		total.Sections += st.Sections
		for k, v := range st.Entities {
			total.Entities[k] += v
		}
		for k, v := range st.Links {
			total.Links[k] += v
		}
	}
	return total
}

// Cited returns, for each paragraph, the links whose evidence lies in it, in text order.
func (s *Snapshot) Cited(ctx context.Context, paragraphs []string) ([][]Cited, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([][]Cited, len(paragraphs))
	for i, id := range paragraphs {
		if p := s.plans[PlanOf(id)]; p != nil {
			out[i] = p.cited[id]
		}
	}
	return out, nil
}

// Neighbours returns, for each paragraph, the paragraphs before and after it in reading order.
func (s *Snapshot) Neighbours(ctx context.Context, paragraphs []string) ([][2]*Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([][2]*Node, len(paragraphs))
	for i, id := range paragraphs {
		p := s.plans[PlanOf(id)]
		if p == nil {
			continue
		}
		pos, ok := p.paraPos[id]
		if !ok {
			continue
		}
		if pos > 0 {
			out[i][0] = p.paras[pos-1]
		}
		if pos+1 < len(p.paras) {
			out[i][1] = p.paras[pos+1]
		}
	}
	return out, nil
}

// EdgesOf returns the edges of one node (see Edges).
func (s *Snapshot) EdgesOf(id string, preds []string, dir Dir) []Edge {
	if p := s.plans[PlanOf(id)]; p != nil {
		return p.edges(id, preds, dir)
	}
	return nil
}

// Fanout returns the largest typical fan-out of the plans (see Fanout).
func (s *Snapshot) Fanout() Fanout { return s.fanout }
