package schema

import (
	"context"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema/engine"
)

// What the plan gives the GraphQL engine (package engine): its resolvers, through
// planResolvers (engine.Resolvers), and one request's Reader as the request's source.

// The engine's request and response types, under the names the API has always had.
type (
	// Params is a GraphQL request.
	Params = engine.Params
	// Response is the result of a request; see engine.Response for its release contract.
	Response = engine.Response
	// Prepared is a document ready to run.
	Prepared = engine.Prepared
	// Limits protect the service from documents that would take it down.
	Limits = engine.Limits
	// Stage says how far a request got.
	Stage = engine.Stage
)

// Stages of a request.
const (
	StageRequest  = engine.StageRequest
	StageParse    = engine.StageParse
	StageValidate = engine.StageValidate
	StageLimits   = engine.StageLimits
	StageExecute  = engine.StageExecute
)

// DefaultLimits are the limits of a server started without flags.
var DefaultLimits = engine.DefaultLimits

// Reader is what the executor reads the graph through. Every method answers for many nodes in
// one call; the executor calls each once per field and depth. *graph.Snapshot implements it.
type Reader interface {
	Nodes(ctx context.Context, ids []string) ([]*graph.Node, error)
	Edges(ctx context.Context, ids []string, preds []string, dir graph.Dir) ([][]graph.Edge, error)
	Cited(ctx context.Context, paragraphs []string) ([][]graph.Cited, error)
	Neighbours(ctx context.Context, paragraphs []string) ([][2]*graph.Node, error)
	Search(query string, opt graph.SearchOptions) []graph.SearchHit
	SearchText(ctx context.Context, query string, opt graph.TextOptions) ([]graph.TextHit, error)
	Entities(plan string, types []string) []*graph.Node
	Stats(plan string) graph.PlanStats
	PlanIDs() []string
	Fanout() graph.Fanout // typical number of values in one list field, for estimates
}

var _ Reader = (*graph.Snapshot)(nil)

// planResolvers is the plan's side of the engine: how each field is resolved (planField, the
// one place that decides), which values are nodes and of which kind.
type planResolvers struct{ s *ast.Schema }

var _ engine.Resolvers = planResolvers{}

// Field implements engine.Resolvers with planField.
func (p planResolvers) Field(def *ast.Definition, fd *ast.FieldDefinition) (engine.Field, error) {
	fn, key, prop, err := p.planField(def, fd)
	if err != nil || fn == nil {
		return engine.Field{}, err
	}
	return engine.Field{Resolve: fn.resolver(), Key: key, Inline: inlineOf(p.s, fd, prop)}, nil
}

// Kinds implements engine.Resolvers: the node kinds a type's values are.
func (planResolvers) Kinds(typeName string) []string { return nodeKinds(typeName) }

// Kind implements engine.Resolvers: a node tells its kind; every other value is typed by its
// position.
func (planResolvers) Kind(v any) (kind, id string, ok bool) {
	n, ok := v.(*graph.Node)
	if !ok || n == nil {
		return "", "", false
	}
	return n.Kind, n.ID, true
}

// The entries of engine.Fanout, from graph.Fanout.
const (
	fanNode = iota
	fanLink
	fanMention
	fanLabel
)

// ListClass implements engine.Resolvers: a list of links or entities below the root is as
// long as a node's links, one of mentions as its mentions, one of citations as a link's labels.
func (planResolvers) ListClass(typeName string) int {
	switch {
	case typeName == "Link" || typeName == "Entity" || graph.IsEntityType(typeName):
		return fanLink
	case typeName == "Mention":
		return fanMention
	case typeName == "Citation":
		return fanLabel
	}
	return fanNode
}

// The directives that map the SDL onto the graph (and the input type of @path) are how this
// server is built, not part of the API: introspection does not show them, so clients and code
// generators see a plain schema (and no name clashes with directives they know).
var hidden = map[string]bool{"@follow": true, "@edge": true, "@prop": true, "@path": true, "PathStep": true}

// Hidden implements engine.Resolvers.
func (planResolvers) Hidden(name string) bool { return hidden[name] }

// request is what the plan's resolvers are handed: the engine's request, whose source is the
// Reader of one snapshot. A value, not a pointer: making it costs nothing per batch.
type request struct{ *engine.Request }

// r is the request's reader.
func (rq request) r() Reader { return rq.Source().(Reader) }

// links is the memory the plan's links are carved from: kept with the engine's pooled
// request (Request.Keep), so that it too is reused from one request to the next, and reset
// when the response is released.
type links struct {
	c engine.Chunked[linkVal]
	// first is the first chunk, allocated with the struct: a request that makes links costs
	// one allocation for them, as when the chunks were the request's own. One link shorter
	// than the others, so that the struct takes no more pages than a chunk did.
	first [linkChunk - 1]linkVal
}

// Chunks of links: 72 KiB each, so that a hub's hundreds of links fit in one take; a pooled
// request keeps up to keepLinkChunks.
const (
	linkChunk      = 1024
	keepLinkChunks = 12
)

// Reset implements engine.Resetter.
func (l *links) Reset() { l.c.Reset(keepLinkChunks) }

// newLinks returns n zeroed links.
func (rq request) newLinks(n int) []linkVal {
	l, _ := rq.Kept().(*links)
	if l == nil {
		l = &links{}
		l.c.Add(l.first[:])
		rq.Keep(l)
	}
	return l.c.Take(n, linkChunk)
}

// Load implements engine.Resolvers: the nodes of one depth in one read of the request's
// Reader. A node that is not there stays nil (an untyped nil: the engine tells a missing node
// by it).
func (planResolvers) Load(ctx context.Context, src any, refs []string, out []any) error {
	nodes, err := src.(Reader).Nodes(ctx, refs)
	if err != nil {
		return err
	}
	for i, n := range nodes {
		if n != nil {
			out[i] = n
		}
	}
	return nil
}

// Fanout implements engine.Resolvers.
func (planResolvers) Fanout(src any) engine.Fanout {
	f := src.(Reader).Fanout()
	return engine.Fanout{fanNode: f.Node, fanLink: f.Link, fanMention: f.Mention, fanLabel: f.Label}
}

// Argument accessors and errors of the engine, under their old names.
var (
	argInt     = engine.ArgInt
	argString  = engine.ArgString
	argStrings = engine.ArgStrings
	argObject  = engine.ArgObject
	badInput   = engine.BadInput
)
