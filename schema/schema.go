// Package schema is PlanGraph's GraphQL API: the SDL (schema.graphql, embedded) and the plan's
// resolvers, run by the GraphQL engine (package engine, which knows nothing of plans). The SDL
// is the mapping: fields that follow links carry @follow(rel:, dir:), structural fields @edge,
// renamed properties @prop, and one generic batched resolver serves each kind; planField is the
// one place that decides which resolver serves a field. Execution is breadth-first: every
// field at one depth is resolved for all its parents in one call to the reader, so the number
// of reads grows with the depth of a query, not with the size of its result.
package schema

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema/engine"
)

//go:embed schema.graphql
var sdl string

// SDL returns the schema's SDL.
func SDL() string { return sdl }

// structuralTypes are the GraphQL object types whose values are nodes of the plan's
// structure. With the entity types of the vocabulary (each its own node kind) they are the
// node types: their fields are resolved from the node's properties and edges. Every other
// type is a Go value.
var structuralTypes = map[string][]string{ // GraphQL type → node kinds
	"Paragraph": {graph.KindParagraph},
	"Chapter":   {graph.KindChapter, graph.KindPart},
	"Section":   {graph.KindSection},
	"Item":      {graph.KindItem},
	"Plan":      {graph.KindPlan},
}

var structuralType = map[string]string{} // node kind → GraphQL type

func init() {
	for t, kinds := range structuralTypes {
		for _, k := range kinds {
			structuralType[k] = t
		}
	}
}

// nodeKinds returns the node kinds whose values a GraphQL type holds; nil when its values are
// not nodes.
func nodeKinds(typeName string) []string {
	if ks, ok := structuralTypes[typeName]; ok {
		return ks
	}
	if graph.IsEntityType(typeName) {
		return []string{typeName}
	}
	return nil
}

func isNodeType(typeName string) bool { return nodeKinds(typeName) != nil }

// typeOfKind maps a node kind to its GraphQL object type.
func typeOfKind(kind string) string {
	if t, ok := structuralType[kind]; ok {
		return t
	}
	return kind
}

// batchFunc resolves a field for many parents at once, as engine.Resolver does, with the
// plan's request (its reader) at hand. A value of type fieldError is an error for that parent
// alone; a nodeID is loaded by the next depth.
type batchFunc func(rq request, c *fieldCall, parents []any) ([]any, error)

// resolver hands the engine a batchFunc, made once when the executor is built.
func (f batchFunc) resolver() engine.Resolver {
	return func(er *engine.Request, c *engine.Call, parents []any) ([]any, error) {
		return f(request{er}, c, parents)
	}
}

// Names of the engine this package's resolvers use: a call, an error of one parent, a node not
// loaded yet.
type (
	fieldCall  = engine.Call
	fieldError = engine.FieldError
	nodeID     = engine.Ref
)

// Executor runs GraphQL documents against the plan's graph: the engine with the plan's
// resolvers. It is safe for concurrent use.
type Executor struct {
	eng *engine.Executor
}

// New builds the executor from the embedded SDL, checking that every field of every type can
// be resolved: a field the SDL declares and nothing resolves is a startup error, not a runtime
// surprise.
func New(limits Limits) (*Executor, error) { return NewFromSDL(sdl, limits) }

// NewFromSDL builds an executor from another SDL than the embedded one: a fixture that shows
// what a new entity type or relation of the vocabulary needs.
func NewFromSDL(src string, limits Limits) (*Executor, error) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: src})
	if err != nil {
		return nil, fmt.Errorf("load schema: %w", err)
	}
	// gqlparser's prelude declares @defer; this executor does not stream, so the directive is
	// withdrawn from the schema: documents using it fail validation instead of being answered
	// in a way the client did not ask for.
	delete(s.Directives, "defer")
	if err := checkVocabulary(s); err != nil {
		return nil, fmt.Errorf("schema.graphql: %w", err)
	}
	inheritDescriptions(s)
	eng, err := engine.New(s, planResolvers{s}, limits)
	if err != nil {
		return nil, fmt.Errorf("schema.graphql: %w", err)
	}
	return &Executor{eng: eng}, nil
}

// Engine returns the GraphQL engine the executor runs.
func (e *Executor) Engine() *engine.Executor { return e.eng }

// Schema returns the parsed schema.
func (e *Executor) Schema() *ast.Schema { return e.eng.Schema() }

// Limits returns the limits in force (defaults filled in).
func (e *Executor) Limits() Limits { return e.eng.Limits() }

// Prepare parses and validates the request's document (or takes it from the cache), picks the
// operation, coerces the variables and checks the limits. A non-nil Response is the answer
// when the request cannot run.
func (e *Executor) Prepare(p Params) (*Prepared, *Response) { return e.eng.Prepare(p) }

// Run executes a prepared document against a reader. The reader is one snapshot of the graph:
// the whole response reflects one version of every plan.
func (e *Executor) Run(ctx context.Context, r Reader, p *Prepared) *Response {
	return e.eng.Run(ctx, r, p)
}

// Execute prepares and runs a request.
func (e *Executor) Execute(ctx context.Context, r Reader, p Params) *Response {
	prep, resp := e.eng.Prepare(p)
	if resp != nil {
		return resp
	}
	return e.Run(ctx, r, prep)
}

