package inventory

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/loader"
)

var update = flag.Bool("update", false, "rewrite testdata/want.txt")

func TestParseEntries(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		entities   [][]string
		links      []Link
	}{
		{
			name:     "spellings, type and lines",
			text:     "## Entities (name — type)\n- 白鵝潭商務區 / 白鵝潭 — Zone (118, 120)\n- 總部經濟\n- 現代金融 (120, 173)\n",
			entities: [][]string{{"白鵝潭商務區", "白鵝潭"}, {"總部經濟"}, {"現代金融"}},
		},
		{
			name:  "clause after a colon",
			text:  "## Links\n- 白鵝潭商務區 — SERVES — 廣州西翼中央商務區: \"以白鵝潭商務區為核心\" (120)\n",
			links: []Link{{From: []string{"白鵝潭商務區"}, To: []string{"廣州西翼中央商務區"}, Relation: "SERVES", Clause: "以白鵝潭商務區為核心"}},
		},
		{
			name:  "clause after a third dash",
			text:  "## Links\n- 電子商務 — PART_OF — 現代商貿業 — “積極引入電子商務”\n",
			links: []Link{{From: []string{"電子商務"}, To: []string{"現代商貿業"}, Relation: "PART_OF", Clause: "積極引入電子商務"}},
		},
		{
			name:  "a colon inside a name is not the clause's",
			text:  "## Links\n- 市委“1+1+4”工作舉措 — DEFINES — “4”:方面 (309)\n",
			links: []Link{{From: []string{"市委“1+1+4”工作舉措"}, To: []string{"“4”:方面"}, Relation: "DEFINES"}},
		},
		{
			name:  "no clause, lines only",
			text:  "## Links\n- 大坦沙健康醫療組團 — LOCATED_IN — 大坦沙島 (8)\n",
			links: []Link{{From: []string{"大坦沙健康醫療組團"}, To: []string{"大坦沙島"}, Relation: "LOCATED_IN"}},
		},
		{
			name:     "prose, other sections and items before any section are skipped",
			text:     "- before any section\n# Inventory\nSome prose.\n## Notes\n- 不是實體 — Zone\n## Entities\nprose inside\n- 荔灣區 — Zone\n",
			entities: [][]string{{"荔灣區"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := Parse("inv.md", strings.NewReader(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, e := range inv.Entities {
				got = append(got, e.Names)
			}
			if !slices.EqualFunc(got, tc.entities, slices.Equal[[]string]) {
				t.Errorf("entities %q, want %q", got, tc.entities)
			}
			if len(inv.Links) != len(tc.links) {
				t.Fatalf("links %+v, want %+v", inv.Links, tc.links)
			}
			for i, l := range inv.Links {
				w := tc.links[i]
				if !slices.Equal(l.From, w.From) || !slices.Equal(l.To, w.To) || l.Relation != w.Relation || l.Clause != w.Clause {
					t.Errorf("link %d: %+v, want %+v", i, l, w)
				}
			}
		})
	}
}

// Every line that does not follow the format is reported at its line, not only the first.
func TestParseErrorsNameEachLine(t *testing.T) {
	text := strings.Join([]string{
		"## Entities",
		"- — Zone",     // 2: no name
		"- 荔灣區 — Zone", // 3: fine
		"## Links",
		"- 荔灣區 — SERVES", // 5: two parts
		"- 荔灣區 — IS_NEAR — 廣州: \"…\"", // 6: unknown relation
		"- 荔灣區 — PART_OF — 廣州",        // 7: fine
		"-  — PART_OF — 廣州",           // 8: no from
	}, "\n")
	_, err := Parse("bad.md", strings.NewReader(text))
	var perr ParseError
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v, want a ParseError", err)
	}
	var lines []int
	for _, p := range perr {
		if p.Pos.File != "bad.md" {
			t.Errorf("%v: file %q", p, p.Pos.File)
		}
		lines = append(lines, p.Pos.Line)
	}
	if !slices.Equal(lines, []int{2, 5, 6, 8}) {
		t.Errorf("problems at lines %v, want 2, 5, 6, 8:\n%v", lines, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "bad.md:6: unknown relation \"IS_NEAR\"") || !strings.HasPrefix(msg, "4 problems in the inventory:") {
		t.Errorf("message:\n%s", msg)
	}
}

// A line longer than any name or clause is an error, not a silent stop.
func TestParseRefusesAHugeLine(t *testing.T) {
	text := "## Entities\n- " + strings.Repeat("荔", maxLine) + "\n"
	if _, err := Parse("huge.md", strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), "huge.md:2") {
		t.Errorf("err = %v, want one naming huge.md:2", err)
	}
}

// Compare on a small dataset: held by name, alias, Simplified spelling, headword or the part an
// enumeration writes (黃沙水產新市場 of 黃沙水產新市場項目); missed
// entities and links each at their inventory line with the reason; a held link counted by any
// relation, and by the same relation apart.
func TestCompareGolden(t *testing.T) {
	rep := Compare(loadTestDataset(t, "dataset"), readTestInventory(t))
	var b strings.Builder
	for _, m := range rep.Missing {
		b.WriteString(m.String() + "\n")
	}
	if err := rep.WriteSummary(&b, "inventory.md"); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "want.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if rep.Entities != 9 || rep.EntitiesHeld != 7 || rep.Links != 5 || rep.LinksHeld != 3 || rep.SameRelation != 2 {
		t.Errorf("counts %+v", rep)
	}
}

