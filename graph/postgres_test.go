package graph_test

import (
	"context"
	"database/sql"
	"io"
	"reflect"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	_ "github.com/lib/pq" // the driver cayley's Postgres backend uses

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
)

// Writes on PostgreSQL go to cayley's tables through COPY and our own statements: cayley must
// still read what they wrote, and its bookkeeping must hold (a node's refs count the quad
// positions that use it; no node is left that no quad uses).
func TestPostgresWritesKeepCayleysBookkeeping(t *testing.T) {
	url := testkit.NewDatabase(t, "") // skips without a server
	ctx := context.Background()
	st := open(t, url)
	steps := []func() error{
		func() error { _, err := st.ReplacePlan(ctx, "a", plan("a", 5)); return err },
		func() error { _, err := st.ReplacePlan(ctx, "b", plan("b", 3)); return err },
		func() error {
			_, err := st.ReplacePlan(ctx, "a", plan("a", 2, graph.Float("a/zone/z0", "area", 1.5)))
			return err
		},
		func() error { _, err := st.RemovePlan(ctx, "b"); return err },
		func() error {
			// A quad stored already (as when another server wrote it between this one's read
			// and its write) and a new one, and the deletion of a quad that is not there.
			stored := plan("a", 2)[0]
			return st.ApplyDeltas(ctx, []cgraph.Delta{
				{Quad: stored, Action: cgraph.Add},
				{Quad: graph.Str("c", graph.PropTitle, "Plan c"), Action: cgraph.Add},
				{Quad: graph.Str("d", graph.PropTitle, "Plan d"), Action: cgraph.Delete},
			})
		},
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		var wrong, orphans int
		err := db.QueryRow(`SELECT count(*) FROM nodes n WHERE refs <= 0 OR refs <>
			(SELECT count(*) FROM quads WHERE subject_hash = n.hash) + (SELECT count(*) FROM quads WHERE predicate_hash = n.hash) +
			(SELECT count(*) FROM quads WHERE object_hash = n.hash) + (SELECT count(*) FROM quads WHERE label_hash = n.hash)`).Scan(&wrong)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT count(*) FROM quads q WHERE NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.subject_hash)
			OR NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.object_hash)`).Scan(&orphans); err != nil {
			t.Fatal(err)
		}
		if wrong != 0 || orphans != 0 {
			t.Fatalf("step %d: %d nodes count their uses wrongly or are unused, %d quads miss a node", i, wrong, orphans)
		}
		// cayley's own reader sees what our writer wrote.
		r := cgraph.NewQuadStoreReader(st.QuadStore())
		var viaCayley []quad.Quad
		for {
			q, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if sub, _ := q.Subject.(quad.IRI); graph.PlanOf(string(sub)) == "a" {
				viaCayley = append(viaCayley, q)
			}
		}
		r.Close()
		if got, want := nquadLines(t, viaCayley), exported(t, st, "a"); !equal(got, want) {
			t.Fatalf("step %d: cayley reads plan a differently:\n%s", i, diff(got, want))
		}
	}
}

// A server opening the store indexes each plan while the rest is read: a plan whose rows come
// back after another plan's (it was changed after that plan was written) is indexed whole.
func TestPostgresOpenIndexesPlansWrittenApart(t *testing.T) {
	url := testkit.NewDatabase(t, "") // skips without a server
	ctx := context.Background()
	st := open(t, url)
	for _, step := range []struct {
		id    string
		quads []quad.Quad
	}{
		{"a", plan("a", 3)}, {"b", plan("b", 4)}, {"c", plan("c", 2)},
		{"a", plan("a", 5, graph.Float("a/zone/z0", "area", 2.5))}, // a's new rows follow c's
		{"b", plan("b", 1)},
	} {
		if _, err := st.ReplacePlan(ctx, step.id, step.quads); err != nil {
			t.Fatal(err)
		}
	}
	other := open(t, url)
	for _, id := range []string{"a", "b", "c"} {
		if got, want := exported(t, other, id), exported(t, st, id); !equal(got, want) {
			t.Errorf("plan %s as a new server reads it:\n%s", id, diff(got, want))
		}
		if got, want := other.Snapshot().Stats(id), st.Snapshot().Stats(id); got.Quads != want.Quads || got.Nodes != want.Nodes {
			t.Errorf("plan %s: a new server indexes %d quads and %d nodes, the writer %d and %d", id, got.Quads, got.Nodes, want.Quads, want.Nodes)
		}
	}
}

// A server sharing the database with another reads again only the plans the other wrote,
// added or removed; the plans nobody touched keep their index. A write it cannot place (by a
// server that records no plan generation) makes it read the whole store.
func TestPostgresRefreshReadsOnlyChangedPlans(t *testing.T) {
	url := testkit.NewDatabase(t, "") // skips without a server
	ctx := context.Background()
	a := open(t, url)
	for _, id := range []string{"p1", "p2", "p3"} {
		if _, err := a.ReplacePlan(ctx, id, plan(id, 2)); err != nil {
			t.Fatal(err)
		}
	}
	b := open(t, url)
	untouched := b.Snapshot().Plan("p2")
	if changed, err := b.Refresh(ctx); changed || err != nil {
		t.Fatalf("refresh with nothing written: %v, %v", changed, err)
	}
	if _, err := a.ReplacePlan(ctx, "p1", plan("p1", 4)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RemovePlan(ctx, "p3"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ReplacePlan(ctx, "p4", plan("p4", 1)); err != nil {
		t.Fatal(err)
	}
	if changed, err := b.Refresh(ctx); !changed || err != nil {
		t.Fatalf("refresh after writes: %v, %v", changed, err)
	}
	snap := b.Snapshot()
	if got, want := snap.PlanIDs(), a.Snapshot().PlanIDs(); !slices.Equal(got, want) {
		t.Errorf("plans after refresh: %v, want %v", got, want)
	}
	for _, id := range []string{"p1", "p2", "p4"} {
		if got, want := snap.Stats(id), a.Snapshot().Stats(id); !reflect.DeepEqual(got, want) {
			t.Errorf("%s after refresh: %+v, want %+v", id, got, want)
		}
	}
	if snap.Plan("p2") != untouched {
		t.Errorf("p2, which nobody wrote, was read again")
	}
	if changed, err := b.Refresh(ctx); changed || err != nil {
		t.Fatalf("second refresh: %v, %v", changed, err)
	}

	var deltas []cgraph.Delta
	for _, q := range entity("p2", "p2/zone/new", "Zone", "新區", "New Zone") {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	if err := a.WriteLikeAnOlderServer(ctx, deltas); err != nil {
		t.Fatal(err)
	}
	if changed, err := b.Refresh(ctx); !changed || err != nil {
		t.Fatalf("refresh after an older server's write: %v, %v", changed, err)
	}
	if got, was := b.Snapshot().Stats("p2").Entities["Zone"], snap.Stats("p2").Entities["Zone"]; got != was+1 {
		t.Errorf("p2 after an older server's write: %d zones, want %d", got, was+1)
	}
}

// A refresh that cannot index a plan another server wrote reports it and keeps the index it
// had; once the plan is readable again, the next refresh reads it.
func TestPostgresRefreshThatFailsKeepsTheIndex(t *testing.T) {
	url := testkit.NewDatabase(t, "") // skips without a server
	ctx := context.Background()
	a := open(t, url)
	for _, id := range []string{"p1", "p2"} {
		if _, err := a.ReplacePlan(ctx, id, plan(id, 2)); err != nil {
			t.Fatal(err)
		}
	}
	b := open(t, url)
	before := b.Snapshot()
	if _, err := a.ReplacePlan(ctx, "p1", plan("p1", 3)); err != nil {
		t.Fatal(err)
	}
	bad := quad.Quad{Subject: quad.IRI("p1"), Predicate: quad.String("not an IRI"), Object: quad.String("x")}
	if err := a.ApplyDeltas(ctx, []cgraph.Delta{{Quad: bad, Action: cgraph.Add}}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Refresh(ctx); err == nil {
		t.Fatal("refresh indexed a plan whose predicate is not an IRI")
	}
	if b.Snapshot() != before {
		t.Error("a failed refresh changed the index")
	}
	if err := a.ApplyDeltas(ctx, []cgraph.Delta{{Quad: bad, Action: cgraph.Delete}}); err != nil {
		t.Fatal(err)
	}
	if changed, err := b.Refresh(ctx); !changed || err != nil {
		t.Fatalf("refresh once the plan is readable: %v, %v", changed, err)
	}
	if got, want := b.Snapshot().Stats("p1"), a.Snapshot().Stats("p1"); !reflect.DeepEqual(got, want) {
		t.Errorf("p1 after the second refresh: %+v, want %+v", got, want)
	}
}
