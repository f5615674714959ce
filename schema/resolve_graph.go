package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// The generic resolvers of node fields: @follow, @edge, @prop, and the property of a field's name.

// each turns a resolver of one parent into a batch resolver. Fields that need no read of the
// store (properties, Go values) use it; fields that read the store batch explicitly.
func each[T any](fn func(rq request, c *fieldCall, p T) (any, error)) batchFunc {
	return func(rq request, c *fieldCall, parents []any) ([]any, error) {
		out := rq.NewValues(len(parents))
		for i, p := range parents {
			v, ok := p.(T)
			if !ok {
				out[i] = fieldError{Err: fmt.Errorf("internal: %s.%s resolved on a %T", c.Parent.Name, c.Field.Name, p)}
				continue
			}
			r, err := fn(rq, c, v)
			if err != nil {
				out[i] = fieldError{Err: err}
				continue
			}
			out[i] = r
		}
		return out, nil
	}
}

// edgesOf reads, in one call, the edges of every parent node over the predicates.
func (rq request) edgesOf(parents []any, preds []string, dir graph.Dir) ([]string, [][]graph.Edge, error) {
	ids, err := nodesOf(parents)
	if err != nil {
		return nil, nil, err
	}
	edges, err := rq.r().Edges(rq.Context(), ids, preds, dir)
	return ids, edges, err
}

func nodesOf(parents []any) ([]string, error) {
	ids := make([]string, len(parents))
	for i, p := range parents {
		n, ok := p.(*graph.Node)
		if !ok {
			return nil, fmt.Errorf("internal: expected a graph node, got %T", p)
		}
		ids[i] = n.ID
	}
	return ids, nil
}

// enumList reads a directive argument that is an enum or a list of enums.
func enumList(v *ast.Value) []string {
	if v == nil {
		return nil
	}
	if v.Kind == ast.ListValue {
		var out []string
		for _, c := range v.Children {
			out = append(out, c.Value.Raw)
		}
		return out
	}
	return []string{v.Raw}
}

func dirOf(s string) (graph.Dir, error) {
	switch s {
	case "", "OUT":
		return graph.Out, nil
	case "IN":
		return graph.In, nil
	case "BOTH":
		return graph.Both, nil
	}
	return 0, fmt.Errorf("unknown direction %q", s)
}

// directiveDir reads the dir argument of @follow and @edge (OUT when absent).
func directiveDir(d *ast.Directive) (graph.Dir, error) {
	if a := d.Arguments.ForName("dir"); a != nil {
		return dirOf(a.Value.Raw)
	}
	return graph.Out, nil
}

func relPreds(names []string) ([]string, error) {
	preds := make([]string, 0, len(names))
	for _, n := range names {
		r, ok := graph.RelationByName(n)
		if !ok {
			return nil, fmt.Errorf("unknown relation %q", n)
		}
		preds = append(preds, r.Pred)
	}
	return preds, nil
}

// entityKinds returns the entity types a field of the given return type admits: the type itself
// for a concrete entity type, every type for the Entity interface.
func entityKinds(typeName string) (map[string]bool, error) {
	if typeName == "Entity" {
		return nil, nil
	}
	if graph.IsEntityType(typeName) {
		return map[string]bool{typeName: true}, nil
	}
	return nil, fmt.Errorf("@follow returns %s, not an entity type", typeName)
}

// linkField resolves a field declared with @follow(rel:, dir:): one Reader.Edges call for every
// parent at a depth, filtered to the field's entity type.
func linkField(s *ast.Schema, fd *ast.FieldDefinition, d *ast.Directive) (batchFunc, error) {
	preds, err := relPreds(enumList(d.Arguments.ForName("rel").Value))
	if err != nil {
		return nil, err
	}
	dir, err := directiveDir(d)
	if err != nil {
		return nil, err
	}
	kinds, err := entityKinds(fd.Type.Name())
	if err != nil {
		return nil, err
	}
	list := fd.Type.Elem != nil
	return func(rq request, c *fieldCall, parents []any) ([]any, error) {
		_, edges, err := rq.edgesOf(parents, preds, dir)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(parents))
		for i := range parents {
			vals := []any{}
			seen := map[string]bool{}
			for _, e := range edges[i] {
				if kinds != nil && !kinds[e.Kind] || kinds == nil && !graph.IsEntityType(e.Kind) || seen[e.Node] {
					continue
				}
				seen[e.Node] = true
				vals = append(vals, neighbour(e))
			}
			if list {
				out[i] = vals
			} else if len(vals) > 0 {
				out[i] = vals[0]
			}
		}
		return out, nil
	}, nil
}

