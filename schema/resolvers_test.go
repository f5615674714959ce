package schema

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// planField is the one place that decides how a field is served, and resolvers are keyed by
// (type, field): a type's own, then an interface's for the fields that interface declares,
// then the stored property. A resolver of the Entity interface does not reach a field of the
// same name on a type that is not an entity, nor one the interface does not declare.
func TestResolversAreKeyedByTypeAndField(t *testing.T) {
	e, err := New(Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.Schema()
	p := planResolvers{s}
	key := func(def *ast.Definition, field string) string {
		t.Helper()
		fd := def.Fields.ForName(field)
		if fd == nil {
			t.Fatalf("%s has no field %s", def.Name, field)
		}
		fn, key, _, err := p.planField(def, fd)
		if err != nil || fn == nil {
			t.Fatalf("%s.%s: no resolver (%v)", def.Name, field, err)
		}
		return key
	}
	for _, c := range []struct{ typ, field, want string }{
		{"Zone", "links", "Entity.links"},     // the Entity interface's, one batch for every entity type
		{"Project", "links", "Entity.links"},  //
		{"Zone", "id", "Node.id"},             // Entity declares id too but resolves it not: Node does
		{"Zone", "plan", "Entity.plan"},       //
		{"Paragraph", "plan", ""},             // the type's own
		{"Term", "definition", ""},            // the type's own: no other entity has it
		{"Zone", "name", "prop name String!"}, // a stored property
		{"Chapter", "id", "Node.id"},          //
		{"Link", "relation", ""},              // a Go value's field
		{"Query", "entity", ""},               //
		{"Zone", "description", "prop description String"},
	} {
		def := s.Types[c.typ]
		if def == nil {
			t.Fatalf("no type %s", c.typ)
		}
		if got := key(def, c.field); got != c.want {
			t.Errorf("%s.%s is served by %q, want %q", c.typ, c.field, got, c.want)
		}
	}

	// A node type that is not an entity, with fields named like the Entity interface's.
	notEntity := &ast.Definition{Kind: ast.Object, Name: "Paragraph", Interfaces: []string{"Node"}, Fields: ast.FieldList{
		{Name: "links", Type: ast.NamedType("String", nil)},
		{Name: "pinyin", Type: ast.NamedType("String", nil)},
	}}
	for _, f := range []string{"links", "pinyin"} {
		if got, want := key(notEntity, f), "prop "+f+" String"; got != want {
			t.Errorf("%s of a type that is not an entity is served by %q, want %q (the stored property)", f, got, want)
		}
	}
}

// Every field the engine reads straight off a node (Inline) is a stored property, as planField
// decided it: no second rule elsewhere picks another way to serve a field.
func TestInlineOnlyForStoredProperties(t *testing.T) {
	e, err := New(Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.Schema()
	p := planResolvers{s}
	inline := 0
	for _, def := range s.Types {
		if def.Kind != ast.Object || def.BuiltIn || len(def.Name) > 1 && def.Name[:2] == "__" {
			continue
		}
		for _, fd := range def.Fields {
			f, err := p.Field(def, fd)
			if err != nil {
				t.Fatal(err)
			}
			if f.Inline == nil {
				continue
			}
			inline++
			_, _, prop, _ := p.planField(def, fd)
			if prop == "" {
				t.Errorf("%s.%s is read inline but is not a stored property", def.Name, fd.Name)
			}
		}
	}
	if inline == 0 {
		t.Error("no field is read inline: ids and names should be")
	}
}
