package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	once  sync.Once
	store *graph.Store
	exec  *schema.Executor
	setup error
)

// liwan returns the embedded Liwan plan in a memory store and an executor with default limits.
func liwan(t testing.TB) (*graph.Snapshot, *schema.Executor) {
	t.Helper()
	once.Do(func() {
		var res *loader.Result
		if res, setup = loader.Load(data.Liwan, "."); setup != nil {
			return
		}
		if store, setup = graph.Open(context.Background(), "memory"); setup != nil {
			return
		}
		if _, setup = store.ReplacePlan(context.Background(), res.Meta.ID, res.Quads); setup != nil {
			return
		}
		exec, setup = schema.New(schema.Limits{})
	})
	if setup != nil {
		t.Fatal(setup)
	}
	return store.Snapshot(), exec
}

func run(t testing.TB, query string, vars map[string]any) map[string]any {
	t.Helper()
	snap, ex := liwan(t)
	resp := ex.Execute(context.Background(), snap, schema.Params{Query: query, Variables: vars})
	var out map[string]any
	if err := json.Unmarshal(resp.JSON(), &out); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, resp.JSON())
	}
	return out
}

func indent(b []byte) string {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return string(b)
	}
	return out.String() + "\n"
}

// TestGolden runs every testdata/queries/*.graphql (with *.vars.json variables when present)
// and compares the response with its .json golden file.
func TestGolden(t *testing.T) {
	snap, ex := liwan(t)
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no queries: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		t.Run(name, func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := schema.Params{Query: string(q)}
			if v, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".vars.json"); err == nil {
				if err := json.Unmarshal(v, &p.Variables); err != nil {
					t.Fatal(err)
				}
			}
			if op, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".op"); err == nil {
				p.OperationName = strings.TrimSpace(string(op))
			}
			got := indent(ex.Execute(context.Background(), snap, p).JSON())
			path := strings.TrimSuffix(f, ".graphql") + ".json"
			if *update {
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
				t.Errorf("response differs from %s (go test -update rewrites it):\n%s", path, got)
			}
		})
	}
}