// edgeField resolves a structural field declared with @edge(pred:, dir:). Its nodes are loaded
// in the same batch to put them in reading order.
func edgeField(s *ast.Schema, fd *ast.FieldDefinition, d *ast.Directive) (batchFunc, error) {
	pred := d.Arguments.ForName("pred").Value.Raw
	dir, err := directiveDir(d)
	if err != nil {
		return nil, err
	}
	kinds := map[string]bool{}
	for _, k := range nodeKinds(fd.Type.Name()) {
		kinds[k] = true
	}
	if len(kinds) == 0 {
		return nil, fmt.Errorf("@edge returns %s, which is not a node type", fd.Type.Name())
	}
	return func(rq request, c *fieldCall, parents []any) ([]any, error) {
		_, edges, err := rq.edgesOf(parents, []string{pred}, dir)
		if err != nil {
			return nil, err
		}
		var want []string
		for i := range parents {
			for _, e := range edges[i] {
				if kinds[e.Kind] {
					want = append(want, e.Node)
				}
			}
		}
		nodes, err := rq.r().Nodes(rq.Context(), want)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(parents))
		k := 0
		for i := range parents {
			var list []*graph.Node
			for _, e := range edges[i] {
				if kinds[e.Kind] {
					if n := nodes[k]; n != nil {
						list = append(list, n)
					}
					k++
				}
			}
			sort.SliceStable(list, func(a, b int) bool { return readingOrder(list[a]) < readingOrder(list[b]) })
			vals := make([]any, len(list))
			for j, n := range list {
				vals[j] = n
			}
			out[i] = vals
		}
		return out, nil
	}, nil
}

// readingOrder orders structure nodes: parts and paragraphs carry their order, sections and
// items their number.
func readingOrder(n *graph.Node) int64 {
	if o, ok := n.Int(graph.PropOrder); ok {
		return o
	}
	o, _ := n.Int(graph.PropNumber)
	return o
}

// propField reads a stored property.
func propField(key string, t *ast.Type) batchFunc {
	list := t.Elem != nil
	return each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
		if list {
			vals := n.All(key)
			out := make([]any, len(vals))
			for i, v := range vals {
				if r, ok := v.(graph.Ref); ok {
					v = string(r)
				}
				out[i] = v
			}
			return out, nil
		}
		v := n.Get(key)
		if r, ok := v.(graph.Ref); ok {
			return string(r), nil
		}
		return v, nil
	})
}

// planOf is the plan a node belongs to, for every node type with a plan field.
var planOf = each(func(rq request, c *fieldCall, n *graph.Node) (any, error) { return nodeID(n.Plan), nil })

func init() {
	// Keyed by interface: an interface's resolver serves the field, as one batch, on every
	// type that implements the interface (see planField).
	goResolvers["Node"] = map[string]batchFunc{
		"id": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) { return n.ID, nil }),
	}
	goResolvers["Entity"] = entityResolvers
	goResolvers["Entity"]["plan"] = planOf
	goResolvers["Paragraph"]["plan"] = planOf
}

// entityResolvers serve the fields of the Entity interface that are not plain properties.
var entityResolvers = map[string]batchFunc{
	"type": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) { return entityTypeEnum(n.Kind), nil }),
	"nameSimplified": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
		if s := n.Str(graph.PropNameSimplified); s != "" {
			return s, nil
		}
		return cjk.Simplify(n.Str(graph.PropName)), nil
	}),
	"pinyin": each(func(rq request, c *fieldCall, n *graph.Node) (any, error) {
		if s := n.Str(graph.PropPinyin); s != "" {
			return s, nil
		}
		return cjk.Pinyin(n.Str(graph.PropName)), nil
	}),
	"links":        resolveLinks,
	"linkCount":    resolveLinkCount,
	"mentions":     resolveEntityMentions,
	"mentionCount": resolveMentionCount,
	"evidence":     resolveEvidence,
	"chapters":     resolveEntityChapters,
}

// loadMap loads nodes in one call and returns them by id.
func (rq request) loadMap(ids []string) (map[string]*graph.Node, error) {
	out := make(map[string]*graph.Node, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	nodes, err := rq.r().Nodes(rq.Context(), ids)
	if err != nil {
		return nil, err
	}
	for i, n := range nodes {
		if n != nil {
			out[ids[i]] = n
		}
	}
	return out, nil
}

func resolveEvidence(rq request, c *fieldCall, parents []any) ([]any, error) {
	_, edges, err := rq.edgesOf(parents, []string{graph.PredStatedIn}, graph.Out)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(parents))
	for i := range parents {
		vals := []any{}
		for _, e := range edges[i] {
			vals = append(vals, citationsOf(e.Labels)...)
		}
		out[i] = vals
	}
	return out, nil
}

func citationsOf(labels []string) []any {
	out := make([]any, 0, len(labels))
	for _, l := range labels {
		if sp, err := graph.ParseSpan(l); err == nil {
			out = append(out, &citationVal{span: sp})
		}
	}
	return out
}

func isHeading(n *graph.Node) bool { return strings.HasSuffix(n.Str(graph.PropLocalID), "/h") }