// inheritDescriptions gives a field (or argument) of an object type that the SDL leaves
// undescribed the description of the interface field it implements: the entity types repeat
// the Entity interface's fields, and clients show each field's documentation where they meet it.
func inheritDescriptions(s *ast.Schema) {
	for _, def := range s.Types {
		for _, iname := range def.Interfaces {
			iface := s.Types[iname]
			if iface == nil {
				continue
			}
			for _, f := range def.Fields {
				fi := iface.Fields.ForName(f.Name)
				if fi == nil {
					continue
				}
				if f.Description == "" {
					f.Description = fi.Description
				}
				for _, a := range f.Arguments {
					if ai := fi.Arguments.ForName(a.Name); ai != nil && a.Description == "" {
						a.Description = ai.Description
					}
				}
			}
		}
	}
}

// planField decides how a field is resolved — the one place that does: a directive of the SDL,
// a Go resolver registered for the (type, field), one registered for (interface, field) of an
// interface the node type implements and that declares the field, or, for node types, the
// stored property of the field's name. prop is the property key when the field is a plain
// stored property, else "": such a field, when it holds one scalar and takes no arguments, is
// also read straight off its node (Inline), the same read done as the object is made.
func (p planResolvers) planField(def *ast.Definition, fd *ast.FieldDefinition) (fn batchFunc, key, prop string, err error) {
	typeKey := fd.Type.String()
	if ds := fd.Directives.ForNames("path"); len(ds) > 0 {
		fn, err := pathField(fd, ds)
		return fn, "", "", err
	}
	if d := fd.Directives.ForName("follow"); d != nil {
		fn, err := linkField(p.s, fd, d)
		return fn, "follow " + directiveKey(d) + " " + typeKey, "", err
	}
	if d := fd.Directives.ForName("edge"); d != nil {
		fn, err := edgeField(p.s, fd, d)
		return fn, "edge " + directiveKey(d) + " " + typeKey, "", err
	}
	if d := fd.Directives.ForName("prop"); d != nil {
		key := d.Arguments.ForName("key")
		if key == nil || key.Value.Raw == "" {
			return nil, "", "", fmt.Errorf("@prop needs key")
		}
		return propField(key.Value.Raw, fd.Type), "prop " + key.Value.Raw + " " + typeKey, key.Value.Raw, nil
	}
	if fn := goResolvers[def.Name][fd.Name]; fn != nil {
		return fn, "", "", nil
	}
	if !isNodeType(def.Name) {
		return nil, "", "", nil
	}
	// An interface's resolver serves the field on every type that implements it, as one
	// batch: every entity type's links are one read.
	for _, iname := range def.Interfaces {
		iface := p.s.Types[iname]
		if iface == nil || iface.Fields.ForName(fd.Name) == nil {
			continue
		}
		if fn := goResolvers[iname][fd.Name]; fn != nil {
			return fn, iname + "." + fd.Name, idProp(iname, fd.Name), nil
		}
	}
	return propField(fd.Name, fd.Type), "prop " + fd.Name + " " + typeKey, fd.Name, nil
}

// idProp: the id is read off its node like a property (Node.IDValue), though it is not one.
func idProp(iface, field string) string {
	if iface == "Node" && field == "id" {
		return field
	}
	return ""
}

func directiveKey(d *ast.Directive) string {
	var b strings.Builder
	for _, a := range d.Arguments {
		b.WriteString(a.Name + "=" + a.Value.String() + ";")
	}
	return b.String()
}

// entityTypeEnum maps an entity type (Zone) to its EntityType enum value (ZONE).
func entityTypeEnum(kind string) string {
	if t, ok := graph.TypeByName(kind); ok {
		return t.Enum
	}
	return kind
}

// kindOfEnum maps an EntityType enum value (ZONE) to its entity type (Zone).
func kindOfEnum(enum string) (string, bool) {
	t, ok := graph.TypeByEnum(enum)
	if !ok {
		return "", false
	}
	return t.Name, true
}

// inlineOf returns how to read a field straight off a node (engine.Field.Inline) when
// planField found it to be a plain stored property (prop) holding a single scalar and it takes
// no arguments; nil otherwise. It reads what propField would, as the node's object is made:
// ids and names, most of a response, then cost no batch. Each reader is written out rather
// than wrapped, so that a value costs one call.
func inlineOf(s *ast.Schema, fd *ast.FieldDefinition, prop string) func(any) (any, bool) {
	if prop == "" || fd.Type.Elem != nil || len(fd.Arguments) > 0 {
		return nil
	}
	if t := s.Types[fd.Type.Name()]; t == nil || t.Kind != ast.Scalar && t.Kind != ast.Enum {
		return nil
	}
	switch prop {
	case "id":
		return func(v any) (any, bool) {
			if n, ok := v.(*graph.Node); ok && n != nil {
				return n.IDValue(), true
			}
			return nil, false
		}
	case graph.PropName:
		return func(v any) (any, bool) {
			if n, ok := v.(*graph.Node); ok && n != nil {
				return n.NameValue(), true
			}
			return nil, false
		}
	}
	return func(v any) (any, bool) {
		n, ok := v.(*graph.Node)
		if !ok || n == nil {
			return nil, false
		}
		x := n.Get(prop)
		if r, ok := x.(graph.Ref); ok {
			return string(r), true
		}
		return x, true
	}
}