// Lost names what an earlier version held and this one does not, and nothing it never held.
func TestLost(t *testing.T) {
	inv := readTestInventory(t)
	now := Compare(loadTestDataset(t, "dataset"), inv)
	base := Compare(loadTestDataset(t, "baseline"), inv)
	var got []string
	for _, m := range Lost(base, now) {
		got = append(got, fmt.Sprintf("%d %s %s", m.Pos.Line, m.Kind, m.Entry))
	}
	want := []string{"11 entity 智慧零售", "22 link 智慧零售 — PART_OF — 現代商貿業"}
	if !slices.Equal(got, want) {
		t.Errorf("lost %q, want %q", got, want)
	}
	if len(Lost(now, now)) != 0 {
		t.Error("a version loses nothing against itself")
	}
}

func loadTestDataset(t *testing.T, dir string) *loader.Result {
	t.Helper()
	res, err := loader.Load(os.DirFS(filepath.Join("testdata", dir)), ".")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readTestInventory(t *testing.T) *Inventory {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "inventory.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, err := Parse("inventory.md", f)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestReportAdd(t *testing.T) {
	a := &Report{Entities: 4, EntitiesHeld: 3, Links: 2, LinksHeld: 1, SameRelation: 1, Missing: []Miss{{Kind: "entity"}}}
	b := &Report{Entities: 6, EntitiesHeld: 6, Links: 8, LinksHeld: 7, Missing: []Miss{{Kind: "link"}}}
	a.Add(b)
	if a.Entities != 10 || a.EntitiesHeld != 9 || a.Links != 10 || a.LinksHeld != 8 || a.SameRelation != 1 || len(a.Missing) != 2 {
		t.Errorf("%+v", a)
	}
	if a.EntityPct() != 90 || a.LinkPct() != 80 {
		t.Errorf("percentages %v %v", a.EntityPct(), a.LinkPct())
	}
	if (&Report{}).LinkPct() != 0 {
		t.Error("an empty inventory holds 0%, not NaN")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("## Entities\n- 白鵝潭商務區 / 白鵝潭 — Zone (118)\n## Links\n- 白鵝潭商務區 — SERVES — 廣州: \"以\" (1)\n")
	f.Add("## Links\n- a — PART_OF — b — c — d\n- x: — RELATED_TO — y:: \"\n")
	f.Fuzz(func(t *testing.T, text string) {
		inv, err := Parse("fuzz.md", strings.NewReader(text))
		if err != nil {
			var perr ParseError
			if errors.As(err, &perr) && len(perr) == 0 {
				t.Fatal("a ParseError with no problem")
			}
			return
		}
		for _, e := range inv.Entities {
			if len(e.Names) == 0 || e.Pos.Line == 0 {
				t.Fatalf("entity %+v", e)
			}
		}
		for _, l := range inv.Links {
			if len(l.From) == 0 || len(l.To) == 0 || l.Relation == "" || l.Pos.Line == 0 {
				t.Fatalf("link %+v", l)
			}
		}
	})
}
