package api_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema"
)

// Two servers on one PostgreSQL database: a plan uploaded through one is served by the other
// once its --refresh interval has passed, and a plan deleted through one is gone from the
// other, with no restart (issue 13: joining a cluster).
func TestTwoServersOnOneDatabase(t *testing.T) {
	url := postgresWithLiwan(t)
	const token = "cluster-token"
	const every = 100 * time.Millisecond
	open := func() *httptest.Server {
		st, err := graph.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		exec, err := schema.New(schema.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(api.New(st, exec, api.Options{
			AdminToken: token, RefreshEvery: every, PlanLoader: &planService{store: st},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		}).Handler())
		t.Cleanup(srv.Close)
		return srv
	}
	a, b := open(), open()
	ask := func(srv *httptest.Server) string {
		return do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT},
			`{"query":"{ entity(id: \"liwan-cluster/zone/baietan-bd\") { name } }"}`).raw
	}
	if got := ask(b); strings.Contains(got, "白鵝潭商務區") {
		t.Fatalf("the plan is served before it is loaded: %s", got)
	}
	copyPlan := tarball(t, func(name string, b []byte) []byte {
		if name == "plan.yaml" {
			return bytes.Replace(b, []byte("id: liwan-14fyp"), []byte("id: liwan-cluster"), 1)
		}
		return b
	})
	auth := map[string]string{"Authorization": "Bearer " + token}
	if r := do(t, "POST", a.URL+"/admin/plans", auth, string(copyPlan)); r.status != 200 {
		t.Fatalf("upload through the first server: %d %s", r.status, r.raw)
	}
	// The second server checks the store at most every `every`: the plan appears within a few
	// intervals (the bound is generous so that a loaded CI machine does not fail the test; no
	// timing is asserted beyond "it happens without a restart").
	waitFor(t, 10*time.Second, "the second server serves the uploaded plan", func() bool {
		return strings.Contains(ask(b), "白鵝潭商務區")
	})
	if r := do(t, "DELETE", b.URL+"/admin/plans/liwan-cluster", auth, ""); r.status != 200 {
		t.Fatalf("delete through the second server: %d %s", r.status, r.raw)
	}
	waitFor(t, 10*time.Second, "the first server drops the deleted plan", func() bool {
		return !strings.Contains(ask(a), "白鵝潭商務區")
	})
}

// waitFor polls cond until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
