package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Introspection: the __Schema/__Type model over gqlparser's *ast.Schema, resolved by the same
// executor as the rest of the API.

// typeVal is a __Type: a named definition, or a LIST / NON_NULL wrapper of another type.
type typeVal struct {
	def    *ast.Definition
	kind   string // LIST or NON_NULL for wrappers
	ofType *typeVal
}

type inputVal struct {
	name       string
	desc       string
	typ        *ast.Type
	def        *ast.Value
	directives ast.DirectiveList
}

func (rq *Request) typeOf(t *ast.Type) *typeVal {
	if t == nil {
		return nil
	}
	if t.NonNull {
		inner := *t
		inner.NonNull = false
		return &typeVal{kind: "NON_NULL", ofType: rq.typeOf(&inner)}
	}
	if t.Elem != nil {
		return &typeVal{kind: "LIST", ofType: rq.typeOf(t.Elem)}
	}
	def := rq.e.schema.Types[t.NamedType]
	if def == nil {
		return nil
	}
	return &typeVal{def: def}
}

func deprecation(ds ast.DirectiveList) (bool, any) {
	d := ds.ForName("deprecated")
	if d == nil {
		return false, nil
	}
	if a := d.Arguments.ForName("reason"); a != nil {
		return true, a.Value.Raw
	}
	return true, "No longer supported"
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func includeDeprecated(c *Call) bool {
	b, _ := c.Args["includeDeprecated"].(bool)
	return b
}

// each turns a resolver of one parent into a batch resolver.
func each[T any](fn func(rq *Request, c *Call, p T) (any, error)) Resolver {
	return func(rq *Request, c *Call, parents []any) ([]any, error) {
		out := rq.NewValues(len(parents))
		for i, p := range parents {
			v, ok := p.(T)
			if !ok {
				out[i] = FieldError{fmt.Errorf("internal: %s.%s resolved on a %T", c.Parent.Name, c.Field.Name, p)}
				continue
			}
			r, err := fn(rq, c, v)
			if err != nil {
				out[i] = FieldError{err}
				continue
			}
			out[i] = r
		}
		return out, nil
	}
}

// Root turns a resolver of a Query field into a batch resolver (Query has one parent). R is
// the request as the resolver sees it: the engine's own, or a source's wrapping of it.
func Root[R any](fn func(rq R, c *Call) (any, error)) func(rq R, c *Call, parents []any) ([]any, error) {
	return func(rq R, c *Call, parents []any) ([]any, error) {
		v, err := fn(rq, c)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(parents))
		for i := range out {
			out[i] = v
		}
		return out, nil
	}
}

// introspectionRoot resolves the introspection fields of the query type.
var introspectionRoot = map[string]Resolver{
	"__schema": Root(func(rq *Request, c *Call) (any, error) { return rq.e.schema, nil }),
	"__type": Root(func(rq *Request, c *Call) (any, error) {
		def := rq.e.schema.Types[ArgString(c.Args, "name")]
		if def == nil || rq.e.hiddenTypes[def.Name] {
			return nil, nil
		}
		return &typeVal{def: def}, nil
	}),
}

// introspectionFields resolve the fields of the introspection types, keyed by (type, field).
var introspectionFields = map[string]map[string]Resolver{}

