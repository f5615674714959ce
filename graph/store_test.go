package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
)

// backend is a store URL to run the conformance suite on; fresh returns a new, empty store URL
// for each test.
type backend struct {
	name  string
	fresh func(t *testing.T) string
}

// backends lists the stores the suite runs on: memory and bolt always, Postgres when
// PLANGRAPH_TEST_POSTGRES names a server (CI starts one).
func backends(t *testing.T) []backend {
	bs := []backend{
		{"memory", func(t *testing.T) string { return "memory" }},
		{"bolt", func(t *testing.T) string { return "bolt://" + filepath.Join(t.TempDir(), "db") }},
	}
	if _, ok := testkit.PostgresServer(t); ok {
		bs = append(bs, backend{"postgres", func(t *testing.T) string { return testkit.NewDatabase(t, "") }})
	}
	return bs
}

// plan builds a small plan: a district with n zones, each PART_OF the district with a
// citation, and a paragraph holding the text the citations point into.
func plan(id string, n int, extra ...quad.Quad) []quad.Quad {
	para := id + "/ch1/p1"
	text := "zones of the district"
	qs := []quad.Quad{
		graph.Q(id, graph.PredType, graph.ClassIRI(graph.KindPlan), ""),
		graph.Str(id, graph.PropTitle, "Plan "+id),
		graph.Q(para, graph.PredType, graph.ClassIRI(graph.KindParagraph), ""),
		graph.Q(para, graph.PredPlan, id, ""),
		graph.Str(para, graph.PropText, text),
		graph.Str(para, graph.PropLocalID, "ch1/p1"),
		graph.Int(para, graph.PropOrder, 1),
	}
	district := id + "/zone/district"
	qs = append(qs, entity(id, district, "Zone", "荔灣區", "Liwan District")...)
	for i := 0; i < n; i++ {
		z := fmt.Sprintf("%s/zone/z%d", id, i)
		qs = append(qs, entity(id, z, "Zone", fmt.Sprintf("組團%d", i), fmt.Sprintf("Cluster %d", i))...)
		qs = append(qs, graph.Q(z, graph.Relations[0].Pred, district, graph.SpanIRI(para, 0, 5)))
	}
	return append(qs, extra...)
}

func entity(planID, iri, kind, name, en string) []quad.Quad {
	return []quad.Quad{
		graph.Q(iri, graph.PredType, graph.ClassIRI(kind), ""),
		graph.Q(iri, graph.PredPlan, planID, ""),
		graph.Str(iri, graph.PropName, name),
		graph.Str(iri, graph.PropNameEn, en),
	}
}

func open(t *testing.T, url string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exported returns the store's quads of a plan as sorted N-Quads lines.
func exported(t *testing.T, s *graph.Store, planID string) []string {
	t.Helper()
	var b bytes.Buffer
	w := nquads.NewWriter(&b)
	if _, err := s.WriteQuads(context.Background(), planID, w); err != nil {
		t.Fatal(err)
	}
	w.Close()
	lines := bytes.Split(bytes.TrimSpace(b.Bytes()), []byte("\n"))
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if len(l) > 0 {
			out = append(out, string(l))
		}
	}
	sort.Strings(out)
	return out
}

