package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/plangraph/plangraph/internal/errcode"
	"github.com/vektah/gqlparser/v2/ast"
)

// collected is one response key of a selection set for one object type: the fields merged
// under it (from fragments and repeats) and their merged sub-selections.
type collected struct {
	key      string
	first    *ast.Field
	fields   []*ast.Field
	sel      ast.SelectionSet
	typename bool    // __typename
	planKey  *string // the interned key of the field's plan on this type
	inline   *Call   // set when the field is read straight off the node (see fieldPlan.inline)
	// call is the field's call made once, when its arguments use no variable: every request
	// and depth would make the same one. Shared, so never written after.
	call    *Call
	callErr error
}

type collectKey struct {
	typ *ast.Definition
	sel *ast.Selection // the selection set's first element identifies it
	n   int
}

// collect implements the spec's CollectFields for a concrete type, honouring @skip/@include
// and fragment type conditions. Results are memoised per request: every object of one type
// under one selection set shares them, and the merged sub-selections keep their identity so
// the next depth hits the memo too.
func (rq *Request) collect(typ *ast.Definition, sel ast.SelectionSet) ([]*collected, *keySet) {
	if len(sel) == 0 {
		return nil, nil
	}
	key := collectKey{typ, &sel[0], len(sel)}
	if c, ok := rq.memo[key]; ok {
		return c.fields, c.keys
	}
	// A document whose @skip/@include use no variable collects the same fields on every
	// request: those results are kept with the document.
	shared := rq.entry != nil && rq.entry.static
	if shared {
		if c, ok := rq.entry.collected.Load(key); ok {
			set := c.(collectedSet)
			rq.memo[key] = set
			return set.fields, set.keys
		}
	}
	var out []*collected
	byKey := map[string]*collected{}
	visited := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if !rq.included(s.Directives) {
					continue
				}
				k := s.Alias
				if k == "" {
					k = s.Name
				}
				c := byKey[k]
				if c == nil {
					c = &collected{key: k, first: s}
					byKey[k] = c
					out = append(out, c)
				}
				c.fields = append(c.fields, s)
			case *ast.InlineFragment:
				if !rq.included(s.Directives) || !rq.applies(typ, s.TypeCondition) {
					continue
				}
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if !rq.included(s.Directives) || visited[s.Name] {
					continue
				}
				visited[s.Name] = true
				f := rq.doc.Fragments.ForName(s.Name)
				if f == nil || !rq.applies(typ, f.TypeCondition) {
					continue
				}
				walk(f.SelectionSet)
			}
		}
	}
	walk(sel)
	for _, c := range out {
		c.typename = c.first.Name == "__typename"
		c.planKey = rq.e.internedKey(typ.Name, c.first.Name)
		if p := rq.e.plans[typ.Name][c.first.Name]; p != nil && p.inline != nil {
			t := p.def.Type
			c.inline = &Call{plan: p, Field: c.first, Parent: typ, named: rq.e.schema.Types[t.Name()],
				plain: t.Elem == nil && (t.NamedType == "String" || t.NamedType == "ID")}
		}
		if len(c.fields) == 1 {
			c.sel = c.first.SelectionSet
		} else {
			for _, f := range c.fields {
				c.sel = append(c.sel, f.SelectionSet...)
			}
		}
		if c.inline == nil && !argumentsUseVariables(c.first.Arguments) {
			c.call, c.callErr = rq.makeCall(typ, c)
		}
	}
	names := make([]string, len(out))
	for i, c := range out {
		names[i] = c.key
	}
	keys := newKeySet(names)
	rq.memo[key] = collectedSet{out, keys}
	if shared {
		rq.entry.collected.Store(key, collectedSet{out, keys})
	}
	return out, keys
}

// collectedSet is the memoised result of collect: the fields and their response keys.
type collectedSet struct {
	fields []*collected
	keys   *keySet
}

// keySet is the response keys of an object, in selection order, and the JSON written before
// each value: `{"id":` for the first, `,"name":` for the others. Objects of one shape share it.
type keySet struct {
	names  []string
	quoted []string
}

