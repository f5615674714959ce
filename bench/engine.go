package bench

import (
	"context"
	"errors"
	"fmt"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// Engine names, as they appear in results.
const (
	EngineGraphQL       = "graphql"
	EnginePath          = "path"
	EngineGizmo         = "gizmo"
	EngineCayleyGraphQL = "cayley-graphql"
	EngineHTTPGraphQL   = "http-graphql"
	EngineHTTPHealthz   = "http-healthz"
)

// Engines lists the in-process engines in the order they run; graphql runs first and its
// answers are the reference the others are compared with.
var Engines = []string{EngineGraphQL, EnginePath, EngineGizmo, EngineCayleyGraphQL}

// Engine answers the questions one way.
type Engine interface {
	Name() string
	// Unsupported says why the engine cannot ask a question, or "" when it can.
	Unsupported(question string) string
	// Answer answers one question and returns the engine's own output: what a caller of the
	// engine would get (JSON for our executor, Go values for cayley's engines).
	Answer(ctx context.Context, question string, in Input) (any, error)
	// Tuples turns an output of Answer into the canonical tuples of answers.go.
	Tuples(question string, out any) ([]string, error)
}

// ourQueries are the questions as documents of our schema. Every list asks for up to 1000
// items, the executor's maximum, so that nothing is cut (checkNotCut verifies it).
var ourQueries = map[string]string{
	Lookup: `query Lookup($id: ID!) { entity(id: $id) { id name } }`,
	Search: `query Search($text: String!) { search(text: $text, first: 1000) { entity { id name } } }`,
	OneHop: `query OneHop($id: ID!, $type: EntityType!) {
  entity(id: $id) { id links(types: [$type], first: 1000) { entity { id name } } }
}`,
	TwoHop: `query TwoHop($id: ID!) {
  entity(id: $id) { id links(first: 1000) { entity { id name links(first: 1000) { entity { id name } } } } }
}`,
	ThreeHopCited: `query ThreeHopCited($id: ID!) {
  entity(id: $id) { id links(direction: OUT, first: 1000) { ...cited entity { id
    links(direction: OUT, first: 1000) { ...cited entity { id
      links(direction: OUT, first: 1000) { ...cited entity { id } } } } } } }
}
fragment cited on Link { relation evidence { paragraph { id } offset length } }`,
	Path: `query Path($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4, first: 1) { length nodes { id } }
}`,
}

// variables are the variables of our query for an input.
func variables(question string, in Input) map[string]any {
	switch question {
	case Search:
		return map[string]any{"text": in.Text}
	case OneHop:
		return map[string]any{"id": in.ID, "type": typeEnum(in.Type)}
	case Path:
		return map[string]any{"from": in.ID, "to": in.To}
	}
	return map[string]any{"id": in.ID}
}

// graphqlEngine is our executor in process: parse and validate (through its document cache),
// execute on the store's current snapshot, and write the JSON response.
type graphqlEngine struct {
	store *graph.Store
	exec  *schema.Executor
}

func (e *graphqlEngine) Name() string                { return EngineGraphQL }
func (e *graphqlEngine) Unsupported(q string) string { return "" }

func (e *graphqlEngine) Answer(ctx context.Context, q string, in Input) (any, error) {
	query, ok := ourQueries[q]
	if !ok {
		return nil, fmt.Errorf("unknown question %q", q)
	}
	resp := e.exec.Execute(ctx, e.store.Snapshot(), schema.Params{Query: query, Variables: variables(q, in)})
	defer resp.Release() // as the HTTP handler does
	if len(resp.Errors) > 0 {
		return nil, fmt.Errorf("%s: %w", q, errors.Join(errorsOf(resp)...))
	}
	return resp.JSON(), nil
}

func errorsOf(resp *schema.Response) []error {
	out := make([]error, len(resp.Errors))
	for i, e := range resp.Errors {
		out[i] = e
	}
	return out
}
