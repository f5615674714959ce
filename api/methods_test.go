package api_test

import (
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// HEAD works wherever GET does, OPTIONS lists only the methods that work, and a method that
// does not work gets 405 with the same list.
func TestMethods(t *testing.T) {
	srv, _ := newServer(t, api.Options{AdminToken: "tok"}, schema.Limits{})
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"HEAD", "/healthz", 200, ""},
		{"HEAD", "/", 200, ""},
		{"HEAD", "/entity/liwan-14fyp/zone/baietan-bd", 200, ""},
		{"HEAD", "/graphql?query=%7Bstats%7Bplans%7D%7D", 200, ""},
		{"OPTIONS", "/graphql", 204, "GET, HEAD, POST, OPTIONS"},
		{"OPTIONS", "/healthz", 204, "GET, HEAD, OPTIONS"},
		{"OPTIONS", "/admin/plans", 204, "POST, OPTIONS"},
		{"OPTIONS", "/admin/plans/x", 204, "DELETE, OPTIONS"},
		{"OPTIONS", "/no/such/page", 404, ""},
		{"PUT", "/graphql", 405, "GET, HEAD, POST"},
		{"DELETE", "/healthz", 405, "GET, HEAD"},
		{"HEAD", "/admin/plans", 405, "POST"},
	} {
		r := do(t, tc.method, srv.URL+tc.path, nil, "")
		if r.status != tc.status || r.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q", tc.method, tc.path, r.status, r.header.Get("Allow"), tc.status, tc.allow)
		}
		if tc.method == "HEAD" && r.raw != "" {
			t.Errorf("%s %s: a body of %d bytes", tc.method, tc.path, len(r.raw))
		}
	}
}
