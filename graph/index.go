package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

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
	strs := interner{}
	node := func(id string) *Node {
		n := ix.nodes[id]
		if n == nil {
			id = strs.of(id)
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
		pred := sharedPred(string(p))
		label := ""
		if l, ok := q.Label.(quad.IRI); ok {
			label = strs.of(string(l))
		}
		switch o := q.Object.(type) {
		case quad.IRI:
			if pred == PredType {
				n.Kind = internKind(strings.TrimPrefix(string(o), Namespace))
				continue
			}
			obj := strs.of(string(o))
			edges = append(edges, rawEdge{n.ID, pred, obj, label})
			if key, ok := strings.CutPrefix(pred, Namespace); ok && label == "" {
				n.props = append(n.props, Prop{key, Ref(obj)})
			}
		default:
			key, ok := strings.CutPrefix(pred, Namespace)
			if !ok {
				continue
			}
			n.props = append(n.props, Prop{key, native(o)})
		}
	}
	ix.stats = PlanStats{Quads: len(quads), Entities: map[string]int{}, Links: map[string]int{}}
	// Every list the index keeps is a window on one array per kind, exactly as long as the
	// lists together: grown by append, each list had an allocation of its own with up to half
	// of it spare, which an index of ten million quads pays in gigabytes.
	nprops := 0
	for _, n := range ix.nodes {
		nprops += len(n.props)
	}
	props := make([]Prop, 0, nprops)
	for _, n := range ix.nodes {
		slices.SortStableFunc(n.props, func(a, b Prop) int { return strings.Compare(a.Key, b.Key) })
		start := len(props)
		props = append(props, n.props...)
		n.props = props[start:len(props):len(props)]
		n.name = n.Get(PropName)
		if r, ok := n.name.(Ref); ok {
			n.name = string(r)
		}
		ix.byKind[n.Kind] = append(ix.byKind[n.Kind], n)
	}
	for _, list := range ix.byKind {
		slices.SortFunc(list, func(a, b *Node) int { return strings.Compare(a.ID, b.ID) })
	}
	slices.SortFunc(edges, func(a, b rawEdge) int {
		if c := strings.Compare(a.s, b.s); c != 0 {
			return c
		}
		if c := strings.Compare(a.p, b.p); c != 0 {
			return c
		}
		if c := strings.Compare(a.o, b.o); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	})
	// A group is the quads of one (s, p, o): one edge each way, with the group's labels.
	// Counting first sizes every array.
	groups, rels, labelled := 0, 0, 0
	inDegree := map[string]int32{}
	for i := 0; i < len(edges); {
		e := edges[i]
		j := i
		for ; j < len(edges) && edges[j].s == e.s && edges[j].p == e.p && edges[j].o == e.o; j++ {
			if edges[j].label != "" {
				labelled++
			}
		}
		i = j
		groups++
		inDegree[e.o]++
		if _, ok := relByPred[e.p]; ok {
			rels++
		}
	}
	outAll := make([]Edge, 0, groups)
	inAll := make([]Edge, groups)
	labelsAll := make([]string, 0, labelled)
	inNext := make(map[string]int32, len(inDegree)) // where the next in-edge of a node goes
	off := int32(0)
	for o, d := range inDegree {
		inNext[o] = off
		off += d
	}
	citations := map[string]bool{}
	subject, first := "", 0 // the subject whose out-edges are being placed, from outAll[first]
	closeOut := func() {
		if subject != "" {
			ix.out[subject] = outAll[first:len(outAll):len(outAll)]
		}
	}
	for i := 0; i < len(edges); {
		e := edges[i]
		if e.s != subject {
			closeOut()
			subject, first = e.s, len(outAll)
		}
		j := i
		start := len(labelsAll)
		for ; j < len(edges) && edges[j].s == e.s && edges[j].p == e.p && edges[j].o == e.o; j++ {
			if l := edges[j].label; l != "" {
				labelsAll = append(labelsAll, l)
			}
		}
		i = j
		var labels []string
		if len(labelsAll) > start {
			labels = labelsAll[start:len(labelsAll):len(labelsAll)]
		}
		from, to := ix.nodes[e.s], ix.nodes[e.o]
		obj := e.o
		if to != nil {
			obj = to.ID
		}
		outAll = append(outAll, Edge{Pred: e.p, Dir: Out, Node: obj, Kind: kindOf(ix, e.o), To: to, Labels: labels})
		k := inNext[e.o]
		inNext[e.o] = k + 1
		inAll[k] = Edge{Pred: e.p, Dir: In, Node: from.ID, Kind: from.Kind, To: from, Labels: labels}
		if r, ok := relByPred[e.p]; ok {
			for _, l := range labels {
				if sp, err := ParseSpan(l); err == nil {
					ix.cited[sp.Paragraph] = append(ix.cited[sp.Paragraph], Cited{From: from.ID, Relation: r.Name, To: obj, Span: sp})
				}
			}
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
	closeOut()
	for o, end := range inNext {
		start := end - inDegree[o]
		list := inAll[start:end:end]
		slices.SortFunc(list, func(a, b Edge) int {
			if c := strings.Compare(a.Pred, b.Pred); c != 0 {
				return c
			}
			return strings.Compare(a.Node, b.Node)
		})
		ix.in[o] = list
	}
	relPreds := make([]string, 0, len(Relations))
	for _, r := range Relations {
		relPreds = append(relPreds, r.Pred)
	}
	linksAll := make([]Edge, 0, 2*rels)
	for id := range ix.nodes {
		start := len(linksAll)
		linksAll = append(linksAll, ix.edges(id, relPreds, Out)...)
		linksAll = append(linksAll, ix.edges(id, relPreds, In)...)
		if len(linksAll) > start {
			ix.links[id] = linksAll[start:len(linksAll):len(linksAll)]
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
	packLists(ix.cited)
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

// packLists moves the lists of m into one array of their total length (see BuildPlanIndex).
// Each list keeps its capacity at its length, so an append to one can never write into the
// next.
func packLists[T any](m map[string][]T) {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	all := make([]T, 0, n)
	for k, l := range m {
		start := len(all)
		all = append(all, l...)
		m[k] = all[start:len(all):len(all)]
	}
}

// interner makes equal strings one. Quads read from a dataset carry their own copy of an IRI
// in every quad that names it, and the index would keep each copy it points at: one copy per
// plan is what it needs.
type interner map[string]string

func (in interner) of(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	in[s] = s
	return s
}

// sharedPreds holds one copy of each predicate IRI for every plan's index (the vocabulary's,
// and up to maxSharedPreds others, so that odd input cannot grow it without bound).
var (
	sharedPreds    sync.Map
	sharedPredsN   atomic.Int32
	maxSharedPreds = int32(4096)
)

func sharedPred(p string) string {
	if c, ok := sharedPreds.Load(p); ok {
		return c.(string)
	}
	if sharedPredsN.Load() >= maxSharedPreds {
		return p
	}
	c, loaded := sharedPreds.LoadOrStore(strings.Clone(p), strings.Clone(p))
	if !loaded {
		sharedPredsN.Add(1)
	}
	return c.(string)
}

func internKind(k string) string {
	if c, ok := kindNames[k]; ok {
		return c
	}
	return k
}
