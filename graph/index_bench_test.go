package graph_test

import (
	"testing"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
)

// BenchmarkBuildPlanIndex measures building the read index of the Liwan plan, which every
// load and every start-up pays.
func BenchmarkBuildPlanIndex(b *testing.B) {
	res, _ := testkit.Liwan(b)
	for b.Loop() {
		if _, err := graph.BuildPlanIndex(res.Meta.ID, res.Quads); err != nil {
			b.Fatal(err)
		}
	}
}
