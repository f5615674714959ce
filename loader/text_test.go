package loader_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/loader"
)

// The outline of the Liwan plan as parsed: every part, section and item with its paragraph
// count, and the glossary headwords. The golden file is the reviewed structure.
func TestParseLiwanOutline(t *testing.T) {
	text, err := fs.ReadFile(data.Liwan, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := loader.ParseText("plan.txt", bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, p := range doc.Paragraphs {
		c := p.Part.ID
		if p.Section != nil {
			c = p.Section.ID
		}
		if p.Item != nil {
			c = p.Item.ID
		}
		count[c]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", doc.Title)
	for _, part := range doc.Parts {
		fmt.Fprintf(&b, "%s (line %d) %s [%d]\n", part.ID, part.Line, part.Title, count[part.ID])
		for _, s := range part.Sections {
			fmt.Fprintf(&b, "  %s %s [%d]\n", s.ID, s.Title, count[s.ID])
			for _, it := range s.Items {
				fmt.Fprintf(&b, "    %s %s [%d]\n", it.ID, it.Title, count[it.ID])
			}
		}
	}
	for _, g := range doc.Glossary {
		fmt.Fprintf(&b, "glossary line %d: %s (%d characters of definition)\n", g.Line, g.Headword, len([]rune(g.Definition)))
	}
	golden(t, "liwan-outline.golden", b.String())
	// The table of contents is not body text: the first body paragraph is the preface.
	if p := doc.Paragraphs[0]; p.Part.ID != "front" {
		t.Errorf("first paragraph in %s", p.Part.ID)
	}
	for _, p := range doc.Paragraphs {
		if p.Part.ID == "preface" && strings.HasPrefix(p.Text, "第") {
			t.Errorf("table of contents line taken as preface text: %s", p.Text)
		}
	}
	// A numbered line that is a note, not a heading, stays a paragraph.
	if p := doc.Paragraph("ch1/s1/i7/p6"); p == nil || !strings.HasPrefix(p.Text, "2.城鎮登記失業人員就業率指標") {
		t.Errorf("numbered note: %+v", p)
	}
}

func TestParseTextStructure(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ids        []string
		wantErr    string
	}{
		{
			name: "no table of contents",
			text: "標題\n第一章 甲\n段一\n第一節 乙\n段二\n1.丙。\n段三\n段四\n第二章 丁\n段五\n",
			ids:  []string{"preface/p1", "ch1/h", "ch1/p1", "ch1/s1/h", "ch1/s1/p1", "ch1/s1/i1/h", "ch1/s1/i1/p1", "ch1/s1/i1/p2", "ch2/h", "ch2/p1"},
		},
		{
			name: "table of contents skipped",
			text: "通知\n標題\n目 錄\n第一章 甲\n第一節 乙\n附件1:丙\n序言\n第一章 甲\n正文\n",
			ids:  []string{"front/p1", "preface/p1", "ch1/h", "ch1/p1"},
		},
		{
			name: "chapter numbers above ten",
			text: "第十一章 甲\n段\n第二十章 乙\n段\n",
			ids:  []string{"ch11/h", "ch11/p1", "ch20/h", "ch20/p1"},
		},
		{name: "no chapter", text: "只有一段\n", wantErr: "no chapter headings"},
		{
			name: "the same section number twice in a chapter (found by FuzzParseText)",
			text: "第五章\n第一節\n第一節\n", wantErr: `t.txt:3: heading "第一節" repeats the number of the heading at line 2 (ch5/s1)`,
		},
		{name: "a chapter twice", text: "第一章 甲\n段\n第一章 乙\n", wantErr: "t.txt:3: heading \"第一章 乙\" repeats the number of the heading at line 1 (ch1)"},
		{name: "an item twice in a section", text: "第一章 甲\n第一節 乙\n1.丙。\n1.丁。\n", wantErr: "t.txt:4: heading \"1.丁。\" repeats the number of the heading at line 3 (ch1/s1/i1)"},
		{
			name: "the same section number in two chapters is fine",
			text: "第一章 甲\n第一節 乙\n第二章 丙\n第一節 丁\n",
			ids:  []string{"ch1/h", "ch1/s1/h", "ch2/h", "ch2/s1/h"},
		},
		{name: "not UTF-8", text: "第一章 甲\n\xff\xfe\n", wantErr: "not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := loader.ParseText("t.txt", strings.NewReader(tc.text))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range doc.Paragraphs {
				ids = append(ids, p.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.ids) {
				t.Errorf("ids %v, want %v", ids, tc.ids)
			}
		})
	}
}

func FuzzParseText(f *testing.F) {
	text, _ := fs.ReadFile(data.Liwan, "plan.txt")
	f.Add(string(text[:4000]))
	f.Add("第一章 甲\n第一節 乙\n1.丙。\n附件2\n名 詞 解 釋\n甲:乙\n丙\n")
	f.Add("目錄\n第一章\n")
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := loader.ParseText("fuzz.txt", strings.NewReader(s))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, p := range doc.Paragraphs {
			if seen[p.ID] {
				t.Fatalf("paragraph id %s twice", p.ID)
			}
			seen[p.ID] = true
			if p.Part == nil {
				t.Fatalf("paragraph %s has no part", p.ID)
			}
		}
	})
}

func FuzzReadDataset(f *testing.F) {
	for _, seed := range []string{
		"entities:\n  - {id: a, type: Zone, name: 甲}\nlinks:\n  - {from: a, rel: PART_OF, to: b, quote: 甲乙丙丁}\n",
		"links: {from: a}\n",
		"entities: [1, 2]\n",
		"- a\n- b\n",
		"entities:\n  - id: &x a\n    type: *x\n",
		"{{{{",
		"entities:\n  - {id: a, type: Zone, name: 甲乙區, elided: [{in: 甲乙丙丁, as: 乙丙}]}\n  - {id: b, type: Zone, name: 丙丁, elided: [{in: 甲乙丙丁, as: 丁}, {as: 丙}]}\n",
		"entities:\n  - {id: a, type: Zone, name: 甲乙}\n  - {id: b, type: Industry, name: 丙丁}\nlinks:\n  - {from: a, rel: FOCUSES_ON, to: b, quotes: [甲乙丙丁, 丙丁戊己]}\n  - {from: b, rel: PART_OF, to: a, quotes: [甲乙丙丁, 第一節 甲乙]}\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fsys := fstest.MapFS{
			"plan.yaml": {Data: []byte("id: fuzz\ntext: plan.txt\n")},
			// Quotes written in several places exercise where the loader cites them.
			"plan.txt":  {Data: []byte("第一章 甲\n甲乙丙丁\n第一節 甲乙\n甲乙丙丁戊\n1.丙丁戊己\n甲乙丙丁\n")},
			"data.yaml": {Data: []byte(s)},
		}
		res, err := loader.Load(fsys, ".")
		if err == nil && res == nil {
			t.Fatal("no result and no error")
		}
		if err != nil && !strings.Contains(err.Error(), ":") {
			t.Fatalf("problem without a place: %v", err)
		}
		if err != nil {
			return
		}
		for _, l := range res.Links {
			for _, c := range l.Citations {
				if r := []rune(c.Paragraph.Text); c.Start < 0 || c.End > len(r) || !slices.Contains(l.AllQuotes(), string(r[c.Start:c.End])) {
					t.Fatalf("%s %s %s: citation %s[%d:%d] is not one of its quotes %q", l.From.ID, l.Relation.Name, l.To.ID, c.Paragraph.ID, c.Start, c.End, l.AllQuotes())
				}
			}
		}
	})
}
