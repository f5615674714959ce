package bench

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
)

// pathEngine writes each question directly with cayley's path API. Traversals go breadth
// first, one path query per level (a path that tagged every level at once would enumerate the
// product of the levels, one row per combination of quads); nodes become values only for the
// output, as any caller needs them.
type pathEngine struct {
	qs    cgraph.QuadStore
	preds []any
	cited citedLevels
}

func newPathEngine(qs cgraph.QuadStore, backend string) *pathEngine {
	return &pathEngine{qs: qs, preds: relationVia(), cited: citedLevelsFor(backend)}
}

func (e *pathEngine) Name() string                { return EnginePath }
func (e *pathEngine) Unsupported(q string) string { return "" }

// pathRows is the path engine's output: rows of values (see Tuples for their layout).
type pathRows [][]string

func (e *pathEngine) Answer(ctx context.Context, q string, in Input) (any, error) {
	switch q {
	case Lookup:
		vals, err := path.StartPath(e.qs, quad.IRI(in.ID)).Out(predName).Iterate(ctx).AllValues(e.qs)
		if err != nil {
			return nil, err
		}
		rows := make(pathRows, len(vals))
		for i, v := range vals {
			rows[i] = []string{str(v)}
		}
		return rows, nil
	case Search:
		re := shape.Regexp{Re: searchPattern(in.Text)}
		p := path.StartPath(e.qs).HasFilter(predNameSimp, false, re).
			Or(path.StartPath(e.qs).HasFilter(predAliasSimp, false, re)).
			Unique().Tag("id").Save(predName, "name")
		return e.rows(ctx, p, "id", "name")
	case OneHop:
		// The neighbours first, then the type: with the type filter in the same path, cayley
		// starts from every entity of the type, which on bolt takes 50 ms instead of 0.3.
		ns, err := path.StartPath(e.qs, quad.IRI(in.ID)).Both(e.preds...).Unique().Iterate(ctx).All()
		if err != nil || len(ns) == 0 {
			return pathRows{}, err
		}
		p := path.StartPathNodes(e.qs, ns...).Has(predType, quad.IRI(graph.ClassIRI(in.Type))).Tag("id").Save(predName, "name")
		return e.rows(ctx, p, "id", "name")
	case TwoHop:
		return e.twoHop(ctx, in)
	case ThreeHopCited:
		return e.threeHopCited(ctx, in)
	case Path:
		return e.shortestPath(ctx, in)
	}
	return nil, fmt.Errorf("unknown question %q", q)
}

// rows runs p and returns the values of the tags of every result.
func (e *pathEngine) rows(ctx context.Context, p *path.Path, tags ...string) (pathRows, error) {
	var out pathRows
	err := p.Iterate(ctx).TagEach(func(m map[string]cgraph.Ref) error {
		row := make([]string, len(tags))
		for i, t := range tags {
			v, err := e.qs.NameOf(m[t])
			if err != nil {
				return err
			}
			row[i] = str(v)
		}
		out = append(out, row)
		return nil
	})
	return out, err
}

