// Package synth generates synthetic development plans with the shape of a real one, for load
// and benchmark runs at sizes no real dataset has.
//
// A generated plan is an ordinary dataset directory (plan.yaml, plan.txt, YAML entities and
// links) that loads through the normal loader. Its shape is measured from a real plan (the
// embedded Liwan plan, see Liwan) when generation starts: the mix of entity types, the
// (type, relation, type) mix of links, the out- and in-degree of each type (drawn from the
// measured degrees, so hubs stay hubs), citations per link, aliases and descriptions, glossary
// terms with their DEFINES links, the ratio of chapters, sections, items and paragraphs to
// entities, and mentions per entity. Names are synthetic Chinese (a prefix from a pool of
// characters and a type suffix: 金瑞組團, 祥豐生物醫藥產業), so they look and search like real
// ones. A plan's content depends only on the seed and its number: plan 7 of seed 42 is the same
// whether 10 or 1000 plans are generated.
package synth

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing/fstest"
)

// DefaultQuads is about how many quads a generated plan holds: 1,000 plans make a little over
// a million.
const DefaultQuads = 1100

// quadsPerEntity calibrates the number of entities of a plan of DefaultQuads quads. A small
// plan carries more structure per entity than the profile's plan does, so the profile's own
// ratio is corrected by this factor, measured on generated plans.
const quadsPerEntity = 1.01

// Plan is a generated dataset directory: file name → content.
type Plan struct {
	ID    string
	Dir   string // directory name: plan-0001
	Files map[string][]byte
}

// PlanID returns the id of plan number index of a seed: synth-s42-0007.
func PlanID(seed uint64, index int) string { return fmt.Sprintf("synth-s%d-%04d", seed, index) }

// DirName returns the directory of plan number index: plan-0007.
func DirName(index int) string { return fmt.Sprintf("plan-%04d", index) }

// FS returns the plan's files as a file system whose root is the dataset directory.
func (p *Plan) FS() fs.FS {
	m := fstest.MapFS{}
	for name, b := range p.Files {
		m[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return m
}

// WriteDir writes the plan's files into dir, creating it.
func (p *Plan) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write plan %s: %w", p.ID, err)
	}
	names := make([]string, 0, len(p.Files))
	for name := range p.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), p.Files[name], 0o644); err != nil {
			return fmt.Errorf("write plan %s: %w", p.ID, err)
		}
	}
	return nil
}

// Generate makes plan number index (from 1) of a seed, shaped like the profiled plan.
func Generate(prof *Profile, seed uint64, index int) (*Plan, error) {
	if err := prof.validate(); err != nil {
		return nil, err
	}
	if index < 1 {
		return nil, fmt.Errorf("plan number %d: plans are numbered from 1", index)
	}
	g := newGenerator(prof, seed, index)
	g.entities()
	g.connect()
	g.terms()
	g.layout()
	g.write()
	files, err := g.files()
	if err != nil {
		return nil, fmt.Errorf("generate plan %s: %w", g.id, err)
	}
	return &Plan{ID: g.id, Dir: DirName(index), Files: files}, nil
}

// Each generates plans first … first+n-1 of a seed on every core and calls fn (concurrently)
// with each plan and its position from 0; it stops early when ctx ends. The first error, in
// plan order, is returned.
func Each(ctx context.Context, prof *Profile, seed uint64, first, n int, fn func(i int, p *Plan) error) error {
	if n < 0 {
		return fmt.Errorf("cannot generate %d plans", n)
	}
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				p, err := Generate(prof, seed, first+i)
				if err == nil {
					err = fn(i, p)
				}
				errs[i] = err
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// GenerateDir writes plans first … first+n-1 of a seed into dir/plan-NNNN, on every core.
func GenerateDir(prof *Profile, seed uint64, first, n int, dir string) error {
	return Each(context.Background(), prof, seed, first, n, func(_ int, p *Plan) error {
		return p.WriteDir(filepath.Join(dir, p.Dir))
	})
}

// entityCount is how many entities a plan gets: enough for about DefaultQuads quads, varied
// by ±10 % so that plans differ in size as real ones do.
func (g *generator) entityCount() int {
	perEntity := float64(g.prof.Quads) / float64(g.prof.Entities) * quadsPerEntity
	n := DefaultQuads / perEntity * (0.9 + 0.2*g.rng.Float64())
	return max(12, int(math.Round(n)))
}

// typeCounts splits n entities over the types as the profile does (largest remainder), with
// at least one Zone and one Term so that every plan has a glossary.
func (g *generator) typeCounts(n int) map[string]int {
	type share struct {
		t    string
		frac float64
	}
	counts := map[string]int{}
	var shares []share
	total := 0
	for _, t := range typeOrder {
		x := float64(g.prof.Types[t]) * float64(n) / float64(g.prof.Entities)
		counts[t] = int(x)
		total += counts[t]
		shares = append(shares, share{t, x - math.Floor(x)})
	}
	sort.SliceStable(shares, func(i, j int) bool { return shares[i].frac > shares[j].frac })
	for i := 0; total < n; i++ {
		counts[shares[i%len(shares)].t]++
		total++
	}
	for _, t := range []string{"Zone", "Term"} {
		if counts[t] == 0 {
			counts[t] = 1
		}
	}
	return counts
}

// typeOrder is the order entity types are generated in (graph.EntityTypes).
var typeOrder = []string{"Zone", "Project", "Industry", "Policy", "Strategy", "Term", "Target"}

// pick returns a random element of xs.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
