package schema

import (
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// Go values of the non-node types of the schema.

type linkVal struct {
	relation any // PART_OF, boxed once (see relationName)
	dir      any // OUT or IN, read from the entity the link was reached from
	node     any // the other end: its *graph.Node when the reader had it, else its nodeID
	labels   []string
}

type citationVal struct{ span graph.Span }

type mentionVal struct {
	entity string
	span   graph.Span
	text   string
	order  int64
}

type citedVal struct{ graph.Cited }

type hitVal struct{ graph.SearchHit }

type textHitVal struct{ graph.TextHit }

type highlightVal struct{ offset, length int }

type pathVal struct {
	nodes []string
	links []*linkVal
}

type statsVal struct {
	graph.PlanStats
	plans int
}

type countVal struct {
	name  string
	count int
}

type connVal struct {
	total   int
	edges   []*edgeVal
	hasNext bool
	hasPrev bool
}

type edgeVal struct {
	cursor string
	node   *graph.Node
}

var matchKinds = []string{"EXACT", "PREFIX", "SUBSTRING", "WORDS", "NEAR"}

// goResolvers resolve, keyed by (type, field), the fields of Go-valued types and the fields of
// node types that are computed rather than stored (a Term's definition is not a Zone's). New
// fails at startup if the SDL declares a field nobody resolves.
var goResolvers = map[string]map[string]batchFunc{
	"Term": {
		"definition": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
			return n.Str(graph.PropDefinition), nil
		}),
	},
	"Target": {
		// A target stated without an indicator of its own is measured by its name.
		"indicator": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
			if s := n.Str(graph.PropIndicator); s != "" {
				return s, nil
			}
			return n.Str(graph.PropName), nil
		}),
	},
	"Reached": {
		"entity": each(func(rq request, c *fieldCall, r *reachedVal) (any, error) { return r.node, nil }),
		"via": each(func(rq request, c *fieldCall, r *reachedVal) (any, error) {
			out := make([]any, len(r.via))
			for i, l := range r.via {
				out[i] = l
			}
			return out, nil
		}),
	},
	"Link": {
		"relation":  each(func(rq request, c *fieldCall, l *linkVal) (any, error) { return l.relation, nil }),
		"direction": each(func(rq request, c *fieldCall, l *linkVal) (any, error) { return l.dir, nil }),
		"entity":    each(func(rq request, c *fieldCall, l *linkVal) (any, error) { return l.node, nil }),
		"evidence":  each(func(rq request, c *fieldCall, l *linkVal) (any, error) { return citationsOf(l.labels), nil }),
	},
	"Citation": {
		"paragraph": each(func(rq request, c *fieldCall, v *citationVal) (any, error) { return nodeID(v.span.Paragraph), nil }),
		"offset":    each(func(rq request, c *fieldCall, v *citationVal) (any, error) { return int64(v.span.Start), nil }),
		"length": each(func(rq request, c *fieldCall, v *citationVal) (any, error) {
			return int64(v.span.End - v.span.Start), nil
		}),
		"quote":  resolveQuote,
		"period": resolveCitationPeriod,
	},
	"Mention": {
		"paragraph": each(func(rq request, c *fieldCall, m *mentionVal) (any, error) { return nodeID(m.span.Paragraph), nil }),
		"entity":    each(func(rq request, c *fieldCall, m *mentionVal) (any, error) { return nodeID(m.entity), nil }),
		"offset":    each(func(rq request, c *fieldCall, m *mentionVal) (any, error) { return int64(m.span.Start), nil }),
		"length": each(func(rq request, c *fieldCall, m *mentionVal) (any, error) {
			return int64(m.span.End - m.span.Start), nil
		}),
		"text": each(func(rq request, c *fieldCall, m *mentionVal) (any, error) { return m.text, nil }),
	},
	"CitedLink": {
		"from":     each(func(rq request, c *fieldCall, v *citedVal) (any, error) { return nodeID(v.From), nil }),
		"relation": each(func(rq request, c *fieldCall, v *citedVal) (any, error) { return v.Relation, nil }),
		"to":       each(func(rq request, c *fieldCall, v *citedVal) (any, error) { return nodeID(v.To), nil }),
		"citation": each(func(rq request, c *fieldCall, v *citedVal) (any, error) { return &citationVal{span: v.Span}, nil }),
	},
	"SearchHit": {
		"entity":  each(func(rq request, c *fieldCall, h *hitVal) (any, error) { return h.Node, nil }),
		"score":   each(func(rq request, c *fieldCall, h *hitVal) (any, error) { return h.Score, nil }),
		"matched": each(func(rq request, c *fieldCall, h *hitVal) (any, error) { return h.Matched, nil }),
		"field":   each(func(rq request, c *fieldCall, h *hitVal) (any, error) { return string(h.Field), nil }),
		"match":   each(func(rq request, c *fieldCall, h *hitVal) (any, error) { return matchKinds[h.Class], nil }),
	},
	"TextHit": {
		"paragraph": each(func(rq request, c *fieldCall, h *textHitVal) (any, error) { return h.Paragraph, nil }),
		"score":     each(func(rq request, c *fieldCall, h *textHitVal) (any, error) { return h.Score, nil }),
		"highlights": each(func(rq request, c *fieldCall, h *textHitVal) (any, error) {
			out := make([]any, len(h.Offsets))
			for i, o := range h.Offsets {
				out[i] = &highlightVal{o, h.Length}
			}
			return out, nil
		}),
	},
	"Highlight": {
		"offset": each(func(rq request, c *fieldCall, h *highlightVal) (any, error) { return int64(h.offset), nil }),
		"length": each(func(rq request, c *fieldCall, h *highlightVal) (any, error) { return int64(h.length), nil }),
	},
	"Path": {
		"length": each(func(rq request, c *fieldCall, p *pathVal) (any, error) { return int64(len(p.links)), nil }),
		"nodes": each(func(rq request, c *fieldCall, p *pathVal) (any, error) {
			out := make([]any, len(p.nodes))
			for i, n := range p.nodes {
				out[i] = nodeID(n)
			}
			return out, nil
		}),
		"links": each(func(rq request, c *fieldCall, p *pathVal) (any, error) {
			out := make([]any, len(p.links))
			for i, l := range p.links {
				out[i] = l
			}
			return out, nil
		}),
	},
	"Stats": {
		"plans":    each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.plans), nil }),
		"entities": each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(sum(s.Entities)), nil }),
		"entitiesByType": each(func(rq request, c *fieldCall, s *statsVal) (any, error) {
			out := []any{}
			for _, t := range graph.EntityTypes {
				out = append(out, &countVal{entityTypeEnum(t), s.Entities[t]})
			}
			return out, nil
		}),
		"links": each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(sum(s.Links)), nil }),
		"linksByRelation": each(func(rq request, c *fieldCall, s *statsVal) (any, error) {
			out := []any{}
			for _, r := range graph.Relations {
				out = append(out, &countVal{r.Name, s.Links[r.Name]})
			}
			return out, nil
		}),
		"citations":  each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Evidence), nil }),
		"paragraphs": each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Paragraphs), nil }),
		"mentions":   each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Mentions), nil }),
		"chapters":   each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Chapters), nil }),
		"sections":   each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Sections), nil }),
		"quads":      each(func(rq request, c *fieldCall, s *statsVal) (any, error) { return int64(s.Quads), nil }),
	},
	"TypeCount": {
		"type":  each(func(rq request, c *fieldCall, v *countVal) (any, error) { return v.name, nil }),
		"count": each(func(rq request, c *fieldCall, v *countVal) (any, error) { return int64(v.count), nil }),
	},
	"RelationCount": {
		"relation": each(func(rq request, c *fieldCall, v *countVal) (any, error) { return v.name, nil }),
		"count":    each(func(rq request, c *fieldCall, v *countVal) (any, error) { return int64(v.count), nil }),
	},
	"EntityConnection": {
		"totalCount": each(func(rq request, c *fieldCall, v *connVal) (any, error) { return int64(v.total), nil }),
		"edges": each(func(rq request, c *fieldCall, v *connVal) (any, error) {
			out := make([]any, len(v.edges))
			for i, e := range v.edges {
				out[i] = e
			}
			return out, nil
		}),
		"nodes": each(func(rq request, c *fieldCall, v *connVal) (any, error) {
			out := make([]any, len(v.edges))
			for i, e := range v.edges {
				out[i] = e.node
			}
			return out, nil
		}),
		"pageInfo": each(func(rq request, c *fieldCall, v *connVal) (any, error) { return v, nil }),
	},
	"EntityEdge": {
		"cursor": each(func(rq request, c *fieldCall, e *edgeVal) (any, error) { return e.cursor, nil }),
		"node":   each(func(rq request, c *fieldCall, e *edgeVal) (any, error) { return e.node, nil }),
	},
	"PageInfo": {
		"hasNextPage":     each(func(rq request, c *fieldCall, v *connVal) (any, error) { return v.hasNext, nil }),
		"hasPreviousPage": each(func(rq request, c *fieldCall, v *connVal) (any, error) { return v.hasPrev, nil }),
		"startCursor": each(func(rq request, c *fieldCall, v *connVal) (any, error) {
			if len(v.edges) == 0 {
				return nil, nil
			}
			return v.edges[0].cursor, nil
		}),
		"endCursor": each(func(rq request, c *fieldCall, v *connVal) (any, error) {
			if len(v.edges) == 0 {
				return nil, nil
			}
			return v.edges[len(v.edges)-1].cursor, nil
		}),
	},
	"Paragraph": {
		"heading": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) { return isHeading(n), nil }),
		"textSimplified": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
			return cjk.Simplify(n.Str(graph.PropText)), nil
		}),
		"mentions":  resolveParagraphMentions,
		"citations": resolveCitations,
		"previous":  resolveNeighbour(0),
		"next":      resolveNeighbour(1),
	},
	"Chapter": {
		"isChapter": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) { return n.Kind == graph.KindChapter, nil }),
		"number": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
			v, _ := n.Int(graph.PropNumber)
			return v, nil
		}),
	},
	"Plan": {
		"stats": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
			return &statsVal{PlanStats: rq.r().Stats(n.ID), plans: 1}, nil
		}),
	},
}

