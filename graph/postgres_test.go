package graph_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	_ "github.com/lib/pq" // the driver cayley's Postgres backend uses

	"github.com/plangraph/plangraph/graph"
)

var pgSeq atomic.Int64

// postgresServer returns the test server (PLANGRAPH_TEST_POSTGRES) and whether there is one;
// when PLANGRAPH_REQUIRE_POSTGRES=1 (CI) there must be.
func postgresServer(t *testing.T) (string, bool) {
	pg := os.Getenv("PLANGRAPH_TEST_POSTGRES")
	if pg == "" && os.Getenv("PLANGRAPH_REQUIRE_POSTGRES") == "1" {
		t.Fatal("PLANGRAPH_REQUIRE_POSTGRES=1 but PLANGRAPH_TEST_POSTGRES is not set (source scripts/postgres-for-tests.sh)")
	}
	return pg, pg != ""
}

// freshPostgres creates an empty database on the server named by base (a postgres:// URL) and
// drops it when the test ends, so that every test starts from an empty store.
func freshPostgres(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("PLANGRAPH_TEST_POSTGRES: %v", err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("pgtest_%d_%d", time.Now().UnixNano()%1e9, pgSeq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u.Path = "/" + name
	return strings.Replace(u.String(), "postgresql://", "postgres://", 1)
}

// Writes on PostgreSQL go to cayley's tables through our own batched statements: cayley must
// still read what they wrote, and its bookkeeping must hold (a node's refs count the quad
// positions that use it; no node is left that no quad uses).
func TestPostgresWritesKeepCayleysBookkeeping(t *testing.T) {
	base, ok := postgresServer(t)
	if !ok {
		t.Skip("no PostgreSQL: source scripts/postgres-for-tests.sh to run this test")
	}
	url := freshPostgres(t, base)
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
