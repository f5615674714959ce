package api_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/graph"
)

// The explorer keys its colours and labels by the vocabulary's values: every entity type and
// relation of graph/vocab.go has its entry in i18n.js, and nothing else does.
func TestExplorerVocabularyMatchesGraph(t *testing.T) {
	b, err := os.ReadFile("assets/explorer/i18n.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	list := func(name string) []string {
		m := regexp.MustCompile(`export const ` + name + ` = \[([^\]]*)\]`).FindStringSubmatch(src)
		if m == nil {
			t.Fatalf("i18n.js has no %s", name)
		}
		var out []string
		for _, v := range strings.Split(m[1], ",") {
			out = append(out, strings.Trim(strings.TrimSpace(v), "'"))
		}
		return out
	}
	var types, rels []string
	for _, ty := range graph.Types {
		types = append(types, ty.Enum)
	}
	for _, r := range graph.Relations {
		rels = append(rels, r.Name)
	}
	if got := list("TYPES"); strings.Join(got, ",") != strings.Join(types, ",") {
		t.Errorf("i18n.js TYPES = %v, the vocabulary has %v", got, types)
	}
	if got := list("RELATIONS"); strings.Join(got, ",") != strings.Join(rels, ",") {
		t.Errorf("i18n.js RELATIONS = %v, the vocabulary has %v", got, rels)
	}
	for _, ty := range types {
		for _, table := range []string{"TYPE_COLOR", "TYPE_NAME", "TYPE_PLURAL"} {
			i := strings.Index(src, "const "+table)
			if i < 0 || !strings.Contains(src[i:i+strings.Index(src[i:], "};")], ty+":") {
				t.Errorf("i18n.js %s has no entry for %s", table, ty)
			}
		}
	}
}
