package synth

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

var (
	profOnce sync.Once
	prof     *Profile
	profErr  error
)

func liwan(t testing.TB) *Profile {
	t.Helper()
	profOnce.Do(func() { prof, profErr = Liwan() })
	if profErr != nil {
		t.Fatal(profErr)
	}
	return prof
}

func generate(t testing.TB, seed uint64, index int) (*Plan, *loader.Result) {
	t.Helper()
	p, err := Generate(liwan(t), seed, index)
	if err != nil {
		t.Fatalf("generate %d/%d: %v", seed, index, err)
	}
	res, err := loader.Load(p.FS(), ".")
	if err != nil {
		t.Fatalf("plan %s does not load:\n%v\n%s", p.ID, err, p.Files["plan.txt"])
	}
	return p, res
}

// The same seed and plan number give the same files, byte for byte; another seed or number
// gives another plan.
func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		seed  uint64
		index int
	}{{1, 1}, {42, 1}, {42, 7}, {7, 1000}} {
		a, err := Generate(liwan(t), tc.seed, tc.index)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Generate(liwan(t), tc.seed, tc.index)
		if len(a.Files) != len(b.Files) {
			t.Fatalf("%d/%d: %d files, then %d", tc.seed, tc.index, len(a.Files), len(b.Files))
		}
		for name, data := range a.Files {
			if !bytes.Equal(data, b.Files[name]) {
				t.Errorf("%d/%d: %s differs between two runs", tc.seed, tc.index, name)
			}
		}
		other, _ := Generate(liwan(t), tc.seed+1, tc.index)
		if bytes.Equal(a.Files["plan.txt"], other.Files["plan.txt"]) {
			t.Errorf("seeds %d and %d give the same text", tc.seed, tc.seed+1)
		}
		if want := PlanID(tc.seed, tc.index); a.ID != want || !bytes.Contains(a.Files["plan.yaml"], []byte("id: "+want)) {
			t.Errorf("plan id %q, want %q", a.ID, want)
		}
	}
	if _, err := Generate(liwan(t), 1, 0); err == nil {
		t.Error("plan number 0 accepted")
	}
	if _, err := Generate(&Profile{Plan: "empty"}, 1, 1); err == nil {
		t.Error("an empty profile accepted")
	}
}

// Every generated plan loads through the normal loader, is about DefaultQuads quads, and has
// mentions, a glossary with DEFINES links, links with evidence and aliases.
func TestGeneratedPlansLoadWithLiwansShape(t *testing.T) {
	for _, seed := range []uint64{1, 42, 2024} {
		var quads, ents, links, mentions, aliases, defines int
		types := map[string]int{}
		const n = 12
		for i := 1; i <= n; i++ {
			_, res := generate(t, seed, i)
			c := res.Counts()
			q := len(res.Quads)
			if q < 950 || q > 1350 {
				t.Errorf("seed %d plan %d: %d quads, want 950–1350", seed, i, q)
			}
			if c["mentions"] == 0 || c["Term"] == 0 || c["glossary"] != c["Term"] {
				t.Errorf("seed %d plan %d: %d mentions, %d terms, %d glossary entries", seed, i, c["mentions"], c["Term"], c["glossary"])
			}
			planDefines := 0
			for _, l := range res.Links {
				if l.Relation.Name == "DEFINES" {
					planDefines++
				}
				if len(l.Citations) == 0 {
					t.Errorf("seed %d plan %d: link without evidence", seed, i)
				}
			}
			if planDefines == 0 {
				t.Errorf("seed %d plan %d: no DEFINES link", seed, i)
			}
			for _, e := range res.Entities {
				types[e.Type]++
				aliases += len(e.Aliases)
			}
			quads += q
			ents += len(res.Entities)
			links += len(res.Links)
			mentions += c["mentions"]
			defines += planDefines
		}
		if mean := quads / n; mean < 1000 || mean > 1300 {
			t.Errorf("seed %d: %d quads per plan on average, want 1000–1300", seed, mean)
		}
		p := liwan(t)
		for _, tc := range []struct {
			what      string
			got, want float64
			tolerance float64 // relative
		}{
			{"links per entity", float64(links) / float64(ents), float64(p.Links) / float64(p.Entities), 0.3},
			{"mentions per entity", float64(mentions) / float64(ents), float64(p.Mentions) / float64(p.Entities), 0.25},
			{"share of zones", float64(types["Zone"]) / float64(ents), float64(p.Types["Zone"]) / float64(p.Entities), 0.25},
			{"share of policies", float64(types["Policy"]) / float64(ents), float64(p.Types["Policy"]) / float64(p.Entities), 0.25},
			{"share of projects", float64(types["Project"]) / float64(ents), float64(p.Types["Project"]) / float64(p.Entities), 0.25},
		} {
			if math.Abs(tc.got-tc.want) > tc.tolerance*tc.want {
				t.Errorf("seed %d: %s %.3f, Liwan %.3f", seed, tc.what, tc.got, tc.want)
			}
		}
		if aliases == 0 || defines == 0 {
			t.Errorf("seed %d: %d aliases, %d DEFINES links", seed, aliases, defines)
		}
	}
}

// Names are unique in a plan and never occur inside another entity's name or alias, so each
// name identifies one entity and mentions go to the entity that was written.
func TestNamesDoNotContainEachOther(t *testing.T) {
	for i := 1; i <= 5; i++ {
		_, res := generate(t, 9, i)
		type form struct{ text, id string }
		var forms []form
		for _, e := range res.Entities {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				forms = append(forms, form{n, e.ID})
			}
		}
		for _, a := range forms {
			for _, b := range forms {
				if a.id != b.id && strings.Contains(a.text, b.text) {
					t.Errorf("plan %d: %q (%s) contains %q (%s)", i, a.text, a.id, b.text, b.id)
				}
			}
		}
		for _, m := range res.Mentions {
			if !strings.Contains(m.Paragraph.Text, m.Text) {
				t.Errorf("plan %d: mention %q not in its paragraph", i, m.Text)
			}
		}
	}
}

// GenerateDir writes plan-0001 … directories that load from disk, as `plangraph gen` does.
func TestGenerateDir(t *testing.T) {
	dir := t.TempDir()
	if err := GenerateDir(liwan(t), 5, 1, 3, dir); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		sub := filepath.Join(dir, DirName(i))
		res, err := loader.Load(os.DirFS(sub), ".")
		if err != nil {
			t.Fatalf("%s: %v", sub, err)
		}
		if res.Meta.ID != PlanID(5, i) {
			t.Errorf("%s holds plan %s", sub, res.Meta.ID)
		}
		for _, q := range res.Quads {
			if iri, _ := q.Subject.(quad.IRI); graph.PlanOf(string(iri)) != res.Meta.ID {
				t.Fatalf("%s: quad %v outside plan %s", sub, q, res.Meta.ID)
			}
		}
	}
	if err := GenerateDir(liwan(t), 5, 1, -1, dir); err == nil {
		t.Error("a negative count accepted")
	}
}

func BenchmarkGenerate(b *testing.B) {
	p := liwan(b)
	for i := 0; b.Loop(); i++ {
		if _, err := Generate(p, 1, i%1000+1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateAndLoad(b *testing.B) {
	p := liwan(b)
	for i := 0; b.Loop(); i++ {
		plan, err := Generate(p, 1, i%1000+1)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := loader.Load(plan.FS(), "."); err != nil {
			b.Fatal(err)
		}
	}
}