func sum(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

// resolveQuote cuts each citation's words out of its paragraph.
func resolveQuote(rq request, c *fieldCall, parents []any) ([]any, error) {
	return citationParagraphs(rq, parents, func(v *citationVal, para *graph.Node) any {
		return v.span.Text(para.Str(graph.PropText))
	})
}

// resolveCitationPeriod reads a citation's period off its paragraph (or the sentence of it
// the dataset places apart).
func resolveCitationPeriod(rq request, c *fieldCall, parents []any) ([]any, error) {
	return citationParagraphs(rq, parents, func(v *citationVal, para *graph.Node) any {
		return graph.PeriodOf(para, v.span.Start, v.span.End)
	})
}

// citationParagraphs loads the paragraphs of every citation at this depth in one call and
// answers fn of each citation and its paragraph.
func citationParagraphs(rq request, parents []any, fn func(*citationVal, *graph.Node) any) ([]any, error) {
	var ids []string
	for _, p := range parents {
		if v, ok := p.(*citationVal); ok {
			ids = append(ids, v.span.Paragraph)
		}
	}
	paras, err := rq.loadMap(ids)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i, p := range parents {
		v, ok := p.(*citationVal)
		if !ok {
			continue
		}
		if para := paras[v.span.Paragraph]; para != nil {
			out[i] = fn(v, para)
		}
	}
	return out, nil
}

func resolveParagraphMentions(rq request, c *fieldCall, parents []any) ([]any, error) {
	_, edges, err := rq.edgesOf(parents, []string{graph.PredMentionedIn}, graph.In)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i, p := range parents {
		text := p.(*graph.Node).Str(graph.PropText)
		var ms []*mentionVal
		for _, e := range edges[i] {
			for _, l := range e.Labels {
				if sp, err := graph.ParseSpan(l); err == nil {
					ms = append(ms, &mentionVal{entity: e.Node, span: sp, text: sp.Text(text)})
				}
			}
		}
		sortMentions(ms)
		vals := make([]any, len(ms))
		for j, m := range ms {
			vals[j] = m
		}
		out[i] = vals
	}
	return out, nil
}

func resolveCitations(rq request, c *fieldCall, parents []any) ([]any, error) {
	ids, err := nodesOf(parents)
	if err != nil {
		return nil, err
	}
	cited, err := rq.r().Cited(rq.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i := range parents {
		vals := make([]any, len(cited[i]))
		for j, x := range cited[i] {
			vals[j] = &citedVal{x}
		}
		out[i] = vals
	}
	return out, nil
}

func resolveNeighbour(which int) batchFunc {
	return func(rq request, c *fieldCall, parents []any) ([]any, error) {
		ids, err := nodesOf(parents)
		if err != nil {
			return nil, err
		}
		nb, err := rq.r().Neighbours(rq.Context(), ids)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(parents))
		for i := range parents {
			if n := nb[i][which]; n != nil {
				out[i] = n
			}
		}
		return out, nil
	}
}
