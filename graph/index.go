package graph

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
)

// PlanIndex is the immutable in-memory read index of one plan, built from the plan's quads.
// The cayley store stays the store of record; the index answers every read of the API. It is
// built once per load and swapped in atomically, so a reader sees one version of a plan from
// the start of its request to the end.
type PlanIndex struct {
	ID      string
	nodes   map[string]*Node
	out     map[string][]Edge // sorted by (Pred, Node)
	in      map[string][]Edge
	byKind  map[string][]*Node // sorted by ID
	cited   map[string][]Cited // paragraph IRI → links citing it
	links   map[string][]Edge  // entity IRI → its relation edges, out then in
	paras   []*Node            // paragraphs in reading order
	paraPos map[string]int     // paragraph IRI → index in paras
	stats   PlanStats
	fanout  Fanout
	names   *nameIndex // built on first use (or by Warm), off the load's critical path

	namesOnce sync.Once

	textOnce sync.Once
	text     *textIndex
	textErr  error
}

// PlanStats counts what a plan holds.
type PlanStats struct {
	Quads      int
	Nodes      int
	Entities   map[string]int // per entity type
	Links      map[string]int // per relation name; a link is a distinct (from, relation, to)
	Citations  int            // distinct citation nodes
	Evidence   int            // relation quads: (link, citation) pairs
	Paragraphs int
	Mentions   int
	Chapters   int
	Sections   int
}

type rawEdge struct{ s, p, o, label string }

