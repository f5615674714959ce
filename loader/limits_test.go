package loader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/plangraph/plangraph/graph"
)

// smallFS is testdata/small as a MapFS, with the files in edit replaced or added.
func smallFS(t *testing.T, edit map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"plan.yaml", "plan.txt", "entities.yaml"} {
		b, err := os.ReadFile("testdata/small/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for name, text := range edit {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// loadProblems loads fsys and returns its problems as "file:line: message" lines.
func loadProblems(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	_, err := Load(fsys, ".")
	if err == nil {
		return nil
	}
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	return probs.Places()
}

// mappingWithKeys parses an entity mapping holding the keys id, type and name and then n more,
// each named by key(i).
func mappingWithKeys(t testing.TB, n int, key func(i int) string) *yaml.Node {
	t.Helper()
	var b strings.Builder
	b.WriteString("id: x\ntype: Zone\nname: 核心組團\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s: v\n", key(i))
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &root); err != nil {
		t.Fatal(err)
	}
	return root.Content[0]
}

// Key checking is linear in the number of keys. yaml.v3's own duplicate-key check compares
// every pair and appends an error per equal pair, so a repeated key made allocations grow with
// the square of the count: quadrupling the keys must at most about quadruple them.
func TestDecodeStrictIsLinear(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  func(i int) string
	}{
		{"unknown key repeated", func(int) string { return "colour" }},
		{"known key repeated", func(int) string { return "en" }},
		{"distinct unknown keys", func(i int) string { return fmt.Sprintf("k%d", i) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			allocs := func(n int) float64 {
				node := mappingWithKeys(t, n, tc.key)
				return testing.AllocsPerRun(3, func() { decodeStrict("a.yaml", node, &EntitySpec{}) })
			}
			small, big := allocs(500), allocs(2000)
			if big > 5*small+100 {
				t.Errorf("allocations: %.0f for 500 keys, %.0f for 2000: not linear", small, big)
			}
		})
	}
}

// At most maxProblemsPerEntry key problems of one mapping are listed; the rest are counted.
func TestKeyProblemsAreCapped(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		key      func(i int) string
		want     int // problems
		wantLast string
	}{
		{"few unknown keys", 3, func(i int) string { return fmt.Sprintf("k%d", i) }, 3, `a.yaml:6: unknown key "k2"`},
		{"many unknown keys", 300000, func(i int) string { return fmt.Sprintf("k%d", i) }, maxProblemsPerEntry + 1, "a.yaml:1: … and 299980 more key problems"},
		{"repeated known key", 100, func(int) string { return "en" }, maxProblemsPerEntry + 1, "a.yaml:1: … and 79 more key problems"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := decodeStrict("a.yaml", mappingWithKeys(t, tc.n, tc.key), &EntitySpec{})
			if len(probs) != tc.want {
				t.Fatalf("%d problems, want %d", len(probs), tc.want)
			}
			if last := probs[len(probs)-1].String(); !strings.HasPrefix(last, tc.wantLast) {
				t.Errorf("last problem %q, want it to start %q", last, tc.wantLast)
			}
		})
	}
	probs := decodeStrict("a.yaml", mappingWithKeys(t, 2, func(int) string { return "en" }), &EntitySpec{})
	if want := `a.yaml:5: mapping key "en" already defined at line 4`; len(probs) != 1 || probs[0].String() != want {
		t.Errorf("repeated key: %v, want %s", probs.Places(), want)
	}
}

// A line of plan text longer than maxLineChars characters is refused with its file:line.
func TestParseTextLineLength(t *testing.T) {
	for _, tc := range []struct {
		name    string
		line    string
		wantErr string
	}{
		{"at the limit", strings.Repeat("組", maxLineChars), ""},
		{"one over", strings.Repeat("組", maxLineChars+1), fmt.Sprintf("plan.txt:2: line has %d characters, more than the %d allowed", maxLineChars+1, maxLineChars)},
		{"huge", strings.Repeat("發展", 650000), "plan.txt:2: line has 1300000 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseText("plan.txt", strings.NewReader("第一章 總體要求\n"+tc.line+"\n"))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tc.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.wantErr)):
				t.Errorf("err = %v, want %s…", err, tc.wantErr)
			}
		})
	}
}

