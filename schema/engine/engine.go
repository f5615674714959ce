// Package engine is a breadth-first, batched GraphQL executor that knows nothing of the data it
// serves. It parses, validates and caches documents, checks their limits, collects fields into
// shapes, resolves every field of one depth for all its parents in one batch, and writes the
// response as JSON from memory it reuses between requests. Introspection is its own.
//
// What a field means comes from outside, through one narrow interface, Resolvers: asked once
// per (type, field) when the executor is built for the field's resolver, and once per depth of
// a request to load the deferred node values (Ref) met there from the request's source (any
// value the caller runs the request with; the resolvers find it in Request.Source). The engine
// imports nothing of the plan: a test (imports_test.go) keeps it so.
package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Resolver resolves a field for every parent of one depth at once. The result has one value
// per parent; a value of type FieldError is an error for that parent alone. An error fails
// them all. A value of type Ref is loaded, with every other Ref of the next depth, by one
// Resolvers.Load call.
type Resolver func(rq *Request, c *Call, parents []any) ([]any, error)

// Field is how one field of one object type is resolved, as Resolvers.Field decides it.
type Field struct {
	// Resolve resolves the field for every parent at one depth. Required.
	Resolve Resolver
	// Key names the resolution: fields with the same key resolve the same way whatever the
	// parent's type (every entity type's links, say), so one batch serves them all. Empty
	// means "Type.field", a batch of its own.
	Key string
	// Inline, when set, reads the field straight off its parent value (a stored property, the
	// id): such fields are filled in as their object is made, without a batch. ok is false
	// when the value is not one it reads; the field then joins its batch as usual.
	Inline func(parent any) (v any, ok bool)
}

// Resolvers is what the engine asks of the data it serves. Field, Kinds, ListClass and Hidden
// are asked once per schema, when the executor is built, and their answers kept: a request
// pays nothing for them. At run time Fanout is asked once per request, Load once per depth,
// and Kind once per object (through a method value taken once; the answers per kind are kept
// for the request).
type Resolvers interface {
	// Field returns how a field of an object type is resolved; a zero Field (nil Resolve)
	// when nothing resolves it, which New reports as a startup error. It is the one place
	// that decides: the engine adds no rule of its own except for its introspection types
	// (those whose name starts with "__").
	Field(typ *ast.Definition, fd *ast.FieldDefinition) (Field, error)
	// Kinds returns the kinds of the values that tell their own type (Kind) that an object
	// type holds; nil when its values are typed by their position alone.
	Kinds(typeName string) []string
	// Kind returns a value's kind and id (for messages) when it tells its own type (a node
	// of a graph); ok is false for values typed by their position.
	Kind(v any) (kind, id string, ok bool)
	// ListClass returns which entry of a Fanout bounds a list of the named type below the
	// root (0, the default, for any other list).
	ListClass(typeName string) int
	// Load sets out[i] to the value of refs[i] (nil, untyped, when there is none), reading
	// src, the source the request was run with, once: the engine calls it once per depth
	// with every Ref of that depth.
	Load(ctx context.Context, src any, refs []string, out []any) error
	// Fanout is the typical length of the lists below the root in src, for cost estimates.
	Fanout(src any) Fanout
	// Hidden reports whether a type ("PathStep") or a directive ("@follow") of the schema is
	// how the server is built rather than part of its API: introspection does not show it.
	Hidden(name string) bool
}

// Resetter is implemented by a value a resolver keeps with the request (Request.Keep): it is
// reset when the response is released, and kept for the next request that takes the memory.
type Resetter interface{ Reset() }

// Fanout is the typical number of values in one list below the root, by the class that
// Resolvers.ListClass gives a list's type. A zero Fanout[0] means unknown: no estimate is made.
type Fanout [4]int

// Ref is a value that is a node not loaded yet: the next depth loads every Ref it meets with
// one Resolvers.Load call. In an ID position it is its own id.
type Ref string

// FieldError is the result of a field that failed for one parent.
type FieldError struct{ Err error }

// fieldPlan is how one field of one object type is resolved, decided once when the executor
// is built.
type fieldPlan struct {
	def    *ast.FieldDefinition
	batch  Resolver
	key    string
	inline func(any) (any, bool)
}

