package testkit

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/lib/pq" // the driver cayley's Postgres backend uses
)

// PostgresServer returns the test server (PLANGRAPH_TEST_POSTGRES, a postgres:// URL; CI starts
// one with scripts/postgres-for-tests.sh) and whether there is one. With
// PLANGRAPH_REQUIRE_POSTGRES=1 (CI) there must be.
func PostgresServer(t testing.TB) (string, bool) {
	t.Helper()
	pg := os.Getenv("PLANGRAPH_TEST_POSTGRES")
	if pg == "" && os.Getenv("PLANGRAPH_REQUIRE_POSTGRES") == "1" {
		t.Fatal("PLANGRAPH_REQUIRE_POSTGRES=1 but PLANGRAPH_TEST_POSTGRES is not set (source scripts/postgres-for-tests.sh)")
	}
	return pg, pg != ""
}

// RequirePostgres returns the test server, or skips the test when there is none.
func RequirePostgres(t testing.TB) string {
	t.Helper()
	pg, ok := PostgresServer(t)
	if !ok {
		t.Skip("no PostgreSQL: source scripts/postgres-for-tests.sh to run this test")
	}
	return pg
}

var dbSeq atomic.Int64

// NewDatabase creates a database on the test server — empty, or a copy of template when one is
// named — drops it when the test ends and returns its URL. It skips without a server.
func NewDatabase(t testing.TB, template string) string {
	t.Helper()
	base := RequirePostgres(t)
	name := fmt.Sprintf("pgtest_%d_%d", os.Getpid(), dbSeq.Add(1))
	if err := CreateDatabase(base, name, template); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { DropDatabase(base, name) })
	return DatabaseURL(base, name)
}

// CreateDatabase creates the database name on the server base, a copy of template when named.
func CreateDatabase(base, name, template string) error {
	db, err := sql.Open("postgres", base)
	if err != nil {
		return err
	}
	defer db.Close()
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + template
	}
	if _, err := db.Exec(create); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// DatabaseURL is the URL of the database name on the server base.
func DatabaseURL(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return strings.Replace(u.String(), "postgresql://", "postgres://", 1)
}

// DropDatabase drops the database name on the server base, whoever is connected to it.
func DropDatabase(base, name string) {
	if db, err := sql.Open("postgres", base); err == nil {
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	}
}