// Names and aliases of one character, and ids over graph.MaxIDBytes bytes, are refused.
func TestNameAndIDLimits(t *testing.T) {
	long := strings.Repeat("a", graph.MaxIDBytes+1)
	ok := strings.Repeat("a", graph.MaxIDBytes)
	for _, tc := range []struct {
		name string
		edit map[string]string
		want string // a problem, or "" for none
	}{
		{"one-character name", map[string]string{"x.yaml": "entities:\n  - {id: qu, type: Zone, name: 區}\n"},
			`x.yaml:2: qu: name "區" is shorter than 2 characters`},
		{"one-character alias", map[string]string{"x.yaml": "entities:\n  - {id: qu, type: Zone, name: 示例區, aliases: [區]}\n"},
			`x.yaml:2: qu: alias "區" is shorter than 2 characters`},
		{"two-character name", map[string]string{"x.yaml": "entities:\n  - {id: qu, type: Zone, name: 示例}\n"}, ""},
		{"entity id too long", map[string]string{"x.yaml": "entities:\n  - {id: " + long + ", type: Zone, name: 示例}\n"},
			fmt.Sprintf("x.yaml:2: id \"aaaaaaaaaaaaaaaaaaaa\"… is %d bytes long, more than the %d allowed", graph.MaxIDBytes+1, graph.MaxIDBytes)},
		{"entity id at the limit", map[string]string{"x.yaml": "entities:\n  - {id: " + ok + ", type: Zone, name: 示例}\n"}, ""},
		{"plan id too long", map[string]string{"plan.yaml": "id: " + long + "\ntext: plan.txt\n"},
			fmt.Sprintf("plan.yaml:1: plan id \"aaaaaaaaaaaaaaaaaaaa\"… is %d bytes long, more than the %d allowed", graph.MaxIDBytes+1, graph.MaxIDBytes)},
		{"plan id at the limit", map[string]string{"plan.yaml": "id: " + ok + "\ntext: plan.txt\n"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := loadProblems(t, smallFS(t, tc.edit))
			if tc.want == "" {
				if len(probs) > 0 {
					t.Errorf("problems: %v", probs)
				}
				return
			}
			found := false
			for _, p := range probs {
				found = found || strings.HasPrefix(p, tc.want)
			}
			if !found {
				t.Errorf("problems %v, want one starting %s", probs, tc.want)
			}
		})
	}
}

// An entity whose name occurs more than maxMentionsPerEntity times is a problem naming it, and
// no more than maxMentionsPerEntity of its mentions are ever stored.
func TestMentionsPerEntityAreCapped(t *testing.T) {
	for _, tc := range []struct {
		name     string
		times    int
		wantProb bool
	}{
		{"at the limit", maxMentionsPerEntity, false},
		{"over the limit", 3 * maxMentionsPerEntity, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Lines of 1,000 mentions keep under maxLineChars.
			var text strings.Builder
			text.WriteString("第一章 總體要求\n")
			for i := 0; i < tc.times; i += 1000 {
				text.WriteString(strings.Repeat("示例", min(1000, tc.times-i)) + "\n")
			}
			fsys := smallFS(t, map[string]string{
				"plan.txt":      text.String(),
				"plan.yaml":     "id: demo-plan\ntext: plan.txt\n",
				"x.yaml":        "entities:\n  - {id: shili, type: Zone, name: 示例}\n",
				"entities.yaml": "",
			})
			probs := loadProblems(t, fsys)
			want := fmt.Sprintf("x.yaml:2: shili: its name and aliases occur %d times in the plan text, more than the %d mentions allowed", tc.times, maxMentionsPerEntity)
			if got := strings.Join(probs, "\n"); tc.wantProb != strings.HasPrefix(got, want) || !tc.wantProb && got != "" {
				t.Errorf("problems:\n%s\nwant %v of %s", got, tc.wantProb, want)
			}
			doc, err := ParseText("plan.txt", strings.NewReader(text.String()))
			if err != nil {
				t.Fatal(err)
			}
			e := &Entity{EntitySpec: &EntitySpec{ID: "shili", Name: "示例"}}
			ms, over := findMentions(context.Background(), doc, []*Entity{e}, nil, nil)
			if len(ms) != min(tc.times, maxMentionsPerEntity) || tc.wantProb != (over["shili"] == tc.times) {
				t.Errorf("%d mentions stored, over = %v", len(ms), over)
			}
		})
	}
}
