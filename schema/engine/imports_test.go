package engine

import (
	"os/exec"
	"strings"
	"testing"
)

// The engine knows nothing of plans: none of its dependencies, direct or not, is a package of
// this module other than the leaf that names error codes. A resolver's concern that creeps in
// (graph, loader, the schema package itself) fails here, named.
func TestEngineImportsNothingOfThePlan(t *testing.T) {
	const module = "github.com/plangraph/plangraph/"
	allowed := map[string]bool{
		module + "schema/engine":    true,
		module + "internal/errcode": true, // the codes clients see; a leaf package
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go tool where the tests run
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, module) && !allowed[dep] {
			t.Errorf("schema/engine depends on %s: the engine must not know the plan (graph, loader, schema …)", dep)
		}
	}
}
