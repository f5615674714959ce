package graph_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the driver cayley's Postgres backend uses
)

var pgSeq atomic.Int64

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
