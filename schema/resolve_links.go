package schema

import (
	"github.com/plangraph/plangraph/graph"
)

// linkQuery reads the relations/direction/types arguments of links and linkCount.
type linkQuery struct {
	preds []string
	dir   graph.Dir
	kinds map[string]bool
	// periods, when set, keeps only the citations in paragraphs of these periods, and only the
	// links left with one.
	periods map[string]bool
}

func linkQueryOf(args map[string]any) (linkQuery, error) {
	q := linkQuery{dir: graph.Both}
	rels := argStrings(args, "relations")
	if len(rels) == 0 {
		rels = graph.RelationNames()
	}
	preds, err := relPreds(rels)
	if err != nil {
		return q, badInput("%v", err)
	}
	q.preds = preds
	if d := argString(args, "direction"); d != "" {
		if q.dir, err = dirOf(d); err != nil {
			return q, badInput("%v", err)
		}
	}
	if ts := argStrings(args, "types"); len(ts) > 0 {
		q.kinds = map[string]bool{}
		for _, t := range ts {
			k, ok := kindOfEnum(t)
			if !ok {
				return q, badInput("unknown entity type %q", t)
			}
			q.kinds[k] = true
		}
	}
	if q.periods, err = periodsArg(args); err != nil {
		return q, err
	}
	return q, nil
}

// periodsArg reads the period argument of links, linkCount and paths: nil when not given.
func periodsArg(args map[string]any) (map[string]bool, error) {
	ps := argStrings(args, "period")
	if len(ps) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	for _, p := range ps {
		if !graph.IsPeriod(p) {
			return nil, badInput("unknown period %q", p)
		}
		set[p] = true
	}
	return set, nil
}

func (q linkQuery) admits(e graph.Edge) bool {
	if !graph.IsEntityType(e.Kind) {
		return false
	}
	return q.kinds == nil || q.kinds[e.Kind]
}

func resolveLinks(rq request, c *fieldCall, parents []any) ([]any, error) {
	first, err := argInt(c.Args, "first", 100)
	if err != nil {
		return nil, err
	}
	q, edges, err := rq.linkEdges(c, parents)
	if err != nil {
		return nil, err
	}
	out := rq.NewValues(len(parents))
	for i := range parents {
		n := min(len(edges[i]), first)
		vals := rq.NewValues(n)[:0]
		links := rq.newLinks(n)
		for _, e := range edges[i] {
			if !q.admits(e) {
				continue
			}
			if len(vals) >= first {
				break
			}
			l := &links[len(vals)]
			setLink(l, e)
			vals = append(vals, l)
		}
		out[i] = vals
	}
	return out, nil
}

// linkEdges reads the edges the relations/direction/types arguments of links and linkCount
// ask for, for every parent in one call.
func (rq request) linkEdges(c *fieldCall, parents []any) (linkQuery, [][]graph.Edge, error) {
	q, _ := c.Memo.Load().(*linkQuery)
	if q == nil {
		lq, err := linkQueryOf(c.Args)
		if err != nil {
			return lq, nil, err
		}
		// A call made once per document (see collected.call) serves every request: its query
		// is worked out once too. Two requests may both store it; they store the same.
		c.Memo.Store(&lq)
		q = &lq
	}
	_, edges, err := rq.edgesOf(parents, q.preds, q.dir)
	if err == nil && q.periods != nil {
		edges, err = rq.inPeriods(edges, q.periods)
	}
	return *q, edges, err
}

// inPeriods keeps, of each edge, the citations of one of the periods (see graph.PeriodOf), and
// the edges left with at least one. The paragraphs of all parents are loaded in one call.
func (rq request) inPeriods(edges [][]graph.Edge, periods map[string]bool) ([][]graph.Edge, error) {
	spanOf := map[string]graph.Span{} // citation label → its span, parsed once
	var ids []string
	for _, es := range edges {
		for _, e := range es {
			for _, l := range e.Labels {
				if sp, err := graph.ParseSpan(l); err == nil {
					spanOf[l] = sp
					ids = append(ids, sp.Paragraph)
				}
			}
		}
	}
	paras, err := rq.loadMap(ids)
	if err != nil {
		return nil, err
	}
	out := make([][]graph.Edge, len(edges))
	for i, es := range edges {
		for _, e := range es {
			var kept []string
			for _, l := range e.Labels {
				sp, ok := spanOf[l]
				if p := paras[sp.Paragraph]; ok && p != nil && periods[graph.PeriodOf(p, sp.Start, sp.End)] {
					kept = append(kept, l)
				}
			}
			if len(kept) > 0 {
				e.Labels = kept
				out[i] = append(out[i], e)
			}
		}
	}
	return out, nil
}

func linkOf(e graph.Edge) *linkVal {
	l := &linkVal{}
	setLink(l, e)
	return l
}

func setLink(l *linkVal, e graph.Edge) {
	*l = linkVal{relation: relationValue(e.Pred), dir: dirOut, node: neighbour(e), labels: e.Labels}
	if e.Dir == graph.In {
		l.dir = dirIn
	}
}

// neighbour is the value of the node at the other end of an edge: the node itself when the
// reader gave it (no load at the next depth), else its id.
func neighbour(e graph.Edge) any {
	if e.To != nil {
		return e.To
	}
	return nodeID(e.Node)
}

// Enum values boxed once: every link of every response carries them.
var (
	dirOut, dirIn any = "OUT", "IN"
	relationName      = map[string]any{}
)

func init() {
	for _, r := range graph.Relations {
		relationName[r.Pred] = r.Name
	}
}

// relationValue is the enum value of a relation's predicate; a relation the vocabulary gained
// after start-up (graph.Extend) is boxed on the way.
func relationValue(pred string) any {
	if v, ok := relationName[pred]; ok {
		return v
	}
	if r, ok := graph.RelationByPred(pred); ok {
		return r.Name
	}
	return nil
}

func resolveLinkCount(rq request, c *fieldCall, parents []any) ([]any, error) {
	q, edges, err := rq.linkEdges(c, parents)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i := range parents {
		out[i] = int64(countLinked(edges[i], q))
	}
	return out, nil
}

// countLinked counts the distinct entities reached by the admitted edges.
func countLinked(edges []graph.Edge, q linkQuery) int {
	seen := map[string]bool{}
	for _, e := range edges {
		if q.admits(e) {
			seen[e.Node] = true
		}
	}
	return len(seen)
}
