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
