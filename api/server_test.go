package api_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
	"github.com/plangraph/plangraph/loader"
	"github.com/plangraph/plangraph/schema"
)

// liwanQuads returns the embedded dataset, loaded once for the package.
func liwanQuads(t testing.TB) *loader.Result {
	t.Helper()
	res, _ := testkit.Liwan(t)
	return res
}

// planService is the admin PlanLoader over a store, as the command wires it.
type planService struct{ store *graph.Store }

func (p *planService) LoadPlan(ctx context.Context, fsys fs.FS) (api.LoadSummary, error) {
	l, err := loader.LoadInto(ctx, p.store, fsys, ".", nil)
	if err != nil {
		return api.LoadSummary{}, err
	}
	return api.LoadSummary{Plan: l.Meta.ID, Counts: l.Counts(), Added: l.Write.Added, Removed: l.Write.Removed}, nil
}

func (p *planService) RemovePlan(ctx context.Context, id string) (graph.ReplaceResult, error) {
	return p.store.RemovePlan(ctx, id)
}

// newServer starts the API on a store holding the Liwan plan: a memory store, or a
// PostgreSQL database in the suite's run on PostgreSQL (see TestAPISuiteOnPostgres).
func newServer(t testing.TB, opts api.Options, limits schema.Limits) (*httptest.Server, *graph.Store) {
	t.Helper()
	storeURL := "memory"
	if apiStore == "postgres" {
		storeURL = postgresWithLiwan(t)
	}
	st, err := graph.Open(context.Background(), storeURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if storeURL == "memory" {
		// The plan is parsed and validated once per test binary; each server writes its quads.
		res := liwanQuads(t)
		if _, err := st.ReplacePlan(context.Background(), res.Meta.ID, res.Quads); err != nil {
			t.Fatal(err)
		}
	}
	exec, err := schema.New(limits)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.PlanLoader == nil {
		opts.PlanLoader = &planService{store: st}
	}
	srv := httptest.NewServer(api.New(st, exec, opts).Handler())
	t.Cleanup(srv.Close)
	return srv, st
}

type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func do(t testing.TB, method, url string, headers map[string]string, body string) reply {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	_ = json.Unmarshal(b, &r.body)
	return r
}

func (r reply) code() string {
	errs, _ := r.body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	c, _ := ext["code"].(string)
	return c
}
