package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The explorer's modules that compute (marks, i18n, the vocabulary loader) have unit tests of
// their own, run by Node's built-in test runner (web/explorer/test/*.test.mjs).
func TestExplorerUnits(t *testing.T) {
	bin, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("PLANGRAPH_REQUIRE_NODE") == "1" {
			t.Fatal("node is missing")
		}
		t.Skip("node is missing")
	}
	files, err := filepath.Glob("../web/explorer/test/*.test.mjs")
	if err != nil || len(files) == 0 {
		t.Fatalf("no unit tests found: %v", err)
	}
	out, err := exec.Command(bin, append([]string{"--test"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
}
