package schema

import (
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

func (rq *request) typeOf(t *ast.Type) *typeVal {
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

func includeDeprecated(c *fieldCall) bool {
	b, _ := c.args["includeDeprecated"].(bool)
	return b
}

var introspectionRoot = map[string]batchFunc{
	"__schema": root(func(rq *request, c *fieldCall) (any, error) { return rq.e.schema, nil }),
	"__type": root(func(rq *request, c *fieldCall) (any, error) {
		def := rq.e.schema.Types[argString(c.args, "name")]
		if def == nil || internalTypes[def.Name] {
			return nil, nil
		}
		return &typeVal{def: def}, nil
	}),
}

// The directives that map the SDL onto the graph (and the input type of @path) are how this
// server is built, not part of the API: introspection does not show them, so clients and
// code generators see a plain schema (and no name clashes with directives they know).
var (
	internalDirectives = map[string]bool{"follow": true, "edge": true, "prop": true, "path": true}
	internalTypes      = map[string]bool{"PathStep": true}
)

func init() {
	goResolvers["__Schema"] = map[string]batchFunc{
		"description": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) { return optString(s.Description), nil }),
		"types": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) {
			names := make([]string, 0, len(s.Types))
			for n := range s.Types {
				if !internalTypes[n] {
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
		"queryType": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) { return &typeVal{def: s.Query}, nil }),
		"mutationType": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) {
			if s.Mutation == nil {
				return nil, nil
			}
			return &typeVal{def: s.Mutation}, nil
		}),
		"subscriptionType": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) {
			if s.Subscription == nil {
				return nil, nil
			}
			return &typeVal{def: s.Subscription}, nil
		}),
		"directives": each(func(rq *request, c *fieldCall, s *ast.Schema) (any, error) {
			names := make([]string, 0, len(s.Directives))
			for n := range s.Directives {
				if !internalDirectives[n] {
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
	goResolvers["__Type"] = map[string]batchFunc{
		"kind": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
			if t.def == nil {
				return t.kind, nil
			}
			return string(t.def.Kind), nil
		}),
		"name": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
			if t.def == nil {
				return nil, nil
			}
			return t.def.Name, nil
		}),
		"description": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
			if t.def == nil {
				return nil, nil
			}
			return optString(t.def.Description), nil
		}),
		"specifiedByURL": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"fields": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"interfaces": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"possibleTypes": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"enumValues": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"inputFields": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
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
		"ofType": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
			if t.ofType == nil {
				return nil, nil
			}
			return t.ofType, nil
		}),
		"isOneOf": each(func(rq *request, c *fieldCall, t *typeVal) (any, error) {
			if t.def == nil || t.def.Kind != ast.InputObject {
				return nil, nil
			}
			return t.def.Directives.ForName("oneOf") != nil, nil
		}),
	}
	goResolvers["__Field"] = map[string]batchFunc{
		"name": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) { return f.Name, nil }),
		"description": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) {
			return optString(f.Description), nil
		}),
		"args": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) {
			return argsOf(f.Arguments, includeDeprecated(c)), nil
		}),
		"type": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) { return rq.typeOf(f.Type), nil }),
		"isDeprecated": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) {
			dep, _ := deprecation(f.Directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *request, c *fieldCall, f *ast.FieldDefinition) (any, error) {
			_, r := deprecation(f.Directives)
			return r, nil
		}),
	}
	goResolvers["__InputValue"] = map[string]batchFunc{
		"name":        each(func(rq *request, c *fieldCall, v *inputVal) (any, error) { return v.name, nil }),
		"description": each(func(rq *request, c *fieldCall, v *inputVal) (any, error) { return optString(v.desc), nil }),
		"type":        each(func(rq *request, c *fieldCall, v *inputVal) (any, error) { return rq.typeOf(v.typ), nil }),
		"defaultValue": each(func(rq *request, c *fieldCall, v *inputVal) (any, error) {
			if v.def == nil {
				return nil, nil
			}
			return v.def.String(), nil
		}),
		"isDeprecated": each(func(rq *request, c *fieldCall, v *inputVal) (any, error) {
			dep, _ := deprecation(v.directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *request, c *fieldCall, v *inputVal) (any, error) {
			_, r := deprecation(v.directives)
			return r, nil
		}),
	}
	goResolvers["__EnumValue"] = map[string]batchFunc{
		"name": each(func(rq *request, c *fieldCall, v *ast.EnumValueDefinition) (any, error) { return v.Name, nil }),
		"description": each(func(rq *request, c *fieldCall, v *ast.EnumValueDefinition) (any, error) {
			return optString(v.Description), nil
		}),
		"isDeprecated": each(func(rq *request, c *fieldCall, v *ast.EnumValueDefinition) (any, error) {
			dep, _ := deprecation(v.Directives)
			return dep, nil
		}),
		"deprecationReason": each(func(rq *request, c *fieldCall, v *ast.EnumValueDefinition) (any, error) {
			_, r := deprecation(v.Directives)
			return r, nil
		}),
	}
	goResolvers["__Directive"] = map[string]batchFunc{
		"name": each(func(rq *request, c *fieldCall, d *ast.DirectiveDefinition) (any, error) { return d.Name, nil }),
		"description": each(func(rq *request, c *fieldCall, d *ast.DirectiveDefinition) (any, error) {
			return optString(d.Description), nil
		}),
		"isRepeatable": each(func(rq *request, c *fieldCall, d *ast.DirectiveDefinition) (any, error) { return d.IsRepeatable, nil }),
		"locations": each(func(rq *request, c *fieldCall, d *ast.DirectiveDefinition) (any, error) {
			out := make([]any, len(d.Locations))
			for i, l := range d.Locations {
				out[i] = string(l)
			}
			return out, nil
		}),
		"args": each(func(rq *request, c *fieldCall, d *ast.DirectiveDefinition) (any, error) {
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
