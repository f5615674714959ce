package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/plangraph/plangraph/api"
	"github.com/plangraph/plangraph/schema"
)

// node returns the node binary and the audit directory with its npm packages installed, or
// skips — unless PLANGRAPH_REQUIRE_NODE=1 (CI sets it after `npm ci`), when it fails.
func node(t *testing.T) (string, string) {
	t.Helper()
	dir, _ := filepath.Abs("testdata/audit")
	bin, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(dir, "node_modules", "graphql-http"))
	if err != nil || modErr != nil {
		msg := "node or the audit's npm packages are missing (run npm ci in api/testdata/audit)"
		if os.Getenv("PLANGRAPH_REQUIRE_NODE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return bin, dir
}

// The graphql-http audit suite (serverAudits) reports no error and no warning.
func TestGraphQLHTTPAudit(t *testing.T) {
	bin, dir := node(t)
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	out, err := exec.Command(bin, filepath.Join(dir, "audit.mjs"), srv.URL+"/graphql").Output()
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, out)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r struct{ ID, Name, Status, Reason string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("audit output %q: %v", sc.Text(), err)
		}
		n++
		if r.Status != "ok" {
			t.Errorf("%s %s: %s — %s", r.ID, r.Name, r.Status, r.Reason)
		}
	}
	if n < 40 {
		t.Errorf("only %d audits ran", n)
	}
	t.Logf("%d audits, all ok", n)
}

// graphql-js builds a client schema from the introspection result, and the public contract is
// in it.
func TestIntrospectionBuildsClientSchema(t *testing.T) {
	bin, dir := node(t)
	srv, _ := newServer(t, api.Options{}, schema.Limits{})
	out, err := exec.Command(bin, filepath.Join(dir, "introspect.mjs"), srv.URL+"/graphql").Output()
	if err != nil {
		t.Fatalf("introspect: %v\n%s", err, out)
	}
	var r struct {
		OK       bool
		Problems []string
		Types    int
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !r.OK {
		t.Errorf("client schema problems: %v", r.Problems)
	}
	t.Logf("graphql-js client schema with %d types", r.Types)
}