func nq(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

func TestStoreConformance(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Run("replace writes exactly the plan", func(t *testing.T) {
				s := open(t, b.fresh(t))
				want := plan("p1", 5)
				res, err := s.ReplacePlan(ctx, "p1", want)
				if err != nil {
					t.Fatal(err)
				}
				if res.Added != len(want) || res.Removed != 0 {
					t.Errorf("first load: added %d removed %d, want %d and 0", res.Added, res.Removed, len(want))
				}
				if got := exported(t, s, "p1"); !equal(got, nq(want)) {
					t.Errorf("store holds %d quads, want %d:\n%v", len(got), len(want), diff(got, nq(want)))
				}
				st := s.Snapshot().Stats("p1")
				if st.Entities["Zone"] != 6 || st.Links["PART_OF"] != 5 || st.Evidence != 5 {
					t.Errorf("stats %+v: want 6 zones, 5 PART_OF links with 5 citations", st)
				}
			})
			t.Run("loading the same plan again writes nothing", func(t *testing.T) {
				s := open(t, b.fresh(t))
				if _, err := s.ReplacePlan(ctx, "p1", plan("p1", 5)); err != nil {
					t.Fatal(err)
				}
				res, err := s.ReplacePlan(ctx, "p1", plan("p1", 5))
				if err != nil {
					t.Fatal(err)
				}
				if res.Added != 0 || res.Removed != 0 {
					t.Errorf("reload: added %d removed %d, want 0 and 0", res.Added, res.Removed)
				}
				if got := len(exported(t, s, "p1")); got != len(plan("p1", 5)) {
					t.Errorf("after reload the store has %d quads of p1, want %d (no duplicates)", got, len(plan("p1", 5)))
				}
			})
			t.Run("a new version replaces the old one", func(t *testing.T) {
				s := open(t, b.fresh(t))
				if _, err := s.ReplacePlan(ctx, "p1", plan("p1", 5)); err != nil {
					t.Fatal(err)
				}
				v2 := plan("p1", 3)
				res, err := s.ReplacePlan(ctx, "p1", v2)
				if err != nil {
					t.Fatal(err)
				}
				if res.Removed != 2*5 || res.Added != 0 {
					t.Errorf("shrink 5→3 zones: added %d removed %d, want 0 and 10", res.Added, res.Removed)
				}
				if got := exported(t, s, "p1"); !equal(got, nq(v2)) {
					t.Errorf("after replace:\n%v", diff(got, nq(v2)))
				}
				if n := s.Snapshot().Stats("p1").Entities["Zone"]; n != 4 {
					t.Errorf("index has %d zones after replace, want 4", n)
				}
			})
			t.Run("two plans live side by side", func(t *testing.T) {
				s := open(t, b.fresh(t))
				for _, p := range []string{"a", "b"} {
					if _, err := s.ReplacePlan(ctx, p, plan(p, 2)); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := s.ReplacePlan(ctx, "a", plan("a", 1)); err != nil {
					t.Fatal(err)
				}
				if got := exported(t, s, "b"); !equal(got, nq(plan("b", 2))) {
					t.Errorf("replacing a changed b:\n%v", diff(got, nq(plan("b", 2))))
				}
				if ids := s.Snapshot().PlanIDs(); fmt.Sprint(ids) != "[a b]" {
					t.Errorf("plans %v, want [a b]", ids)
				}
				if _, err := s.RemovePlan(ctx, "a"); err != nil {
					t.Fatal(err)
				}
				if ids := s.Snapshot().PlanIDs(); fmt.Sprint(ids) != "[b]" {
					t.Errorf("after removing a: plans %v, want [b]", ids)
				}
				if got := exported(t, s, "b"); !equal(got, nq(plan("b", 2))) {
					t.Errorf("removing a changed b:\n%v", diff(got, nq(plan("b", 2))))
				}
				if _, err := s.RemovePlan(ctx, "a"); graph.ErrorCode(err) != graph.CodeNotFound {
					t.Errorf("removing a missing plan: %v, want NOT_FOUND", err)
				}
			})
			t.Run("invalid quads are refused and nothing changes", func(t *testing.T) {
				s := open(t, b.fresh(t))
				if _, err := s.ReplacePlan(ctx, "p1", plan("p1", 2)); err != nil {
					t.Fatal(err)
				}
				before := exported(t, s, "p1")
				bad := plan("p1", 4, graph.Str("other/zone/x", graph.PropName, "intruder"))
				_, err := s.ReplacePlan(ctx, "p1", bad)
				if graph.ErrorCode(err) != graph.CodeInvalid {
					t.Fatalf("quad of another plan: err %v, want INVALID", err)
				}
				if got := exported(t, s, "p1"); !equal(got, before) {
					t.Errorf("a refused load changed the store:\n%v", diff(got, before))
				}
				if _, err := s.ReplacePlan(ctx, "bad/id", nil); graph.ErrorCode(err) != graph.CodeInvalid {
					t.Errorf("plan id with a slash: %v, want INVALID", err)
				}
			})
			t.Run("the index matches the store after reopening", func(t *testing.T) {
				url := b.fresh(t)
				s := open(t, url)
				if _, err := s.ReplacePlan(ctx, "p1", plan("p1", 3)); err != nil {
					t.Fatal(err)
				}
				want := s.Snapshot().Stats("")
				if url == "memory" {
					return // memory does not outlive the store
				}
				s.Close()
				s2 := open(t, url)
				if got := s2.Snapshot().Stats(""); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("after reopening: %+v, want %+v", got, want)
				}
			})
			t.Run("reopening reads back every quad as written", func(t *testing.T) {
				url := b.fresh(t)
				if url == "memory" {
					t.Skip("memory does not outlive the store")
				}
				written := plan("p1", 3,
					graph.Float("p1/zone/district", "area", 59.1),
					graph.Str("p1/zone/district", graph.PropAlias, "荔灣\x00區 \"quoted\" <tag>"),
					graph.Int("p1/zone/district", "rank", -7),
				)
				s := open(t, url)
				if _, err := s.ReplacePlan(ctx, "p1", written); err != nil {
					t.Fatal(err)
				}
				s.Close()
				got := exported(t, open(t, url), "p1")
				if want := nquadLines(t, written); !equal(got, want) {
					t.Errorf("read back after reopening differs from what was written:\n%s", diff(got, want))
				}
			})
			t.Run("readers see one version or the other", func(t *testing.T) {
				s := open(t, b.fresh(t))
				if _, err := s.ReplacePlan(ctx, "p1", plan("p1", 2)); err != nil {
					t.Fatal(err)
				}
				var wg sync.WaitGroup
				stop := make(chan struct{})
				errs := make(chan error, 1)
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
						}
						snap := s.Snapshot()
						zones := snap.Stats("p1").Entities["Zone"]
						links := snap.Stats("p1").Links["PART_OF"]
						if zones-1 != links || (zones != 3 && zones != 7) {
							select {
							case errs <- fmt.Errorf("mixed snapshot: %d zones, %d links", zones, links):
							default:
							}
							return
						}
					}
				}()
				for i := 0; i < 10; i++ {
					n := 2
					if i%2 == 0 {
						n = 6
					}
					if _, err := s.ReplacePlan(ctx, "p1", plan("p1", n)); err != nil {
						t.Fatal(err)
					}
				}
				close(stop)
				wg.Wait()
				select {
				case err := <-errs:
					t.Error(err)
				default:
				}
			})
			t.Run("export round-trips through N-Quads", func(t *testing.T) {
				s := open(t, b.fresh(t))
				want := plan("p1", 3)
				if _, err := s.ReplacePlan(ctx, "p1", want); err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				w := nquads.NewWriter(&buf)
				if _, err := s.WriteQuads(ctx, "", w); err != nil {
					t.Fatal(err)
				}
				w.Close()
				r := nquads.NewReader(&buf, false)
				var got []quad.Quad
				for {
					q, err := r.ReadQuad()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, q)
				}
				s2 := open(t, "memory")
				if _, err := s2.ReplacePlan(ctx, "p1", got); err != nil {
					t.Fatalf("reloading the export: %v", err)
				}
				if g := exported(t, s2, "p1"); !equal(g, nq(want)) {
					t.Errorf("round trip:\n%v", diff(g, nq(want)))
				}
			})
		})
	}
}

