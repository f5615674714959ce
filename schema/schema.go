// Package schema is PlanGraph's GraphQL API: the SDL (schema.graphql, embedded) and the executor
// that runs documents against the graph. The SDL is the mapping: fields that follow links carry
// @follow(rel:, dir:), structural fields @edge, renamed properties @prop, and one generic batched
// resolver serves each kind. Execution is breadth-first: every field at one depth is resolved for
// all its parents in one call to the reader, so the number of reads grows with the depth of a
// query, not with the size of its result.
package schema

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/plangraph/plangraph/graph"
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

// fieldPlan is how one field of one object type is resolved, decided once from the SDL.
type fieldPlan struct {
	def   *ast.FieldDefinition
	batch batchFunc // resolves the field for every parent at one depth
	// key names the resolution: fields with the same key resolve the same way whatever the
	// parent's type (every entity type's links, say), so one batch serves them all.
	key string
	// inline, when set, reads the field straight off a node (a stored property, the id): such
	// fields are filled in as their object is made, without a batch.
	inline func(n *graph.Node) any
}

// batchFunc resolves a field for many parents at once. The result has one value per parent; a
// value of type fieldError is an error for that parent alone. An error fails them all.
type batchFunc func(rq *request, f *fieldCall, parents []any) ([]any, error)

// fieldError is the result of a field that failed for one parent.
type fieldError struct{ err error }

// Executor runs GraphQL documents. It is safe for concurrent use.
type Executor struct {
	// implementations maps an abstract type and a node kind to the object type of that kind
	// (Entity, Zone → Zone), decided once rather than per object.
	implementations map[string]map[string]*ast.Definition
	keys            map[string]*string // interned plan keys
	schema          *ast.Schema
	plans           map[string]map[string]*fieldPlan // type → field → plan
	docs            *docCache
	limits          Limits
	// introspectionCost is what one __schema or __type field counts toward MaxCost: about the
	// number of values of the whole schema's introspection.
	introspectionCost int
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
	e := &Executor{keys: map[string]*string{}, schema: s, plans: map[string]map[string]*fieldPlan{}, limits: limits.withDefaults()}
	e.docs = newDocCache(e.limits.CacheSize)
	e.introspectionCost = introspectionSize(s)
	var missing []string
	for name, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		e.plans[name] = map[string]*fieldPlan{}
		for _, fd := range def.Fields {
			if strings.HasPrefix(fd.Name, "__") {
				continue
			}
			fn, key, prop, err := e.planField(def, fd)
			if err != nil {
				return nil, fmt.Errorf("schema.graphql: %s.%s: %w", name, fd.Name, err)
			}
			if fn == nil {
				missing = append(missing, name+"."+fd.Name)
				continue
			}
			if key == "" {
				key = name + "." + fd.Name
			}
			if e.keys[key] == nil {
				k := key
				e.keys[key] = &k
			}
			e.plans[name][fd.Name] = &fieldPlan{def: fd, batch: fn, key: key, inline: inlineOf(s, fd, prop)}
		}
	}
	e.implementations = map[string]map[string]*ast.Definition{}
	for name, def := range s.Types {
		if def.Kind != ast.Interface && def.Kind != ast.Union {
			continue
		}
		e.implementations[name] = map[string]*ast.Definition{}
		for _, impl := range s.GetPossibleTypes(def) {
			for _, kind := range nodeKinds(impl.Name) {
				e.implementations[name][kind] = impl
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("schema.graphql: no resolver for %s", strings.Join(missing, ", "))
	}
	return e, nil
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

// planField decides how a field is resolved — the one place that does: a directive of the SDL,
// a Go resolver registered for the (type, field), or, for node types, the stored property of
// the field's name. prop is the property key when the field is a plain stored property (read
// straight off its node, see inlineOf), else "".
func (e *Executor) planField(def *ast.Definition, fd *ast.FieldDefinition) (fn batchFunc, key, prop string, err error) {
	typeKey := fd.Type.String()
	if ds := fd.Directives.ForNames("path"); len(ds) > 0 {
		fn, err := pathField(fd, ds)
		return fn, "", "", err
	}
	if d := fd.Directives.ForName("follow"); d != nil {
		fn, err := linkField(e.schema, fd, d)
		return fn, "follow " + directiveKey(d) + " " + typeKey, "", err
	}
	if d := fd.Directives.ForName("edge"); d != nil {
		fn, err := edgeField(e.schema, fd, d)
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
	if graph.IsEntityType(def.Name) {
		if fn := entityResolvers[fd.Name]; fn != nil {
			return fn, "entity " + fd.Name, "", nil
		}
	}
	if fn := nodeResolvers[fd.Name]; fn != nil {
		return fn, "node " + fd.Name, idProp(fd.Name), nil
	}
	return propField(fd.Name, fd.Type), "prop " + fd.Name + " " + typeKey, fd.Name, nil
}

// idProp: the id is read off its node like a property (Node.IDValue), though it is not one.
func idProp(field string) string {
	if field == "id" {
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

// internedKey returns the interned plan key of a field of a type; fields without a plan (the
// introspection roots, __typename) get a key of their own.
func (e *Executor) internedKey(typ, field string) *string {
	if p := e.plans[typ][field]; p != nil {
		return e.keys[p.key]
	}
	k := typ + "." + field
	return &k
}

// inlineOf returns how to read a field straight off a node when planField found it to be a
// plain stored property (prop) holding a single scalar and it takes no arguments; nil otherwise.
func inlineOf(s *ast.Schema, fd *ast.FieldDefinition, prop string) func(*graph.Node) any {
	if prop == "" || fd.Type.Elem != nil || len(fd.Arguments) > 0 {
		return nil
	}
	if t := s.Types[fd.Type.Name()]; t == nil || t.Kind != ast.Scalar && t.Kind != ast.Enum {
		return nil
	}
	switch prop {
	case "id":
		return (*graph.Node).IDValue
	case graph.PropName:
		return (*graph.Node).NameValue
	}
	return func(n *graph.Node) any {
		v := n.Get(prop)
		if r, ok := v.(graph.Ref); ok {
			return string(r)
		}
		return v
	}
}
