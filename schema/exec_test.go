package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/schema"
)

var (
	execOnce sync.Once
	exec     *schema.Executor
	execErr  error
)

// liwan returns the embedded Liwan plan's read index and an executor with default limits.
func liwan(t testing.TB) (*graph.Snapshot, *schema.Executor) {
	t.Helper()
	_, st := testkit.Liwan(t)
	execOnce.Do(func() { exec, execErr = schema.New(schema.Limits{}) })
	if execErr != nil {
		t.Fatal(execErr)
	}
	return st.Snapshot(), exec
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
			testkit.Golden(t, strings.TrimSuffix(f, ".graphql")+".json", got)
		})
	}
}

// Responses released as the HTTP handler releases them hand their memory to later requests:
// every golden query, asked again and again from several goroutines in turn with the others,
// still gets its golden answer (run with -race, this also shows no memory is shared while in use).
func TestReleasedResponsesGiveTheSameAnswers(t *testing.T) {
	snap, ex := liwan(t)
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no queries: %v", err)
	}
	type golden struct {
		name string
		p    schema.Params
		want string
	}
	var cases []golden
	for _, f := range files {
		base := strings.TrimSuffix(f, ".graphql")
		q, _ := os.ReadFile(f)
		p := schema.Params{Query: string(q)}
		if v, err := os.ReadFile(base + ".vars.json"); err == nil {
			if err := json.Unmarshal(v, &p.Variables); err != nil {
				t.Fatal(err)
			}
		}
		if op, err := os.ReadFile(base + ".op"); err == nil {
			p.OperationName = strings.TrimSpace(string(op))
		}
		want, err := os.ReadFile(base + ".json")
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, golden{filepath.Base(base), p, string(want)})
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3 * len(cases) {
				c := cases[(i*7+g*5)%len(cases)]
				r := ex.Execute(context.Background(), snap, c.p)
				got := indent(r.JSON())
				r.Release()
				if got != c.want {
					t.Errorf("%s, asked by goroutine %d after others were released, differs from its golden file:\n%s", c.name, g, got)
					return
				}
			}
		})
	}
	wg.Wait()
}
