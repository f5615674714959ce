package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	cgql "github.com/cayleygraph/cayley/query/graphql"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// The engines of this file ask the questions through cayley on the store under test, reading
// the quads the loader wrote (the vocabulary of graph/vocab.go): the path API, Gizmo and
// cayley's GraphQL dialect. They follow the same predicates from the same start points as our
// executor and return what their callers would get, so that the comparison is of the engines
// and not of the questions.

var (
	predName      = quad.IRI(graph.PropPred(graph.PropName))
	predNameSimp  = quad.IRI(graph.PropPred(graph.PropNameSimplified))
	predAliasSimp = quad.IRI(graph.PropPred(graph.PropAliasSimp))
	predType      = quad.IRI(graph.PredType)
)

// relationVia is every relation predicate, as the path API takes them.
func relationVia() []any {
	var out []any
	for _, p := range relationPreds() {
		out = append(out, quad.IRI(p))
	}
	return out
}

// str is a value as the tuples write it: IRIs without angle brackets, strings as they are.
func str(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

// citedLevels is how a level of cited links (3hop-cited) is read. cayley's optimizer picks a
// very different plan for each way on each store, so the engines take, per store, the fastest
// of the three we measured on the 3hop-cited start points (see bench/RESULTS.md):
//
//	memory    one query per entity, predicate tagged: 0.05–0.4 ms at 1M quads, where one query
//	          per level took up to 75 ms once a level held a few entities
//	bolt      one query per level and relation: 1–6 ms at 100k, where tagging the predicate
//	          made bolt scan (1.5 s per entity)
//	postgres  one query per level, predicate tagged: 70–135 ms at 100k; per entity up to 3×
//	          and per relation 7–16× slower
type citedLevels int

const (
	perEntityTagged citedLevels = iota
	perLevelPerRelation
	perLevelTagged
)

func citedLevelsFor(backend string) citedLevels {
	switch backend {
	case "bolt":
		return perLevelPerRelation
	case "postgres":
		return perLevelTagged
	}
	return perEntityTagged
}

// searchPattern is the search question as a regular expression over the Simplified forms the
// loader stores: our search folds the text to Simplified and looks for it in those forms.
func searchPattern(text string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(cjk.Simplify(text)))
}

// ---------------------------------------------------------------------------------------------
// path: cayley's path API — the floor.

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

// gizmoEngine runs Gizmo scripts. It keeps one session per script, so that a script is
// compiled once, as our executor parses and validates a document once; a cayley server would
// make a new session per request, which costs more. The scripts take the same steps as the
// path engine, level by level: written as one chained traversal (g.V(x).Both(P).Tag("y")
// .Save(…).Both(P)…), the 2hop question took 1.7 s instead of a few milliseconds on bolt,
// where cayley's optimizer starts such chains from the wrong end. What is measured is then the
// cost of Gizmo itself, not of a query plan; for the same reason 3hop-cited reads its levels
// as the path engine does on the store (citedLevels).
type gizmoEngine struct {
	qs       cgraph.QuadStore
	cited    citedLevels
	sessions map[string]*gizmo.Session
	scripts  map[string]string
}

func newGizmoEngine(qs cgraph.QuadStore, backend string) *gizmoEngine {
	return &gizmoEngine{qs: qs, cited: citedLevelsFor(backend), sessions: map[string]*gizmo.Session{}, scripts: map[string]string{}}
}

func (e *gizmoEngine) Name() string                { return EngineGizmo }
func (e *gizmoEngine) Unsupported(q string) string { return "" }

// jsString is s as a JavaScript string literal (JSON's string syntax is JavaScript's).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func jsIRI(s string) string { return jsString("<" + s + ">") }

// gizmoPreds is the list of relation predicates as a JavaScript array.
func gizmoPreds() string {
	var ps []string
	for _, p := range relationPreds() {
		ps = append(ps, jsIRI(p))
	}
	return "[" + strings.Join(ps, ",") + "]"
}