func newKeySet(names []string) *keySet {
	ks := &keySet{names: names, quoted: make([]string, len(names))}
	var b bytes.Buffer
	for i, k := range names {
		b.Reset()
		if i == 0 {
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		appendString(&b, k)
		b.WriteByte(':')
		ks.quoted[i] = b.String()
	}
	return ks
}

func (rq *Request) applies(typ *ast.Definition, cond string) bool {
	if cond == "" || cond == typ.Name {
		return true
	}
	def := rq.e.schema.Types[cond]
	if def == nil {
		return false
	}
	for _, t := range rq.e.schema.GetPossibleTypes(def) {
		if t.Name == typ.Name {
			return true
		}
	}
	return false
}

func (rq *Request) included(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "skip" && d.Name != "include" {
			continue
		}
		a := d.Arguments.ForName("if")
		if a == nil {
			continue
		}
		v, err := a.Value.Value(rq.vars)
		b, ok := v.(bool)
		if err != nil || !ok {
			continue // validation guarantees a Boolean!; a missing variable counts as not given
		}
		if d.Name == "skip" && b || d.Name == "include" && !b {
			return false
		}
	}
	return true
}

// newCall prepares a field for one depth: its plan, coerced arguments and merged selections.
func (rq *Request) newCall(typ *ast.Definition, c *collected) (*Call, error) {
	if c.call != nil {
		return c.call, c.callErr
	}
	return rq.makeCall(typ, c)
}

func (rq *Request) makeCall(typ *ast.Definition, c *collected) (*Call, error) {
	plan := rq.e.plans[typ.Name][c.first.Name]
	if plan == nil {
		if fn := introspectionRoot[c.first.Name]; fn != nil && typ.Name == rq.e.schema.Query.Name {
			plan = &fieldPlan{def: c.first.Definition, batch: fn}
		} else {
			return &Call{plan: &fieldPlan{def: &ast.FieldDefinition{Name: c.first.Name, Type: ast.NamedType("String", nil)}}, Field: c.first, Parent: typ},
				fmt.Errorf("%s.%s is not resolvable", typ.Name, c.first.Name)
		}
	}
	call := &Call{plan: plan, Field: c.first, sel: c.sel, Parent: typ, named: rq.e.schema.Types[plan.def.Type.Name()]}
	args, err := rq.coerceArgs(plan.def.Arguments, c.first.Arguments)
	call.Args = args
	return call, err
}

// argumentsUseVariables reports whether an argument's value is or holds a variable.
func argumentsUseVariables(args ast.ArgumentList) bool {
	var uses func(v *ast.Value) bool
	uses = func(v *ast.Value) bool {
		if v == nil {
			return false
		}
		if v.Kind == ast.Variable {
			return true
		}
		for _, c := range v.Children {
			if uses(c.Value) {
				return true
			}
		}
		return false
	}
	for _, a := range args {
		if uses(a.Value) {
			return true
		}
	}
	return false
}

// coerceArgs computes a field's argument values from literals, variables and defaults, with
// the defaults of input object fields filled in. Validation has checked the types; this never
// panics on input (gqlparser's ArgumentMap does).
func (rq *Request) coerceArgs(defs ast.ArgumentDefinitionList, args ast.ArgumentList) (map[string]any, error) {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		var v any
		has := false
		if a := args.ForName(d.Name); a != nil {
			if a.Value.Kind == ast.Variable {
				v, has = rq.vars[a.Value.Raw]
			} else {
				var err error
				if v, err = a.Value.Value(rq.vars); err != nil {
					return out, BadInput("argument %s: %v", d.Name, err)
				}
				has = true
			}
		}
		if !has && d.DefaultValue != nil {
			var err error
			if v, err = d.DefaultValue.Value(nil); err != nil {
				return out, fmt.Errorf("default of %s: %w", d.Name, err)
			}
			has = true
		}
		if has {
			v = rq.withDefaults(d.Type, v)
			if err := rq.budgetArg(d.Name, v); err != nil {
				return out, err
			}
			out[d.Name] = v
		}
	}
	return out, nil
}

