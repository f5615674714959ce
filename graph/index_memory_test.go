package graph_test

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/loader/synth"
)

// The read index of a store holding ten million quads must fit in 2 GB (issue #13): at most
// 200 bytes of live heap per quad, every string it keeps counted. Generated plans are indexed
// from quads that carry their own copy of every string, as a dataset read from files does.
func TestIndexHeapPerQuad(t *testing.T) {
	plans := generatedPlans(t, 40)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	indexes := make([]*graph.PlanIndex, 0, len(plans))
	quads := 0
	for _, p := range plans {
		ix, err := graph.BuildPlanIndex(p.id, cloned(p.quads))
		if err != nil {
			t.Fatal(err)
		}
		indexes = append(indexes, ix)
		quads += len(p.quads)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perQuad := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(quads)
	runtime.KeepAlive(indexes)
	runtime.KeepAlive(plans)
	t.Logf("%d quads in %d plans: %.0f bytes of heap per quad", quads, len(plans), perQuad)
	if perQuad > 200 {
		t.Errorf("the read index takes %.0f bytes per quad, want at most 200", perQuad)
	}
}

type synthPlan struct {
	id    string
	quads []quad.Quad
}

func generatedPlans(t testing.TB, n int) []synthPlan {
	res, _ := testkit.Liwan(t)
	out := make([]synthPlan, n)
	err := synth.Each(context.Background(), synth.Measure(res), 1, 1, n, func(i int, p *synth.Plan) error {
		r, err := loader.Load(p.FS(), ".")
		if err != nil {
			return err
		}
		out[i] = synthPlan{r.Meta.ID, r.Quads}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cloned copies quads with strings of their own.
func cloned(qs []quad.Quad) []quad.Quad {
	out := make([]quad.Quad, len(qs))
	own := func(v quad.Value) quad.Value {
		switch v := v.(type) {
		case quad.IRI:
			return quad.IRI(strings.Clone(string(v)))
		case quad.String:
			return quad.String(strings.Clone(string(v)))
		}
		return v
	}
	for i, q := range qs {
		out[i] = quad.Quad{Subject: own(q.Subject), Predicate: own(q.Predicate), Object: own(q.Object), Label: own(q.Label)}
	}
	return out
}