func (e *gizmoEngine) script(q string, in Input) (string, error) {
	key := q + "\x00" + in.String()
	if s, ok := e.scripts[key]; ok {
		return s, nil
	}
	P := gizmoPreds()
	name := jsIRI(string(predName))
	var s string
	switch q {
	case Lookup:
		s = fmt.Sprintf(`g.V(%s).Out(%s).All()`, jsIRI(in.ID), name)
	case Search:
		s = fmt.Sprintf(`var re = regex(%s);
g.V().Has(%s, re).Union(g.V().Has(%s, re)).Unique().Save(%s, "name").All()`,
			jsString(searchPattern(in.Text).String()), jsIRI(string(predNameSimp)), jsIRI(string(predAliasSimp)), name)
	case OneHop:
		s = fmt.Sprintf(`var ns = g.V(%s).Both(%s).Unique().ToArray();
if (ns.length > 0) { g.V.apply(g, ns).Has(%s, %s).Save(%s, "name").All(); }`,
			jsIRI(in.ID), P, jsIRI(graph.PredType), jsIRI(graph.ClassIRI(in.Type)), name)
	case TwoHop:
		s = fmt.Sprintf(`var P = %s;
var ys = g.V(%s).Both(P).Unique().ToArray(), out = [];
if (ys.length > 0) {
  var rows = g.V.apply(g, ys).Tag("y").Both(P).TagArray(), seen = {}, nodes = [], pairs = {};
  for (var i = 0; i < ys.length; i++) { seen[ys[i]] = true; nodes.push(ys[i]); }
  for (var i = 0; i < rows.length; i++) {
    var y = rows[i].y, z = rows[i].id;
    if (!pairs[y + " " + z]) { pairs[y + " " + z] = true; out.push([y, z]); }
    if (!seen[z]) { seen[z] = true; nodes.push(z); }
  }
  var names = {}, named = g.V.apply(g, nodes).Save(%s, "n").TagArray();
  for (var i = 0; i < named.length; i++) { names[named[i].id] = named[i].n; }
  for (var i = 0; i < out.length; i++) { out[i] = [out[i][0], names[out[i][0]], out[i][1], names[out[i][1]]]; }
}
g.emit(out);`, P, jsIRI(in.ID), name)
	case ThreeHopCited:
		// read(from, k) reads the cited links out of the entities from: over relation P[k],
		// or over every relation with the predicate tagged when k < 0 (see citedLevels).
		var level string
		switch e.cited {
		case perEntityTagged:
			level = `for (var j = 0; j < frontier.length; j++) { read([frontier[j]], -1); }`
		case perLevelPerRelation:
			level = `for (var k = 0; k < P.length; k++) { read(frontier, k); }`
		default:
			level = `read(frontier, -1);`
		}
		s = fmt.Sprintf(`var P = %s;
var out = [], frontier = [%s], d, seen, next;
function read(from, k) {
  var p = g.V.apply(g, from).Tag("f").LabelContext(g.V(), "c");
  var rows = (k < 0 ? p.Out(P, "p") : p.Out(P[k])).TagArray();
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    out.push([d, r.f, k < 0 ? r.p : P[k], r.id, r.c]);
    if (!seen[r.id]) { seen[r.id] = true; next.push(r.id); }
  }
}
for (d = 1; d <= 3 && frontier.length > 0; d++) {
  seen = {}; next = [];
  %s
  frontier = next;
}
g.emit(out);`, P, jsIRI(in.ID), level)
	case Path:
		s = fmt.Sprintf(`var P = %s, from = %s, to = %s;
var parent = {}, frontier = [from], found = false;
parent[from] = "";
for (var d = 1; d <= %d && !found && frontier.length > 0; d++) {
  var rows = g.V.apply(g, frontier).Tag("p").Both(P).TagArray();
  var next = [];
  for (var i = 0; i < rows.length && !found; i++) {
    var n = rows[i].id;
    if (parent[n] === undefined) { parent[n] = rows[i].p; next.push(n); if (n === to) { found = true; } }
  }
  frontier = next;
}
var nodes = [];
if (found) { for (var n = to; n !== ""; n = parent[n]) { nodes.unshift(n); } }
g.emit(nodes);`, P, jsIRI(in.ID), jsIRI(in.To), maxHops)
	default:
		return "", fmt.Errorf("unknown question %q", q)
	}
	e.scripts[key] = s
	return s, nil
}

