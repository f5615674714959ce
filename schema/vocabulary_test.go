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

	sdl := schema.SDL() + `
extend enum EntityType { FACILITY }
extend enum Relation { ADJACENT_TO }
type Facility implements Entity {
  id: ID!
  type: EntityType!
  name: String!
  nameSimplified: String!
  nameEn: String
  pinyin: String!
  aliases: [String!]! @prop(key: "alias")
  description: String
  descriptionEn: String
  plan: Plan!
  links(relations: [Relation!], direction: Direction = BOTH, types: [EntityType!], period: [Period!], first: Int = 100): [Link!]!
  linkCount(relations: [Relation!], direction: Direction = BOTH, types: [EntityType!], period: [Period!]): Int!
  mentions(first: Int = 20): [Mention!]!
  mentionCount: Int!
  evidence: [Citation!]!
  source: String
  chapters: [Chapter!]!
  neighbours: [Zone!]! @link(rel: ADJACENT_TO, dir: OUT)
}
`
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
	res, err := loader.Load(fsys, ".")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	st, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ReplacePlan(context.Background(), res.Meta.ID, res.Quads); err != nil {
		t.Fatal(err)
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