func (e *pathEngine) start(ctx context.Context, iri string) (cgraph.Ref, error) {
	ref, err := e.qs.ValueOf(quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	if ref == nil {
		return nil, fmt.Errorf("%s is not in the store", iri)
	}
	return ref, nil
}

// twoHop: the neighbours, then their neighbours, then the names of every distinct node in
// one query (fetching a name per row instead costs a lookup per quad that reached the node).
func (e *pathEngine) twoHop(ctx context.Context, in Input) (any, error) {
	ys, err := path.StartPath(e.qs, quad.IRI(in.ID)).Both(e.preds...).Unique().Iterate(ctx).All()
	if err != nil || len(ys) == 0 {
		return pathRows{}, err
	}
	type pair struct{ y, z any }
	var pairs []pair
	refsByKey := map[any]cgraph.Ref{}
	for _, y := range ys {
		refsByKey[refs.ToKey(y)] = y
	}
	seen := map[pair]bool{}
	err = path.StartPathNodes(e.qs, ys...).Tag("y").Both(e.preds...).Tag("z").
		Iterate(ctx).TagEach(func(m map[string]cgraph.Ref) error {
		p := pair{refs.ToKey(m["y"]), refs.ToKey(m["z"])}
		if !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
			refsByKey[p.z] = m["z"]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	nodes := make([]cgraph.Ref, 0, len(refsByKey))
	for _, r := range refsByKey {
		nodes = append(nodes, r)
	}
	type named struct{ id, name string }
	names := make(map[any]named, len(nodes))
	err = path.StartPathNodes(e.qs, nodes...).Tag("id").Save(predName, "n").
		Iterate(ctx).TagEach(func(m map[string]cgraph.Ref) error {
		id, err := e.qs.NameOf(m["id"])
		if err != nil {
			return err
		}
		n, err := e.qs.NameOf(m["n"])
		if err != nil {
			return err
		}
		names[refs.ToKey(m["id"])] = named{str(id), str(n)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(pathRows, len(pairs))
	for i, p := range pairs {
		y, z := names[p.y], names[p.z]
		out[i] = []string{y.id, y.name, z.id, z.name}
	}
	return out, nil
}

// threeHopCited: three levels of outgoing links, each quad's label (the citation) tagged; a
// level starts from the distinct entities the previous one reached, and is read as
// citedLevelsFor says for the store.
func (e *pathEngine) threeHopCited(ctx context.Context, in Input) (any, error) {
	start, err := e.start(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	var out pathRows
	frontier := []cgraph.Ref{start}
	for depth := 1; depth <= 3 && len(frontier) > 0; depth++ {
		seen := map[any]bool{}
		var next []cgraph.Ref
		d := strconv.Itoa(depth)
		// read runs one query from some entities of the level; pred is the relation when
		// the query follows one, nil when it tags the predicate of each quad as "p".
		read := func(from []cgraph.Ref, pred any) error {
			p := path.StartPathNodes(e.qs, from...).Tag("f").LabelContextWithTags([]string{"c"}, path.StartMorphism())
			if pred != nil {
				p = p.Out(pred)
			} else {
				p = p.OutWithTags([]string{"p"}, e.preds...)
			}
			return p.Tag("t").Iterate(ctx).TagEach(func(m map[string]cgraph.Ref) error {
				row := []string{d, "", "", "", ""}
				if v, ok := pred.(quad.Value); ok {
					row[2] = str(v)
				}
				for i, tag := range []string{"f", "p", "t", "c"} {
					if tag == "p" && pred != nil {
						continue
					}
					v, err := e.qs.NameOf(m[tag])
					if err != nil {
						return err
					}
					row[i+1] = str(v)
				}
				out = append(out, row)
				if k := refs.ToKey(m["t"]); !seen[k] {
					seen[k] = true
					next = append(next, m["t"])
				}
				return nil
			})
		}
		switch e.cited {
		case perEntityTagged:
			for _, f := range frontier {
				if err := read([]cgraph.Ref{f}, nil); err != nil {
					return nil, err
				}
			}
		case perLevelPerRelation:
			for _, p := range e.preds {
				if err := read(frontier, p); err != nil {
					return nil, err
				}
			}
		default:
			if err := read(frontier, nil); err != nil {
				return nil, err
			}
		}
		frontier = next
	}
	return out, nil
}

var errFound = errors.New("found")

// shortestPath: breadth first from one end, one path step per level, remembering how each
// node was reached; it stops at the level that reaches the other end.
func (e *pathEngine) shortestPath(ctx context.Context, in Input) (any, error) {
	from, err := e.start(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	to, err := e.start(ctx, in.To)
	if err != nil {
		return nil, err
	}
	type visit struct{ node, parent cgraph.Ref }
	toKey := refs.ToKey(to)
	seen := map[any]visit{refs.ToKey(from): {node: from}}
	frontier := []cgraph.Ref{from}
	found := false
	for hop := 1; hop <= maxHops && !found && len(frontier) > 0; hop++ {
		var next []cgraph.Ref
		err := path.StartPathNodes(e.qs, frontier...).Tag("p").Both(e.preds...).Tag("n").
			Iterate(ctx).TagEach(func(m map[string]cgraph.Ref) error {
			k := refs.ToKey(m["n"])
			if _, ok := seen[k]; ok {
				return nil
			}
			seen[k] = visit{m["n"], m["p"]}
			next = append(next, m["n"])
			if k == toKey {
				found = true
				return errFound
			}
			return nil
		})
		if err != nil && !errors.Is(err, errFound) {
			return nil, err
		}
		frontier = next
	}
	if !found {
		return pathRows{}, nil
	}
	var nodes []string
	for v := seen[toKey]; ; v = seen[refs.ToKey(v.parent)] {
		name, err := e.qs.NameOf(v.node)
		if err != nil {
			return nil, err
		}
		nodes = append([]string{str(name)}, nodes...)
		if v.parent == nil {
			break
		}
	}
	return pathRows{nodes}, nil
}

// Tuples of the path engine's rows: lookup [name]; search and 1hop [id name]; 2hop
// [y name z name]; 3hop-cited [depth from predicate to label]; path [node …].
func (e *pathEngine) Tuples(q string, out any) ([]string, error) {
	rows, ok := out.(pathRows)
	if !ok {
		return nil, fmt.Errorf("path answer is %T", out)
	}
	var ts []string
	for _, r := range rows {
		switch q {
		case Lookup, Search, OneHop:
			ts = append(ts, r[0])
		case TwoHop:
			ts = append(ts, r[0]+" "+r[2])
		case ThreeHopCited:
			depth, _ := strconv.Atoi(r[0])
			ts = append(ts, citedTuple(depth, r[1], relationOf(r[2]), r[3], r[4]))
		case Path:
			ts = append(ts, pathTuple(len(r)-1))
		}
	}
	return tupleSet(ts), nil
}

// ---------------------------------------------------------------------------------------------
// gizmo: cayley's JavaScript query language.