func init() {
	introspectionFields["__Schema"] = map[string]Resolver{
		"description": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) { return optString(s.Description), nil }),
		"types": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) {
			names := make([]string, 0, len(s.Types))
			for n := range s.Types {
				if !rq.e.hiddenTypes[n] {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			out := make([]any, 0, len(names))
			for _, n := range names {
				out = append(out, &typeVal{def: s.Types[n]})
			}
			return out, nil
		}),
		"queryType": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) { return &typeVal{def: s.Query}, nil }),
		"mutationType": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) {
			if s.Mutation == nil {
				return nil, nil
			}
			return &typeVal{def: s.Mutation}, nil
		}),
		"subscriptionType": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) {
			if s.Subscription == nil {
				return nil, nil
			}
			return &typeVal{def: s.Subscription}, nil
		}),
		"directives": each(func(rq *Request, c *Call, s *ast.Schema) (any, error) {
			names := make([]string, 0, len(s.Directives))
			for n := range s.Directives {
				if !rq.e.hiddenDirectives[n] {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			out := make([]any, 0, len(names))
			for _, n := range names {
				out = append(out, s.Directives[n])
			}
			return out, nil
		}),
	}
	introspectionFields["__Type"] = map[string]Resolver{
		"kind": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil {
				return t.kind, nil
			}
			return string(t.def.Kind), nil
		}),
		"name": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil {
				return nil, nil
			}
			return t.def.Name, nil
		}),
		"description": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil {
				return nil, nil
			}
			return optString(t.def.Description), nil
		}),
		"specifiedByURL": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil {
				return nil, nil
			}
			if d := t.def.Directives.ForName("specifiedBy"); d != nil {
				if a := d.Arguments.ForName("url"); a != nil {
					return a.Value.Raw, nil
				}
			}
			return nil, nil
		}),
		"fields": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.Object && t.def.Kind != ast.Interface {
				return nil, nil
			}
			out := []any{}
			for _, f := range t.def.Fields {
				if strings.HasPrefix(f.Name, "__") {
					continue
				}
				if dep, _ := deprecation(f.Directives); dep && !includeDeprecated(c) {
					continue
				}
				out = append(out, f)
			}
			return out, nil
		}),
		"interfaces": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.Object && t.def.Kind != ast.Interface {
				return nil, nil
			}
			out := []any{}
			for _, name := range t.def.Interfaces {
				if d := rq.e.schema.Types[name]; d != nil {
					out = append(out, &typeVal{def: d})
				}
			}
			return out, nil
		}),
		"possibleTypes": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.Interface && t.def.Kind != ast.Union {
				return nil, nil
			}
			defs := rq.e.schema.GetPossibleTypes(t.def)
			sorted := append([]*ast.Definition(nil), defs...)
			sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
			out := make([]any, len(sorted))
			for i, d := range sorted {
				out[i] = &typeVal{def: d}
			}
			return out, nil
		}),
		"enumValues": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.Enum {
				return nil, nil
			}
			out := []any{}
			for _, v := range t.def.EnumValues {
				if dep, _ := deprecation(v.Directives); dep && !includeDeprecated(c) {
					continue
				}
				out = append(out, v)
			}
			return out, nil
		}),
		"inputFields": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.InputObject {
				return nil, nil
			}
			out := []any{}
			for _, f := range t.def.Fields {
				if dep, _ := deprecation(f.Directives); dep && !includeDeprecated(c) {
					continue
				}
				out = append(out, &inputVal{f.Name, f.Description, f.Type, f.DefaultValue, f.Directives})
			}
			return out, nil
		}),
		"ofType": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.ofType == nil {
				return nil, nil
			}
			return t.ofType, nil
		}),
		"isOneOf": each(func(rq *Request, c *Call, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.InputObject {
				return nil, nil
			}
			return t.def.Directives.ForName("oneOf") != nil, nil
		}),
	}
	introspectionFields["__Field"] = map[string]Resolver{
		"name": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) { return f.Name, nil }),
		"description": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) {
			return optString(f.Description), nil
		}),
		"args": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) {
			return argsOf(f.Arguments, includeDeprecated(c)), nil
		}),
		"type": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) { return rq.typeOf(f.Type), nil }),
		"isDeprecated": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) {
			dep, _ := deprecation(f.Directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *Request, c *Call, f *ast.FieldDefinition) (any, error) {
			_, r := deprecation(f.Directives)
			return r, nil
		}),
	}
	introspectionFields["__InputValue"] = map[string]Resolver{
		"name":        each(func(rq *Request, c *Call, v *inputVal) (any, error) { return v.name, nil }),
		"description": each(func(rq *Request, c *Call, v *inputVal) (any, error) { return optString(v.desc), nil }),
		"type":        each(func(rq *Request, c *Call, v *inputVal) (any, error) { return rq.typeOf(v.typ), nil }),
		"defaultValue": each(func(rq *Request, c *Call, v *inputVal) (any, error) {
			if v.def == nil {
				return nil, nil
			}
			return v.def.String(), nil
		}),
		"isDeprecated": each(func(rq *Request, c *Call, v *inputVal) (any, error) {
			dep, _ := deprecation(v.directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *Request, c *Call, v *inputVal) (any, error) {
			_, r := deprecation(v.directives)
			return r, nil
		}),
	}
	introspectionFields["__EnumValue"] = map[string]Resolver{
		"name": each(func(rq *Request, c *Call, v *ast.EnumValueDefinition) (any, error) { return v.Name, nil }),
		"description": each(func(rq *Request, c *Call, v *ast.EnumValueDefinition) (any, error) {
			return optString(v.Description), nil
		}),
		"isDeprecated": each(func(rq *Request, c *Call, v *ast.EnumValueDefinition) (any, error) {
			dep, _ := deprecation(v.Directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *Request, c *Call, v *ast.EnumValueDefinition) (any, error) {
			_, r := deprecation(v.Directives)
			return r, nil
		}),
	}
	introspectionFields["__Directive"] = map[string]Resolver{
		"name": each(func(rq *Request, c *Call, d *ast.DirectiveDefinition) (any, error) { return d.Name, nil }),
		"description": each(func(rq *Request, c *Call, d *ast.DirectiveDefinition) (any, error) {
			return optString(d.Description), nil
		}),
		"isRepeatable": each(func(rq *Request, c *Call, d *ast.DirectiveDefinition) (any, error) { return d.IsRepeatable, nil }),
		"locations": each(func(rq *Request, c *Call, d *ast.DirectiveDefinition) (any, error) {
			out := make([]any, len(d.Locations))
			for i, l := range d.Locations {
				out[i] = string(l)
			}
			return out, nil
		}),
		"args": each(func(rq *Request, c *Call, d *ast.DirectiveDefinition) (any, error) {
			return argsOf(d.Arguments, includeDeprecated(c)), nil
		}),
	}
}

func argsOf(args ast.ArgumentDefinitionList, withDeprecated bool) []any {
	out := []any{}
	for _, a := range args {
		if dep, _ := deprecation(a.Directives); dep && !withDeprecated {
			continue
		}
		out = append(out, &inputVal{a.Name, a.Description, a.Type, a.DefaultValue, a.Directives})
	}
	return out
}
