package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/plangraph/plangraph/graph"
)

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