// BuildPlanIndex indexes the quads of one plan. Every subject must belong to the plan.
func BuildPlanIndex(plan string, quads []quad.Quad) (*PlanIndex, error) {
	ix := &PlanIndex{
		ID:      plan,
		nodes:   make(map[string]*Node),
		out:     make(map[string][]Edge),
		in:      make(map[string][]Edge),
		byKind:  make(map[string][]*Node),
		cited:   make(map[string][]Cited),
		links:   make(map[string][]Edge),
		paraPos: make(map[string]int),
	}
	node := func(id string) *Node {
		n := ix.nodes[id]
		if n == nil {
			n = &Node{ID: id, Plan: plan, idv: id}
			ix.nodes[id] = n
		}
		return n
	}
	var edges []rawEdge
	for _, q := range quads {
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			return nil, fmt.Errorf("index %s: subject %v is not an IRI", plan, q.Subject)
		}
		if PlanOf(string(s)) != plan {
			return nil, fmt.Errorf("index %s: subject %s belongs to another plan", plan, s)
		}
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			return nil, fmt.Errorf("index %s: predicate %v is not an IRI", plan, q.Predicate)
		}
		n := node(string(s))
		label := ""
		if l, ok := q.Label.(quad.IRI); ok {
			label = string(l)
		}
		switch o := q.Object.(type) {
		case quad.IRI:
			if string(p) == PredType {
				n.Kind = internKind(strings.TrimPrefix(string(o), Namespace))
				continue
			}
			edges = append(edges, rawEdge{string(s), string(p), string(o), label})
			if key, ok := strings.CutPrefix(string(p), Namespace); ok && label == "" {
				n.props = append(n.props, Prop{key, Ref(o)})
			}
		default:
			key, ok := strings.CutPrefix(string(p), Namespace)
			if !ok {
				continue
			}
			n.props = append(n.props, Prop{key, native(o)})
		}
	}
	ix.stats = PlanStats{Quads: len(quads), Entities: map[string]int{}, Links: map[string]int{}}
	for _, n := range ix.nodes {
		sort.SliceStable(n.props, func(i, j int) bool { return n.props[i].Key < n.props[j].Key })
		n.name = n.Get(PropName)
		if r, ok := n.name.(Ref); ok {
			n.name = string(r)
		}
		ix.byKind[n.Kind] = append(ix.byKind[n.Kind], n)
	}
	for _, list := range ix.byKind {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.p != b.p {
			return a.p < b.p
		}
		if a.o != b.o {
			return a.o < b.o
		}
		return a.label < b.label
	})
	citations := map[string]bool{}
	for i := 0; i < len(edges); {
		e := edges[i]
		j := i
		var labels []string
		for ; j < len(edges) && edges[j].s == e.s && edges[j].p == e.p && edges[j].o == e.o; j++ {
			if l := edges[j].label; l != "" {
				labels = append(labels, l)
			}
		}
		i = j
		ix.out[e.s] = append(ix.out[e.s], Edge{Pred: e.p, Dir: Out, Node: e.o, Kind: kindOf(ix, e.o), To: ix.nodes[e.o], Labels: labels})
		ix.in[e.o] = append(ix.in[e.o], Edge{Pred: e.p, Dir: In, Node: e.s, Kind: kindOf(ix, e.s), To: ix.nodes[e.s], Labels: labels})
		if r, ok := relByPred[e.p]; ok {
			for _, l := range labels {
				if sp, err := ParseSpan(l); err == nil {
					ix.cited[sp.Paragraph] = append(ix.cited[sp.Paragraph], Cited{From: e.s, Relation: r.Name, To: e.o, Span: sp})
				}
			}
		}
		if r, ok := relByPred[e.p]; ok {
			ix.stats.Links[r.Name]++
			ix.stats.Evidence += len(labels)
			for _, l := range labels {
				citations[l] = true
			}
		}
		if e.p == PredMentionedIn {
			ix.stats.Mentions += len(labels)
		}
	}
	for _, list := range ix.in {
		sort.Slice(list, func(i, j int) bool {
			if list[i].Pred != list[j].Pred {
				return list[i].Pred < list[j].Pred
			}
			return list[i].Node < list[j].Node
		})
	}
	relPreds := make([]string, 0, len(Relations))
	for _, r := range Relations {
		relPreds = append(relPreds, r.Pred)
	}
	for id := range ix.nodes {
		if l := ix.edges(id, relPreds, Out); len(l) > 0 {
			ix.links[id] = append(ix.links[id], l...)
		}
	}
	for id := range ix.nodes {
		if l := ix.edges(id, relPreds, In); len(l) > 0 {
			ix.links[id] = append(ix.links[id], l...)
		}
	}
	ix.stats.Citations = len(citations)
	ix.stats.Nodes = len(ix.nodes)
	ix.fanout = typicalFanout(ix)
	for _, t := range EntityTypes {
		ix.stats.Entities[t] = len(ix.byKind[t])
	}
	ix.stats.Paragraphs = len(ix.byKind[KindParagraph])
	ix.paras = append([]*Node(nil), ix.byKind[KindParagraph]...)
	sort.SliceStable(ix.paras, func(i, j int) bool {
		a, _ := ix.paras[i].Int(PropOrder)
		b, _ := ix.paras[j].Int(PropOrder)
		return a < b
	})
	for i, p := range ix.paras {
		ix.paraPos[p.ID] = i
	}
	for _, list := range ix.cited {
		sort.Slice(list, func(i, j int) bool { return list[i].Span.Start < list[j].Span.Start })
	}
	ix.stats.Chapters = len(ix.byKind[KindChapter])
	ix.stats.Sections = len(ix.byKind[KindSection])
	return ix, nil
}

func native(v quad.Value) any {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.Int:
		return int64(v)
	case quad.Float:
		return float64(v)
	case quad.Bool:
		return bool(v)
	case quad.TypedString:
		if pv, err := v.ParseValue(); err == nil {
			if _, still := pv.(quad.TypedString); !still {
				return native(pv)
			}
		}
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	}
	return quad.StringOf(v)
}

// Node returns the node with the given IRI, or nil.
func (ix *PlanIndex) Node(id string) *Node { return ix.nodes[id] }

// Stats returns what the plan holds.
func (ix *PlanIndex) Stats() PlanStats { return ix.stats }

