package schema

import (
	"sort"
	"strings"

	"github.com/plangraph/plangraph/graph"
)

// resolveEntityChapters answers the chapters (and other top-level parts) whose paragraphs
// mention each entity, in reading order: a paragraph's local id starts with its part's.
func resolveEntityChapters(rq request, c *fieldCall, parents []any) ([]any, error) {
	_, edges, err := rq.edgesOf(parents, []string{graph.PredMentionedIn}, graph.Out)
	if err != nil {
		return nil, err
	}
	partOf := func(para string) string {
		plan := graph.PlanOf(para)
		rest := strings.TrimPrefix(para, plan+"/")
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[:i]
		}
		return plan + "/" + rest
	}
	var ids []string
	for _, es := range edges {
		for _, e := range es {
			ids = append(ids, partOf(e.Node))
		}
	}
	parts, err := rq.loadMap(ids)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i, es := range edges {
		seen := map[string]bool{}
		var list []*graph.Node
		for _, e := range es {
			id := partOf(e.Node)
			if p := parts[id]; p != nil && !seen[id] {
				seen[id] = true
				list = append(list, p)
			}
		}
		sort.Slice(list, func(a, b int) bool {
			x, _ := list[a].Int(graph.PropOrder)
			y, _ := list[b].Int(graph.PropOrder)
			return x < y
		})
		vals := make([]any, len(list))
		for j, p := range list {
			vals[j] = p
		}
		out[i] = vals
	}
	return out, nil
}

func resolveMentionCount(rq request, c *fieldCall, parents []any) ([]any, error) {
	_, edges, err := rq.edgesOf(parents, []string{graph.PredMentionedIn}, graph.Out)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i := range parents {
		n := 0
		for _, e := range edges[i] {
			n += len(e.Labels)
		}
		out[i] = int64(n)
	}
	return out, nil
}

// resolveEntityMentions lists where each entity is named, in reading order. The paragraphs are
// loaded in one call to order the mentions and cut their text.
func resolveEntityMentions(rq request, c *fieldCall, parents []any) ([]any, error) {
	first, err := argInt(c.Args, "first", 20)
	if err != nil {
		return nil, err
	}
	ids, edges, err := rq.edgesOf(parents, []string{graph.PredMentionedIn}, graph.Out)
	if err != nil {
		return nil, err
	}
	paras, err := rq.loadMap(edgeNodes(edges))
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i := range parents {
		var ms []*mentionVal
		for _, e := range edges[i] {
			p := paras[e.Node]
			for _, l := range e.Labels {
				sp, err := graph.ParseSpan(l)
				if err != nil || p == nil {
					continue
				}
				ms = append(ms, &mentionVal{entity: ids[i], span: sp, text: sp.Text(p.Str(graph.PropText)), order: readingOrder(p)})
			}
		}
		sortMentions(ms)
		vals := []any{}
		for _, m := range ms {
			if len(vals) >= first {
				break
			}
			vals = append(vals, m)
		}
		out[i] = vals
	}
	return out, nil
}

func sortMentions(ms []*mentionVal) {
	sort.Slice(ms, func(a, b int) bool {
		if ms[a].order != ms[b].order {
			return ms[a].order < ms[b].order
		}
		return ms[a].span.Start < ms[b].span.Start
	})
}

func edgeNodes(edges [][]graph.Edge) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range edges {
		for _, e := range list {
			if !seen[e.Node] {
				seen[e.Node] = true
				out = append(out, e.Node)
			}
		}
	}
	return out
}