func (e *gizmoEngine) Answer(ctx context.Context, q string, in Input) (any, error) {
	script, err := e.script(q, in)
	if err != nil {
		return nil, err
	}
	s := e.sessions[script]
	if s == nil {
		s = gizmo.NewSession(e.qs)
		e.sessions[script] = s
	}
	it, err := s.Execute(ctx, script, query.Options{Collation: query.JSON})
	if err != nil {
		delete(e.sessions, script)
		return nil, err
	}
	var out []any
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	if err := it.Err(); err != nil {
		// Closing interrupts the session's JavaScript VM for good: it is not used again.
		it.Close()
		delete(e.sessions, script)
		return nil, err
	}
	// A finished script is not closed: Close would interrupt the VM the next run needs.
	return out, nil
}

// Tuples of Gizmo results: All() gives one object of tags per path, g.emit the script's value.
func (e *gizmoEngine) Tuples(q string, out any) ([]string, error) {
	results, ok := out.([]any)
	if !ok {
		return nil, fmt.Errorf("gizmo answer is %T", out)
	}
	iri := func(v any) string {
		s, _ := v.(string)
		return strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	}
	var ts []string
	for _, r := range results {
		row := jobj(r)
		switch q {
		case Lookup:
			ts = append(ts, jstr(row["id"]))
		case Search, OneHop:
			ts = append(ts, iri(row["id"]))
		case TwoHop:
			for _, x := range jlist(r) {
				if l := jlist(x); len(l) == 4 {
					ts = append(ts, iri(l[0])+" "+iri(l[2]))
				}
			}
		case ThreeHopCited:
			for _, x := range jlist(r) {
				l := jlist(x)
				if len(l) != 5 {
					return nil, fmt.Errorf("gizmo 3hop-cited row %v", x)
				}
				depth, _ := toInt(l[0])
				ts = append(ts, citedTuple(depth, iri(l[1]), relationOf(iri(l[2])), iri(l[3]), iri(l[4])))
			}
		case Path:
			if nodes := jlist(r); len(nodes) > 0 {
				ts = append(ts, pathTuple(len(nodes)-1))
			}
		}
	}
	return tupleSet(ts), nil
}

func toInt(v any) (int, bool) {
	switch v := v.(type) {
	case int64:
		return int(v), true
	case int:
		return v, true
	case float64:
		return int(v), true
	}
	return 0, false
}

// ---------------------------------------------------------------------------------------------
// cayley-graphql: cayley's GraphQL dialect.

// cayleyGraphQLEngine runs cayley's GraphQL dialect, where a field is a predicate (@rev
// follows it backwards) and an argument an equality constraint. It has one predicate per
// field, so "any relation, either way" is a field per relation and direction (14), nested
// for two hops. It cannot express three of the questions.
type cayleyGraphQLEngine struct {
	qs      cgraph.QuadStore
	queries map[string]string
}

func newCayleyGraphQLEngine(qs cgraph.QuadStore) *cayleyGraphQLEngine {
	return &cayleyGraphQLEngine{qs: qs, queries: map[string]string{}}
}

func (e *cayleyGraphQLEngine) Name() string { return EngineCayleyGraphQL }

func (e *cayleyGraphQLEngine) Unsupported(q string) string {
	switch q {
	case Search:
		return "arguments are equality constraints: no substring, regex or text search"
	case ThreeHopCited:
		return "a query cannot return quad labels, which hold the citations"
	case Path:
		return "no recursion or shortest path"
	}
	return ""
}