// budgetArg holds an argument's value to the request budget before any work is done with it:
// no list longer than MaxListValues (enum lists are counted after withDefaults dropped their
// repeats, so that a relation repeated 30,000 times asks what it asks once) and no string
// longer than MaxStringBytes, at any depth of an input object.
func (rq *Request) budgetArg(name string, v any) error {
	lim := rq.e.limits
	switch x := v.(type) {
	case string:
		if len(x) > lim.MaxStringBytes {
			return &codedError{code: errcode.ArgumentTooLarge, msg: fmt.Sprintf("argument %s is %d bytes long, above the limit of %d", name, len(x), lim.MaxStringBytes)}
		}
	case []any:
		if len(x) > lim.MaxListValues {
			return &codedError{code: errcode.ArgumentTooLarge, msg: fmt.Sprintf("argument %s has %d values, above the limit of %d", name, len(x), lim.MaxListValues)}
		}
		for _, item := range x {
			if err := rq.budgetArg(name, item); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, item := range x {
			if err := rq.budgetArg(name+"."+k, item); err != nil {
				return err
			}
		}
	}
	return nil
}

// withDefaults fills the default values of input object fields that were not given, and drops
// repeated values from lists of enum values ([PART_OF, PART_OF] asks what [PART_OF] asks).
func (rq *Request) withDefaults(t *ast.Type, v any) any {
	if v == nil {
		return nil
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return []any{rq.withDefaults(t.Elem, v)} // a single value where a list is expected
		}
		var seen map[string]bool
		if d := rq.e.schema.Types[t.Elem.Name()]; t.Elem.Elem == nil && d != nil && d.Kind == ast.Enum {
			seen = map[string]bool{}
		}
		out := make([]any, 0, len(list))
		for _, x := range list {
			if str, isStr := x.(string); seen != nil && isStr {
				if seen[str] {
					continue
				}
				seen[str] = true
			}
			out = append(out, rq.withDefaults(t.Elem, x))
		}
		return out
	}
	def := rq.e.schema.Types[t.NamedType]
	obj, ok := v.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return v
	}
	out := make(map[string]any, len(def.Fields))
	for k, x := range obj {
		out[k] = x
	}
	for _, f := range def.Fields {
		if x, has := out[f.Name]; has {
			out[f.Name] = rq.withDefaults(f.Type, x)
		} else if f.DefaultValue != nil {
			if dv, err := f.DefaultValue.Value(nil); err == nil {
				out[f.Name] = dv
			}
		}
	}
	return out
}

// BadInput is an error of the client's arguments (BAD_USER_INPUT), for resolvers to return.
func BadInput(format string, args ...any) error {
	return &codedError{code: errcode.BadUserInput, msg: fmt.Sprintf(format, args...)}
}

// Argument accessors. Values come from literals (int64, float64, string, bool, []any,
// map[string]any) or from JSON variables (float64, json.Number).

// ArgInt reads an Int argument, def when it is absent or null.
func ArgInt(args map[string]any, name string, def int) (int, error) {
	v, ok := args[name]
	if !ok || v == nil {
		return def, nil
	}
	switch n := v.(type) {
	case int64:
		return int(n), nil
	case int:
		return n, nil
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > math.MaxInt32 {
			return 0, BadInput("%s: %v is not an Int", name, n)
		}
		return int(n), nil
	case json.Number:
		i, err := strconv.ParseInt(string(n), 10, 32)
		if err != nil {
			return 0, BadInput("%s: %v is not an Int", name, n)
		}
		return int(i), nil
	}
	return 0, BadInput("%s: %v is not an Int", name, v)
}

// ArgString reads a String, ID or enum argument, "" when absent.
func ArgString(args map[string]any, name string) string {
	s, _ := args[name].(string)
	return s
}

// ArgStrings reads a list of strings or enum values (a single value is a list of one).
func ArgStrings(args map[string]any, name string) []string {
	switch v := args[name].(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{v}
	}
	return nil
}

// ArgObject reads an input object argument, nil when absent.
func ArgObject(args map[string]any, name string) map[string]any {
	m, _ := args[name].(map[string]any)
	return m
}
