package schema_test

import (
	"strings"
	"testing"

	"github.com/plangraph/plangraph/schema"
)

// Every type, field, argument and enum value of the API has a description, as introspecting
// clients and schema linters show them: the entity types inherit the Entity interface's.
func TestSchemaIsDescribed(t *testing.T) {
	ex, err := schema.New(schema.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, def := range ex.Schema().Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if def.Description == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // the spec's own introspection fields
			}
			if f.Description == "" {
				t.Errorf("%s.%s has no description", name, f.Name)
			}
			for _, a := range f.Arguments {
				if a.Description == "" {
					t.Errorf("%s.%s(%s) has no description", name, f.Name, a.Name)
				}
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" {
				t.Errorf("%s.%s has no description", name, v.Name)
			}
		}
	}
}

// Introspection shows the API, not how it is built: the directives that map the SDL onto the
// graph, and @path's input type, are not in it, and no directive of the SDL is named @link
// (Apollo Federation's).
func TestIntrospectionHidesTheMapping(t *testing.T) {
	var out struct {
		Schema struct {
			Directives []struct{ Name string }
			Types      []struct{ Name string }
		} `json:"__schema"`
		PathStep *struct{ Name string } `json:"pathStep"`
	}
	query(t, `{ __schema { directives { name } types { name } } pathStep: __type(name: "PathStep") { name } }`, &out)
	for _, d := range out.Schema.Directives {
		switch d.Name {
		case "follow", "edge", "prop", "path", "link":
			t.Errorf("introspection shows the mapping directive @%s", d.Name)
		}
	}
	for _, ty := range out.Schema.Types {
		if ty.Name == "PathStep" {
			t.Error("introspection shows PathStep")
		}
	}
	if out.PathStep != nil {
		t.Error("__type(name: PathStep) answers")
	}
	if strings.Contains(schema.SDL(), "@link(") {
		t.Error("the SDL uses @link, Apollo Federation's directive")
	}
}

// first: 0 asks for none on every field that takes first.
func TestFirstZeroMeansNone(t *testing.T) {
	var out struct {
		Search     []any
		SearchText []any
		Entities   struct{ Nodes []any }
		Paths      []any
		Entity     struct {
			Links    []any
			Mentions []any
		}
	}
	query(t, `{
	  search(text: "白鵝潭", first: 0) { matched }
	  searchText(text: "白鵝潭", first: 0) { score }
	  entities(first: 0) { nodes { id } }
	  paths(from: "liwan-14fyp/zone/julong-cluster", to: "liwan-14fyp/strategy/guangzhou-west-cbd", first: 0) { length }
	  entity(id: "liwan-14fyp/zone/baietan-bd") { links(first: 0) { relation } mentions(first: 0) { offset } }
	}`, &out)
	if n := len(out.Search) + len(out.SearchText) + len(out.Entities.Nodes) + len(out.Paths) + len(out.Entity.Links) + len(out.Entity.Mentions); n != 0 {
		t.Errorf("first: 0 gave %d values: %+v", n, out)
	}
}