// relationFields writes one field per relation and direction, each with the given body.
func relationFields(prefix, args, body string) string {
	var b strings.Builder
	for i, p := range relationPreds() {
		for _, dir := range []string{"", " @rev"} {
			alias := prefix + "o" + strconv.Itoa(i)
			if dir != "" {
				alias = prefix + "i" + strconv.Itoa(i)
			}
			fmt.Fprintf(&b, " %s: <%s>%s%s { %s }", alias, p, args, dir, body)
		}
	}
	return b.String()
}

func (e *cayleyGraphQLEngine) query(q string, in Input) (string, error) {
	key := q + "\x00" + in.String()
	if s, ok := e.queries[key]; ok {
		return s, nil
	}
	name := "name: <" + string(predName) + ">"
	var s string
	switch q {
	case Lookup:
		s = fmt.Sprintf(`{ e(id: <%s>) { id %s } }`, in.ID, name)
	case OneHop:
		s = fmt.Sprintf(`{ e(id: <%s>) { id%s } }`, in.ID,
			relationFields("", fmt.Sprintf("(<%s>: <%s>)", graph.PredType, graph.ClassIRI(in.Type)), "id "+name))
	case TwoHop:
		s = fmt.Sprintf(`{ e(id: <%s>) { id%s } }`, in.ID,
			relationFields("a", "", "id "+name+relationFields("b", "", "id "+name)))
	default:
		return "", fmt.Errorf("%s: %s", q, e.Unsupported(q))
	}
	e.queries[key] = s
	return s, nil
}

func (e *cayleyGraphQLEngine) Answer(ctx context.Context, q string, in Input) (out any, err error) {
	text, err := e.query(q, in)
	if err != nil {
		return nil, err
	}
	// cayley's engine panics on some stores (graph/sql/optimizer.go on Postgres): report it as
	// an error of this engine rather than end the run.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cayley's GraphQL engine panicked: %v", r)
		}
	}()
	it, err := cgql.NewSession(e.qs).Execute(ctx, text, query.Options{Collation: query.Raw})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var res any
	for it.Next(ctx) {
		res = it.Result()
	}
	return res, it.Err()
}

// objects returns the objects of a field of the dialect's output: one object, a list, or
// nothing.
func objects(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []map[string]any:
		return v
	case []any:
		var out []map[string]any
		for _, x := range v {
			out = append(out, objects(x)...)
		}
		return out
	}
	return nil
}

// value is a value of the dialect's output (a quad value, or a list of them when a node has
// several).
func value(v any) string {
	switch v := v.(type) {
	case quad.Value:
		return str(v)
	case []quad.Value:
		if len(v) > 0 {
			return str(v[0])
		}
	}
	return ""
}

// fieldsWith returns the values of the fields of obj whose alias starts with prefix.
func fieldsWith(obj map[string]any, prefix string) []map[string]any {
	var out []map[string]any
	for k, v := range obj {
		if strings.HasPrefix(k, prefix) && k != "id" && k != "name" {
			out = append(out, objects(v)...)
		}
	}
	return out
}

func (e *cayleyGraphQLEngine) Tuples(q string, out any) ([]string, error) {
	var ts []string
	for _, ent := range objects(jobj(out)["e"]) {
		switch q {
		case Lookup:
			ts = append(ts, value(ent["name"]))
		case OneHop:
			for _, y := range fieldsWith(ent, "") {
				ts = append(ts, value(y["id"]))
			}
		case TwoHop:
			for _, y := range fieldsWith(ent, "a") {
				for _, z := range fieldsWith(y, "b") {
					ts = append(ts, value(y["id"])+" "+value(z["id"]))
				}
			}
		default:
			return nil, fmt.Errorf("%s: %s", q, e.Unsupported(q))
		}
	}
	return tupleSet(ts), nil
}