// edges returns the edges of id over the given predicates (all when preds is empty) in the
// given directions. With one predicate and one direction the result shares the index's memory.
func (ix *PlanIndex) edges(id string, preds []string, dir Dir) []Edge {
	// The commonest question — every link of an entity, either way — is answered from a list
	// made at build time, without allocating.
	if dir == Both && allRelations(preds) {
		return ix.links[id]
	}
	if dir == Out || dir == In {
		list := ix.out[id]
		if dir == In {
			list = ix.in[id]
		}
		switch len(preds) {
		case 0:
			return list
		case 1:
			return predRange(list, preds[0])
		}
		n := 0
		for _, p := range preds {
			n += len(predRange(list, p))
		}
		out := make([]Edge, 0, n)
		for _, p := range preds {
			out = append(out, predRange(list, p)...)
		}
		return out
	}
	a, b := ix.edges(id, preds, Out), ix.edges(id, preds, In)
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]Edge, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// allRelations reports whether preds are exactly the relation predicates (in any order).
func allRelations(preds []string) bool {
	if len(preds) != len(Relations) {
		return false
	}
	for i, p := range preds {
		if _, ok := relByPred[p]; !ok {
			return false
		}
		for _, q := range preds[:i] {
			if p == q {
				return false
			}
		}
	}
	return true
}

func predRange(list []Edge, pred string) []Edge {
	i := sort.Search(len(list), func(i int) bool { return list[i].Pred >= pred })
	j := i
	for j < len(list) && list[j].Pred == pred {
		j++
	}
	return list[i:j:j]
}

// kindOf returns the kind of the node with IRI id, which the index may not have seen yet as a
// subject: entity IRIs carry their type (plan/zone/slug), which covers links to entities
// declared later in the quads.
func kindOf(ix *PlanIndex, id string) string {
	if n := ix.nodes[id]; n != nil && n.Kind != "" {
		return n.Kind
	}
	return ""
}

// Cited is a link whose evidence lies in a paragraph.
type Cited struct {
	From, Relation, To string
	Span               Span
}

// Fanout is how many values a list field typically holds, for estimating a query's size
// before running it: 95th percentiles, over the nodes that have any, of an entity's links (its
// distinct neighbours over relations), of the mentions of an entity or in a paragraph, of the
// citations of one link, and of any node's edges (pg:plan, which ties every node to its plan,
// left out; a label counting once).
type Fanout struct {
	Link    int
	Mention int
	Label   int
	Node    int
}

func typicalFanout(ix *PlanIndex) Fanout {
	var links, mentions, labels, degrees []int
	for id, n := range ix.nodes {
		d, m := 0, 0
		for _, list := range [][]Edge{ix.out[id], ix.in[id]} {
			for _, e := range list {
				switch {
				case e.Pred == PredPlan:
					continue
				case e.Pred == PredMentionedIn:
					m += len(e.Labels)
				default:
					if _, isRel := relByPred[e.Pred]; isRel && e.Dir == Out && len(e.Labels) > 0 {
						labels = append(labels, len(e.Labels))
					}
				}
				d += max(1, len(e.Labels))
			}
		}
		// An entity's links: one per (relation, neighbour, direction), as links() lists them.
		if l := len(ix.links[id]); n.IsEntity() && l > 0 {
			links = append(links, l)
		}
		if m > 0 {
			mentions = append(mentions, m)
		}
		if d > 0 {
			degrees = append(degrees, d)
		}
	}
	return Fanout{Link: p95(links), Mention: p95(mentions), Label: p95(labels), Node: p95(degrees)}
}

func p95(xs []int) int {
	if len(xs) == 0 {
		return 1
	}
	sort.Ints(xs)
	return max(1, xs[len(xs)*95/100])
}

// kindNames holds one copy of each kind of the vocabulary: nodes share it, so that comparing
// the kinds of two nodes, which the executor does for every object it returns, is comparing
// two pointers.
// It is derived from the vocabulary (see index in vocab.go).
var kindNames map[string]string

func internKind(k string) string {
	if c, ok := kindNames[k]; ok {
		return c
	}
	return k
}
