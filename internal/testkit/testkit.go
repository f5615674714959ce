// Package testkit holds what the tests of several packages share: golden files, the embedded
// Liwan plan loaded once per test binary, and databases on the test PostgreSQL server.
package testkit

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

var update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Golden compares got with the file at path, or rewrites the file when the test runs with
// -update.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

var (
	once   sync.Once
	result *loader.Result
	store  *graph.Store
	err    error
)

// Liwan returns the embedded Liwan plan, loaded and validated once per test binary, and a
// memory store holding it. Tests must not write to that store; open another for writing.
func Liwan(t testing.TB) (*loader.Result, *graph.Store) {
	t.Helper()
	once.Do(func() {
		if store, err = graph.Open(context.Background(), "memory"); err != nil {
			return
		}
		var l *loader.Loaded
		if l, err = loader.LoadInto(context.Background(), store, data.Liwan, ".", nil); err == nil {
			result = l.Result
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return result, store
}
