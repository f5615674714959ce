package bench

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/loader/synth"
)

// Sizes are the graph sizes a run can measure: the embedded plan alone, and the embedded plan
// with generated plans up to about 100k, 1M and 10M quads in all.
var Sizes = []string{"liwan", "100k", "1m", "10m"}

// sizeQuads is the number of quads a size reaches (at least).
var sizeQuads = map[string]int{"liwan": 0, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}

// plan is a plan's quads, ready to write.
type plan struct {
	id    string
	quads []quad.Quad
}

// dataset holds the plans of every size: the Liwan plan, then generated plans in order. A
// larger size is a smaller one plus more plans, so a store grows from one size to the next.
type dataset struct {
	seed      uint64
	prof      *synth.Profile
	liwan     plan
	liwanRes  *loader.Result
	generated []plan
	total     int // quads of liwan and every generated plan
}

func newDataset(seed uint64) (*dataset, error) {
	res, err := loader.Load(data.Liwan, ".")
	if err != nil {
		return nil, fmt.Errorf("load the embedded plan: %w", err)
	}
	d := &dataset{seed: seed, prof: synth.Measure(res), liwan: plan{res.Meta.ID, res.Quads}, liwanRes: res}
	d.total = len(res.Quads)
	return d, nil
}

// plans returns the plans of a size, generating (and validating, through the normal loader)
// the plans it still lacks, on every core.
func (d *dataset) plans(ctx context.Context, size string) ([]plan, error) {
	target, ok := sizeQuads[size]
	if !ok {
		return nil, fmt.Errorf("unknown size %q (want %v)", size, Sizes)
	}
	n := 0 // generated plans the size needs
	for total := len(d.liwan.quads); total < target; n++ {
		if n == len(d.generated) {
			if err := d.generate(ctx, (target-total)/synth.DefaultQuads+1); err != nil {
				return nil, err
			}
		}
		total += len(d.generated[n].quads)
	}
	return append([]plan{d.liwan}, d.generated[:n]...), nil
}

// generate makes the next k plans.
func (d *dataset) generate(ctx context.Context, k int) error {
	out := make([]plan, k)
	err := synth.Each(ctx, d.prof, d.seed, len(d.generated)+1, k, func(i int, p *synth.Plan) error {
		res, err := loader.Load(p.FS(), ".")
		if err != nil {
			return fmt.Errorf("generated plan %s does not load: %w", p.ID, err)
		}
		out[i] = plan{res.Meta.ID, res.Quads}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range out {
		d.total += len(p.quads)
	}
	d.generated = append(d.generated, out...)
	return nil
}

// loadResult is what writing plans into a store took.
type loadResult struct {
	plans, added int
	took         time.Duration
}

// load writes plans into a store, each in its own transaction as `plangraph load` does, and
// times the writes. Each plan is written from a fresh copy of its quads, as a load from a
// dataset would: the store then owns its strings instead of sharing the run's cached ones, so
// that the memory it grows by is what a server holding the plans needs.
func load(ctx context.Context, st *graph.Store, plans []plan) (loadResult, error) {
	var r loadResult
	for _, p := range plans {
		quads := cloneQuads(p.quads)
		start := time.Now()
		rep, err := st.ReplacePlan(ctx, p.id, quads)
		r.took += time.Since(start)
		if err != nil {
			return r, fmt.Errorf("load plan %s: %w", p.id, err)
		}
		r.plans++
		r.added += rep.Added
	}
	return r, nil
}

// cloneQuads copies quads with strings of their own.
func cloneQuads(qs []quad.Quad) []quad.Quad {
	out := make([]quad.Quad, len(qs))
	for i, q := range qs {
		out[i] = quad.Quad{Subject: cloneValue(q.Subject), Predicate: cloneValue(q.Predicate), Object: cloneValue(q.Object), Label: cloneValue(q.Label)}
	}
	return out
}

func cloneValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI:
		return quad.IRI(strings.Clone(string(v)))
	case quad.String:
		return quad.String(strings.Clone(string(v)))
	}
	return v
}

// liwanIndex is the read index of the embedded plan alone, which the start points are picked
// from.
func (d *dataset) liwanIndex() (*graph.Snapshot, error) {
	ix, err := graph.BuildPlanIndex(d.liwan.id, d.liwan.quads)
	if err != nil {
		return nil, err
	}
	return graph.NewSnapshot(0, ix), nil
}

// sortSizes orders sizes from small to large, which is the order a store grows in.
func sortSizes(sizes []string) []string {
	out := append([]string(nil), sizes...)
	sort.SliceStable(out, func(i, j int) bool { return sizeQuads[out[i]] < sizeQuads[out[j]] })
	return out
}
