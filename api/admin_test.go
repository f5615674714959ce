package api_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io/fs"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/schema"
)

// tarball packs the embedded Liwan dataset under a directory, changing files on the way.
func tarball(t *testing.T, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	err := fs.WalkDir(data.Liwan, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Liwan, p)
		if err != nil {
			return err
		}
		b = edit(p, b)
		if err := tw.WriteHeader(&tar.Header{Name: "liwan/" + p, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func TestAdmin(t *testing.T) {
	const token = "s3cret-token"
	srv, st := newServer(t, api.Options{AdminToken: token}, schema.Limits{})
	auth := map[string]string{"Authorization": "Bearer " + token}
	copyPlan := tarball(t, func(name string, b []byte) []byte {
		if name == "plan.yaml" {
			return bytes.Replace(b, []byte("id: liwan-14fyp"), []byte("id: liwan-copy"), 1)
		}
		return b
	})
	t.Run("no token", func(t *testing.T) {
		r := do(t, "POST", srv.URL+"/admin/plans", nil, string(copyPlan))
		if r.status != 401 || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%d %v", r.status, r.header)
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		r := do(t, "POST", srv.URL+"/admin/plans", map[string]string{"Authorization": "Bearer nope"}, string(copyPlan))
		if r.status != 403 {
			t.Errorf("%d %s", r.status, r.raw)
		}
		if r = do(t, "DELETE", srv.URL+"/admin/plans/liwan-14fyp", map[string]string{"Authorization": "Basic " + token}, ""); r.status != 401 {
			t.Errorf("basic auth: %d", r.status)
		}
	})
	t.Run("upload a second plan", func(t *testing.T) {
		r := do(t, "POST", srv.URL+"/admin/plans", auth, string(copyPlan))
		if r.status != 200 || r.body["plan"] != "liwan-copy" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		if ids := st.Snapshot().PlanIDs(); strings.Join(ids, ",") != "liwan-14fyp,liwan-copy" {
			t.Errorf("plans %v", ids)
		}
		q := do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT}, `{"query":"{ entity(id: \"liwan-copy/zone/baietan-bd\") { name } }"}`)
		if !strings.Contains(q.raw, "白鵝潭商務區") {
			t.Errorf("the uploaded plan is not served: %s", q.raw)
		}
	})
	t.Run("a bad upload stores nothing", func(t *testing.T) {
		before := st.Snapshot().Stats("")
		bad := tarball(t, func(name string, b []byte) []byte {
			if name == "00-spine.yaml" {
				b = bytes.Replace(b, []byte("quote: \"“1”指白鵝潭商務區的核心區組團\""), []byte("quote: \"這句話不在規劃裏\""), 1)
				b = bytes.Replace(b, []byte("to: baietan-bd,"), []byte("to: no-such-zone,"), 1)
			}
			return b
		})
		r := do(t, "POST", srv.URL+"/admin/plans", auth, string(bad))
		if r.status != 422 || r.code() != "INVALID_DATASET" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		for _, want := range []string{"00-spine.yaml:", "這句話不在規劃裏", "no-such-zone"} {
			if !strings.Contains(r.raw, want) {
				t.Errorf("the problems do not mention %q: %s", want, r.raw)
			}
		}
		if after := st.Snapshot().Stats(""); after.Quads != before.Quads {
			t.Errorf("a rejected upload changed the store: %d → %d quads", before.Quads, after.Quads)
		}
		if r := do(t, "POST", srv.URL+"/admin/plans", auth, "not an archive"); r.status != 400 {
			t.Errorf("garbage upload: %d %s", r.status, r.raw)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if r := do(t, "DELETE", srv.URL+"/admin/plans/liwan-copy", auth, ""); r.status != 200 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		if r := do(t, "DELETE", srv.URL+"/admin/plans/liwan-copy", auth, ""); r.status != 404 {
			t.Errorf("second delete: %d %s", r.status, r.raw)
		}
		if ids := st.Snapshot().PlanIDs(); strings.Join(ids, ",") != "liwan-14fyp" {
			t.Errorf("plans %v", ids)
		}
	})
	t.Run("the GraphQL API is read-only", func(t *testing.T) {
		r := do(t, "POST", srv.URL+"/graphql", map[string]string{"Content-Type": jsonCT}, `{"query":"mutation { removePlan(id: \"liwan-14fyp\") }"}`)
		if r.code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("mutation: %s", r.raw)
		}
	})
}

func TestAdminDisabledWithoutToken(t *testing.T) {
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	if r := do(t, "DELETE", srv.URL+"/admin/plans/liwan-14fyp", map[string]string{"Authorization": "Bearer "}, ""); r.status != 404 {
		t.Errorf("admin without a token configured: %d, want 404", r.status)
	}
}