// Executor runs GraphQL documents. It is safe for concurrent use.
type Executor struct {
	// implementations maps an abstract type and a kind to the object type of that kind
	// (Entity, Zone → Zone), decided once rather than per object.
	implementations  map[string]map[string]*ast.Definition
	typeOfKind       map[string]string // kind → its object type
	listClass        map[string]int    // type → Fanout entry of its lists (only non-zero ones)
	res              Resolvers
	kindOf           func(any) (kind, id string, ok bool)                               // res.Kind, looked up once
	load             func(ctx context.Context, src any, refs []string, out []any) error // res.Load, looked up once
	hiddenTypes      map[string]bool                                                    // not shown by introspection (Resolvers.Hidden)
	hiddenDirectives map[string]bool
	keys             map[string]*string // interned plan keys
	schema           *ast.Schema
	plans            map[string]map[string]*fieldPlan // type → field → plan
	docs             *docCache
	limits           Limits
	// introspectionCost is what one __schema or __type field counts toward MaxCost: about the
	// number of values of the whole schema's introspection.
	introspectionCost int
}

// New builds an executor over a parsed schema, asking res how every field of every object
// type is resolved: a field the schema declares and nothing resolves is a startup error, not a
// runtime surprise.
func New(s *ast.Schema, res Resolvers, limits Limits) (*Executor, error) {
	e := &Executor{keys: map[string]*string{}, schema: s, res: res, plans: map[string]map[string]*fieldPlan{}, limits: limits.withDefaults()}
	e.kindOf, e.load = res.Kind, res.Load
	e.hiddenTypes, e.hiddenDirectives = map[string]bool{}, map[string]bool{}
	for name := range s.Types {
		if res.Hidden(name) {
			e.hiddenTypes[name] = true
		}
	}
	for name := range s.Directives {
		if res.Hidden("@" + name) {
			e.hiddenDirectives[name] = true
		}
	}
	e.docs = newDocCache(e.limits.CacheSize)
	e.introspectionCost = introspectionSize(s)
	var missing []string
	e.typeOfKind = map[string]string{}
	e.listClass = map[string]int{}
	for name, def := range s.Types {
		if c := res.ListClass(name); c != 0 {
			if c < 0 || c >= len(Fanout{}) {
				return nil, fmt.Errorf("%s: list class %d out of range", name, c)
			}
			e.listClass[name] = c
		}
		if def.Kind != ast.Object {
			continue
		}
		for _, k := range res.Kinds(name) {
			e.typeOfKind[k] = name
		}
		e.plans[name] = map[string]*fieldPlan{}
		for _, fd := range def.Fields {
			if strings.HasPrefix(fd.Name, "__") {
				continue
			}
			f, err := e.fieldOf(def, fd)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", name, fd.Name, err)
			}
			if f.Resolve == nil {
				missing = append(missing, name+"."+fd.Name)
				continue
			}
			key := f.Key
			if key == "" {
				key = name + "." + fd.Name
			}
			if e.keys[key] == nil {
				k := key
				e.keys[key] = &k
			}
			e.plans[name][fd.Name] = &fieldPlan{def: fd, batch: f.Resolve, key: key, inline: f.Inline}
		}
	}
	e.implementations = map[string]map[string]*ast.Definition{}
	for name, def := range s.Types {
		if def.Kind != ast.Interface && def.Kind != ast.Union {
			continue
		}
		e.implementations[name] = map[string]*ast.Definition{}
		for _, impl := range s.GetPossibleTypes(def) {
			for _, kind := range res.Kinds(impl.Name) {
				e.implementations[name][kind] = impl
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("no resolver for %s", strings.Join(missing, ", "))
	}
	return e, nil
}

// fieldOf is the one function that decides which resolver serves a field: the engine's own
// for its introspection types, the Resolvers' answer for every other.
func (e *Executor) fieldOf(def *ast.Definition, fd *ast.FieldDefinition) (Field, error) {
	if strings.HasPrefix(def.Name, "__") {
		return Field{Resolve: introspectionFields[def.Name][fd.Name]}, nil
	}
	return e.res.Field(def, fd)
}

// introspectionSize counts the values a full introspection of s returns, roughly: a few per
// type, field, argument and enum value.
func introspectionSize(s *ast.Schema) int {
	n := 0
	for _, t := range s.Types {
		n += 8 + 4*len(t.EnumValues) + 2*len(t.Interfaces)
		for _, f := range t.Fields {
			n += 8 + 6*len(f.Arguments)
		}
	}
	for _, d := range s.Directives {
		n += 6 + 6*len(d.Arguments)
	}
	return n
}

// Schema returns the parsed schema.
func (e *Executor) Schema() *ast.Schema { return e.schema }

// internedKey returns the interned plan key of a field of a type; fields without a plan (the
// introspection roots, __typename) get a key of their own.
func (e *Executor) internedKey(typ, field string) *string {
	if p := e.plans[typ][field]; p != nil {
		return e.keys[p.key]
	}
	k := typ + "." + field
	return &k
}
