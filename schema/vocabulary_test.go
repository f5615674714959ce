package schema_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

// The vocabulary is the one source of entity types and relations: a type and a relation added
// there are refused by the embedded SDL, by name, and once the SDL declares them (here a
// fixture), a dataset using them loads and the API serves them with no other change.
func TestVocabularyNewTypeAndRelationFollow(t *testing.T) {
	restore := graph.Extend(
		[]graph.EntityType{{Name: "Facility", Enum: "FACILITY", Doc: "A fixture type."}},
		[]graph.Relation{{Name: "ADJACENT_TO", Pred: graph.Namespace + "adjacentTo", Doc: "A fixture relation."}},
	)
	defer restore()

	_, err := schema.New(schema.Limits{})
	if err == nil {
		t.Fatal("the embedded SDL was accepted without the new type and relation")
	}
	for _, want := range []string{"enum EntityType lacks FACILITY", "enum Relation lacks ADJACENT_TO", "no object type Facility"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}

	// The fixture's type is an existing entity type's declaration under another name, with one
	// field following the new relation.
	sdl := schema.SDL() + "\nextend enum EntityType { FACILITY }\nextend enum Relation { ADJACENT_TO }\n" +
		strings.Replace(typeBlock(t, schema.SDL(), "Organisation"), "type Organisation ", "type Facility ", 1) +
		"\nextend type Facility { neighbours: [Zone!]! @follow(rel: ADJACENT_TO, dir: OUT) }\n"
	ex, err := schema.NewFromSDL(sdl, schema.Limits{})
	if err != nil {
		t.Fatalf("fixture SDL: %v", err)
	}
	fsys := fstest.MapFS{
		"plan.yaml": {Data: []byte("id: fixture\ntext: plan.txt\n")},
		"plan.txt":  {Data: []byte("示例規劃\n第一章 總體要求\n第一節 發展定位\n示例泵站緊鄰核心組團,服務全區。\n")},
		"data.yaml": {Data: []byte(`entities:
  - {id: pump, type: Facility, name: 示例泵站, en: Example Pumping Station}
  - {id: core, type: Zone, name: 核心組團, en: Core Cluster}
links:
  - {from: pump, rel: ADJACENT_TO, to: core, quote: 示例泵站緊鄰核心組團}
`)},
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := loader.LoadInto(context.Background(), st, fsys, ".", nil); err != nil {
		t.Fatalf("load: %v", err)
	}
	got := string(ex.Execute(context.Background(), st.Snapshot(), schema.Params{Query: `{
  stats { entitiesByType { type count } linksByRelation { relation count } }
  entity(id: "fixture/facility/pump") { type ... on Facility { neighbours { name } } links { relation evidence { quote period } } }
}`}).JSON())
	for _, want := range []string{
		`{"type":"FACILITY","count":1}`,
		`{"relation":"ADJACENT_TO","count":1}`,
		`"neighbours":[{"name":"核心組團"}]`,
		`{"relation":"ADJACENT_TO","evidence":[{"quote":"示例泵站緊鄰核心組團","period":"PLANNED"}]}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("response lacks %s:\n%s", want, got)
		}
	}
}

// typeBlock returns the declaration of the named type in sdl, from "type Name " to its "}".
func typeBlock(t *testing.T, sdl, name string) string {
	t.Helper()
	i := strings.Index(sdl, "\ntype "+name+" ")
	if i < 0 {
		t.Fatalf("the SDL declares no type %s", name)
	}
	j := strings.Index(sdl[i:], "\n}\n")
	return sdl[i+1 : i+j+3]
}
