package bench

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	cgql "github.com/cayleygraph/cayley/query/graphql"
	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
)

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
