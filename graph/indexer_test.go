package graph

import (
	"testing"

	"github.com/cayleygraph/quad"
)

// A plan handed over early from part of its quads is indexed again from all of them; a plan
// never handed over is indexed at the end; each index holds its whole plan.
func TestIndexerKeepsOnlyWholePlans(t *testing.T) {
	planQuads := func(id string, zones int) []quad.Quad {
		qs := []quad.Quad{Q(id, PredType, ClassIRI(KindPlan), ""), Str(id, PropTitle, "Plan "+id)}
		for i := range zones {
			z := id + "/zone/z" + string(rune('0'+i))
			qs = append(qs, Q(z, PredType, ClassIRI("Zone"), ""), Q(z, PredPlan, id, ""), Str(z, PropName, "區"+string(rune('甲'+i))))
		}
		return qs
	}
	a, b, c := planQuads("a", 4), planQuads("b", 2), planQuads("c", 3)
	ix := newIndexer()
	ix.early("a", a[:5]) // a's first rows, before b's
	ix.early("b", b)
	ix.early(MetaNode, []quad.Quad{Str(MetaNode, "x", "y")}) // the store's own quads: not a plan
	indexes, err := ix.finish(map[string][]quad.Quad{"a": a, "b": b, "c": c})
	if err != nil {
		t.Fatal(err)
	}
	if len(indexes) != 3 {
		t.Fatalf("%d indexes, want 3", len(indexes))
	}
	for i, want := range []struct {
		id    string
		quads int
	}{{"a", len(a)}, {"b", len(b)}, {"c", len(c)}} {
		if got := indexes[i]; got.ID != want.id || got.Stats().Quads != want.quads {
			t.Errorf("index %d: plan %s with %d quads, want %s with %d", i, got.ID, got.Stats().Quads, want.id, want.quads)
		}
	}
}
