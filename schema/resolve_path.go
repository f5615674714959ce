package schema

import (
	"fmt"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
)

// maxRepeat bounds a step that may be followed any number of times (max: 0), and maxReached
// the entities one field reaches from one parent: a roll-up is a brief, not the whole graph.
const (
	maxRepeat  = 8
	maxReached = 2000
)

// pathStep is one step of a @path directive: follow links of these predicates in this
// direction, at least min and at most max times (max 0: as often as it leads somewhere new).
type pathStep struct {
	preds    []string
	dir      graph.Dir
	min, max int
}

// pathSpec is one @path directive of a field: its steps, and the entity types kept at the end.
type pathSpec struct {
	steps []pathStep
	kinds map[string]bool // nil: every entity type
}

// reachedVal is an entity a @path field reached, with the links that lead to it from the
// parent, in order.
type reachedVal struct {
	node any
	via  []*linkVal
}

// pathState is where a walk stands: a node, its kind, and the links (and nodes) that led there.
type pathState struct {
	id, kind string
	via      []*linkVal
	path     []string // the nodes the walk went through, start excluded
}

// pathField resolves a field declared with one or more @path(steps:, types:) directives: the
// entities reached from the parent by following the steps in turn, united over the
// directives, each with the links that lead to it. Every round of every step is one
// Reader.Edges call for all parents at the depth, so reads grow with the steps, not the
// results.
func pathField(fd *ast.FieldDefinition, ds []*ast.Directive) (batchFunc, error) {
	var specs []pathSpec
	for _, d := range ds {
		spec, err := readPathSpec(d)
		if err != nil {
			return nil, fmt.Errorf("@path: %w", err)
		}
		specs = append(specs, spec)
	}
	return func(rq request, c *fieldCall, parents []any) ([]any, error) {
		ids, err := nodesOf(parents)
		if err != nil {
			return nil, err
		}
		reached := make([]map[string]*reachedVal, len(parents))
		order := make([][]string, len(parents))
		for i := range reached {
			reached[i] = map[string]*reachedVal{}
		}
		for _, spec := range specs {
			states, err := rq.walk(ids, spec.steps)
			if err != nil {
				return nil, err
			}
			for i, ss := range states {
				for _, s := range ss {
					if s.id == ids[i] || len(s.via) == 0 || spec.kinds != nil && !spec.kinds[s.kind] {
						continue
					}
					last := s.via[len(s.via)-1]
					if prev := reached[i][s.id]; prev == nil || len(s.via) < len(prev.via) {
						if prev == nil {
							order[i] = append(order[i], s.id)
						}
						reached[i][s.id] = &reachedVal{node: last.node, via: s.via}
					}
				}
			}
		}
		out := make([]any, len(parents))
		for i := range parents {
			vals := make([]any, 0, len(order[i]))
			for _, id := range order[i] {
				vals = append(vals, reached[i][id])
			}
			out[i] = vals
		}
		return out, nil
	}, nil
}

// walk follows the steps from every start, one Edges call per round for all starts.
func (rq request) walk(starts []string, steps []pathStep) ([][]pathState, error) {
	frontier := make([][]pathState, len(starts))
	for i, id := range starts {
		frontier[i] = []pathState{{id: id}}
	}
	for _, st := range steps {
		max := st.max
		if max == 0 {
			max = maxRepeat
		}
		results := make([][]pathState, len(starts))
		seen := make([]map[string]bool, len(starts))
		for i := range starts {
			seen[i] = map[string]bool{}
			if st.min == 0 {
				for _, s := range frontier[i] {
					if !seen[i][s.id] {
						seen[i][s.id] = true
						results[i] = append(results[i], s)
					}
				}
			}
		}
		current := frontier
		for round := 1; round <= max; round++ {
			if err := rq.Context().Err(); err != nil {
				return nil, err
			}
			var ids []string
			at := map[string]int{}
			for _, ss := range current {
				for _, s := range ss {
					if _, ok := at[s.id]; !ok {
						at[s.id] = len(ids)
						ids = append(ids, s.id)
					}
				}
			}
			if len(ids) == 0 {
				break
			}
			edges, err := rq.r().Edges(rq.Context(), ids, st.preds, st.dir)
			if err != nil {
				return nil, err
			}
			next := make([][]pathState, len(starts))
			grew := false
			for i, ss := range current {
				for _, s := range ss {
					for _, e := range edges[at[s.id]] {
						if !graph.IsEntityType(e.Kind) || onPath(s, e.Node, starts[i]) || len(results[i]) >= maxReached {
							continue
						}
						if seen[i][e.Node] && round >= st.min {
							continue // reached already, by as short a walk
						}
						via := append(append(make([]*linkVal, 0, len(s.via)+1), s.via...), linkOf(e))
						path := append(append(make([]string, 0, len(s.path)+1), s.path...), e.Node)
						ns := pathState{id: e.Node, kind: e.Kind, via: via, path: path}
						next[i] = append(next[i], ns)
						grew = true
						if round >= st.min && !seen[i][e.Node] {
							seen[i][e.Node] = true
							results[i] = append(results[i], ns)
						}
					}
				}
			}
			if !grew {
				break
			}
			current = next
		}
		frontier = results
	}
	return frontier, nil
}

// onPath reports whether id is already on the walk (a walk never comes back to a node).
func onPath(s pathState, id, start string) bool {
	if id == start {
		return true
	}
	for _, p := range s.path {
		if p == id {
			return true
		}
	}
	return false
}

// readPathSpec reads @path(steps: [{rel:, dir:, min:, max:}], types:).
func readPathSpec(d *ast.Directive) (pathSpec, error) {
	var spec pathSpec
	a := d.Arguments.ForName("steps")
	if a == nil || a.Value.Kind != ast.ListValue || len(a.Value.Children) == 0 {
		return spec, fmt.Errorf("needs steps")
	}
	for _, c := range a.Value.Children {
		st := pathStep{dir: graph.Out, min: 1, max: 1}
		for _, f := range c.Value.Children {
			var err error
			switch f.Name {
			case "rel":
				st.preds, err = relPreds(enumList(f.Value))
			case "dir":
				st.dir, err = dirOf(f.Value.Raw)
			case "min":
				st.min, err = strconv.Atoi(f.Value.Raw)
			case "max":
				st.max, err = strconv.Atoi(f.Value.Raw)
			}
			if err != nil {
				return spec, fmt.Errorf("step %s: %w", f.Name, err)
			}
		}
		if len(st.preds) == 0 {
			return spec, fmt.Errorf("a step needs rel")
		}
		spec.steps = append(spec.steps, st)
	}
	if t := d.Arguments.ForName("types"); t != nil {
		spec.kinds = map[string]bool{}
		for _, e := range enumList(t.Value) {
			k, ok := kindOfEnum(e)
			if !ok {
				return spec, fmt.Errorf("unknown entity type %s", e)
			}
			spec.kinds[k] = true
		}
	}
	return spec, nil
}