// nquadLines returns quads as exported writes them: sorted N-Quads lines.
func nquadLines(t *testing.T, quads []quad.Quad) []string {
	t.Helper()
	sorted := append([]quad.Quad(nil), quads...)
	graph.SortQuads(sorted)
	var b bytes.Buffer
	w := nquads.NewWriter(&b)
	if _, err := w.WriteQuads(sorted); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return strings.Split(strings.TrimSpace(b.String()), "\n")
}

func equal(a, b []string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func diff(got, want []string) string {
	g, w := map[string]bool{}, map[string]bool{}
	for _, x := range got {
		g[x] = true
	}
	for _, x := range want {
		w[x] = true
	}
	var b bytes.Buffer
	for _, x := range want {
		if !g[x] {
			fmt.Fprintf(&b, "  missing: %s\n", x)
		}
	}
	for _, x := range got {
		if !w[x] {
			fmt.Fprintf(&b, "  extra:   %s\n", x)
		}
	}
	return b.String()
}

func TestOpenRejectsBadURLs(t *testing.T) {
	for _, url := range []string{"bolt://", "mysql://x", "nonsense"} {
		if _, err := graph.Open(context.Background(), url); graph.ErrorCode(err) != graph.CodeInvalid {
			t.Errorf("Open(%q): %v, want INVALID", url, err)
		}
	}
}
