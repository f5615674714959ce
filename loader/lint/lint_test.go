package lint

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plangraph/plangraph/loader"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/want.txt")

func check(t *testing.T, dir string) *Report {
	t.Helper()
	rep, err := Check(os.DirFS(filepath.Join("testdata", dir)), ".")
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return rep
}

// datasetFS is a dataset of three files given as text: plan.yaml, plan.txt and data.yaml.
func datasetFS(meta, plan, data string) fstest.MapFS {
	return fstest.MapFS{
		"plan.yaml": {Data: []byte(meta)},
		"plan.txt":  {Data: []byte(plan)},
		"data.yaml": {Data: []byte(data)},
	}
}

// checkFiles lints the dataset datasetFS makes of meta, plan and data.
func checkFiles(t *testing.T, meta, plan, data string) *Report {
	t.Helper()
	rep, err := Check(datasetFS(meta, plan, data), ".")
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// rules returns how many unacknowledged findings of each rule a report has.
func rules(rep *Report) map[string]int {
	out := map[string]int{}
	for _, f := range rep.Findings {
		if !f.Acknowledged() {
			out[f.Rule]++
		}
	}
	return out
}

// Each rule has a fixture that breaks it (testdata/<rule>-broken) and a near miss that does not
// (testdata/<rule>-clean, which has no finding at all, or only acknowledged ones where the near
// miss is an ack that does its job).
func TestLintRules(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		level Level
		acked bool // the clean fixture holds acknowledged findings
	}{
		{RuleChapterHeading, Error, false},
		{RuleHeadingAlone, Error, false},
		{RuleUnstated, Warning, false},
		{RuleDefinesOutside, Error, false},
		{RuleDuplicate, Error, false},
		{RuleAliasInside, Warning, false},
		{RuleOrphan, Error, false},
		{RuleTypeBySuffix, Warning, false},
		{RuleNotAName, Warning, false},
		{RuleNameInside, Warning, false},
		{RuleAmbiguousQuote, Warning, false},
		{RuleStaleAck, Warning, true},
		{RuleRelationEnds, Warning, false},
		{RuleCrossProduct, Warning, false},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			broken := check(t, tc.rule+"-broken")
			if rules(broken)[tc.rule] != 1 {
				t.Errorf("broken: want one %s finding, got %v", tc.rule, broken.Findings)
			}
			for _, f := range broken.Findings {
				if f.Rule == tc.rule && f.Level != tc.level {
					t.Errorf("broken: %s is a %s, want %s", f, f.Level, tc.level)
				}
			}
			clean := check(t, tc.rule+"-clean")
			for _, f := range clean.Findings {
				if !tc.acked || !f.Acknowledged() {
					t.Errorf("clean: want no findings, got %v", f)
				}
			}
			if s := clean.Summary; tc.acked && s.Acknowledged == 0 || !tc.acked && (s.Stated != s.Links || s.StatedPct != 100) {
				t.Errorf("clean: %v, want every link stated (or, acked, some acknowledged)", s)
			}
		})
	}
}

// A target's quote that the plan writes in two paragraphs is ambiguous too: the target is cited
// at a guessed place.
func TestLintAmbiguousTargetQuote(t *testing.T) {
	rep := check(t, "ambiguous-quote-target")
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != RuleAmbiguousQuote || rep.Findings[0].Line != 3 {
		t.Errorf("findings %v, want one %s at data.yaml:3", rep.Findings, RuleAmbiguousQuote)
	}
}

// An enumeration two or more of whose members are entities lists the others as gaps; members
// are named by a mention at their start (after the verb, for the first), or by a name that
// runs over the 、.
func TestLintEnumerationGaps(t *testing.T) {
	rep := check(t, "gaps")
	var got []string
	for _, g := range rep.Gaps {
		got = append(got, fmt.Sprintf("%d:%s", g.Line, strings.Join(g.Missing, "|")))
	}
	if want := []string{"3:無人店鋪"}; !slices.Equal(got, want) || rep.Summary.Gaps != 1 {
		t.Errorf("gaps %v (summary %d), want %v", got, rep.Summary.Gaps, want)
	}
	if n := rules(rep); len(n) != 0 {
		t.Errorf("gaps are not findings: %v", rep.Findings)
	}
}

// An ack on a link turns its unstated warning into an acknowledged finding that counts neither
// as a warning nor as an error.
func TestLintAckSilencesUnstated(t *testing.T) {
	rep := check(t, "unstated-acked")
	if n := rules(rep)[RuleUnstated]; n != 0 {
		t.Errorf("%d unacknowledged unstated findings, want 0: %v", n, rep.Findings)
	}
	if s := rep.Summary; s.Warnings != 0 || s.Errors != 0 || s.Acknowledged != 1 {
		t.Errorf("summary %v: want 0 errors, 0 warnings, 1 acknowledged", s)
	}
	var out bytes.Buffer
	if err := rep.WriteText(&out, false); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte(RuleUnstated)) {
		t.Errorf("acknowledged finding printed without --all:\n%s", out.String())
	}
}

// The text output: findings sorted by file and line, `file:line: rule: message`, acknowledged
// ones (with all) marked, then the summary.
func TestLintGoldenOutput(t *testing.T) {
	rep := check(t, "golden")
	var out bytes.Buffer
	if err := rep.WriteText(&out, true); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "want.txt")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("output differs from %s:\n got:\n%s\nwant:\n%s", golden, out.String(), want)
	}
}

// A dataset that does not load is reported with the loader's problems, not linted.
func TestLintDatasetThatDoesNotLoad(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"plan.txt", "plan.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "data.yaml"), []byte("links:\n  - {from: a, rel: PART_OF, to: b, quote: \"不在文中的話\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Check(os.DirFS(dir), ".")
	if _, ok := err.(loader.Problems); !ok {
		t.Fatalf("err = %v, want loader.Problems", err)
	}
}

func TestLintSentence(t *testing.T) {
	p := &loader.Paragraph{Text: "甲乙。丙丁,戊己;庚辛"}
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{0, 2, "甲乙。"},       // runs on to the mark that ends it
		{3, 5, "丙丁,戊己;"},    // a comma does not end a sentence
		{6, 9, "丙丁,戊己;"},    // back to the sentence's start; its own last mark ends it
		{9, 11, "庚辛"},       // the paragraph's edge ends it
		{1, 5, "甲乙。丙丁,戊己;"}, // several sentences
	} {
		if got := sentence(loader.Citation{Paragraph: p, Start: tc.start, End: tc.end}); got != tc.want {
			t.Errorf("sentence(%d, %d) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestLintNotAName(t *testing.T) {
	for name, flagged := range map[string]bool{
		"優化服務":        true,
		"全面加強黨的領導":    true,
		"乳腺癌、宮頸癌免費篩查": true,
		"白鵝潭商務區":      false,
		"“放管服”改革":     false,
		"推進“一帶兩區”建設":  false, // quotation marks: a coined name
		"佛山地鐵6號線":     false,
		"三隧四路五軌道":     false,
		"優化營商環境咨詢委員會": false, // a body is named by what it does
		"大學習、深調研、真落實": false, // parallel phrasing: a coined slogan
		"建設用地":        false,
	} {
		e := &loader.Entity{EntitySpec: &loader.EntitySpec{Type: "Policy", Name: name}}
		if got := notAName(e) != ""; got != flagged {
			t.Errorf("%s: flagged %v, want %v (%s)", name, got, flagged, notAName(e))
		}
	}
}

// A kind-suffix groups names of one kind of thing: lines are 號線 and 延線, not every 線.
func TestLintKindSuffix(t *testing.T) {
	for name, want := range map[string]string{
		"地鐵11號線":        "號線",
		"佛山地鐵6號綫":       "號線", // 綫 folds to 線
		"浣花路西延線":        "延線",
		"國家安全人民防線":      "",
		"荔灣區人民醫院":       "醫院",
		"廣州國際醫藥港首期健康方舟": "",
	} {
		if _, got := kindSuffix(fold(name)); got != want {
			t.Errorf("kindSuffix(%s) = %q, want %q", name, got, want)
		}
	}
}

// A name is found in a text only between seams, unless it holds the seam itself.
func TestLintFoldKeepsSeams(t *testing.T) {
	for _, tc := range []struct {
		text, name string
		want       bool
	}{
		{"積極發展智慧醫療、健康金融等服務業", "醫療健康", false}, // across 、
		{"積極發展智慧醫療、健康金融等服務業", "健康金融", true},
		{"培育文化產業,數字經濟", "產業數字經濟", false},     // across ,
		{"“食在廣州、味在西關”品牌", "食在廣州、味在西關", true}, // the name holds the 、
		{"“文化惠民”工程有序推進", "文化惠民工程", true},     // quotes are not seams
		{"荔灣區“1+11”網絡結構", "1+11", true},
	} {
		if got := strings.Contains(fold(tc.text), fold(tc.name)); got != tc.want {
			t.Errorf("%q names %q: %v, want %v (folded %q, %q)", tc.text, tc.name, got, tc.want, fold(tc.text), fold(tc.name))
		}
	}
}

// A quote that holds the enumeration an entity is elided from names that entity: 佛山地鐵11號線
// is written only as the 11號線 of 佛山地鐵5號線、6號線、11號線.
func TestLintElidedEnumerationNamesTheEntity(t *testing.T) {
	rep := check(t, "../../testdata/elided")
	if len(rep.Findings) != 0 {
		t.Errorf("want no findings, got %v", rep.Findings)
	}
	if s := rep.Summary; s.Links != 1 || s.Stated != 1 {
		t.Errorf("%v, want the one link stated", s)
	}
}

// Any plan text lints without a panic, and every finding and gap has a place.
func FuzzCheck(f *testing.F) {
	f.Add("第一章 甲\n大力引進電子商務、智慧零售、無人店鋪等新業態。\n")
	f.Add("第一章 甲\n第一節 電子商務\n發展電子商務、智慧零售、等\n1.智慧零售\n、、等、\n")
	f.Add("第一章\n“電子商務”、“智慧零售”、;等。!?\n")
	f.Fuzz(func(t *testing.T, text string) {
		rep, err := Check(datasetFS("id: fuzz\ntext: plan.txt\n", text,
			"entities:\n  - {id: a, type: Industry, name: 電子商務}\n  - {id: b, type: Industry, name: 智慧零售}\nlinks:\n  - {from: b, rel: PART_OF, to: a, quote: 電子商務、智慧零售}\n"), ".")
		if err != nil {
			return // the loader refused it, with its places
		}
		for _, x := range rep.Findings {
			if x.File == "" {
				t.Fatalf("finding without a place: %v", x)
			}
		}
		for _, g := range rep.Gaps {
			if g.File == "" || g.Line == 0 || len(g.Missing) == 0 {
				t.Fatalf("gap without a place or a member: %+v", g)
			}
		}
	})
}

// relation-ends checks both ends against the vocabulary: a strategy does not FOCUSES_ON an
// industry (only zones, projects and organisations do), and an ack answers the warning.
func TestLintRelationEndsFromAndAck(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join("testdata", "relation-ends-clean", "plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const entities = "entities:\n  - {id: west-cbd, type: Strategy, name: 廣州西翼中央商務區}\n  - {id: baietan, type: Zone, name: 白鵝潭商務區}\n  - {id: e-commerce, type: Industry, name: 電子商務}\nlinks:\n"
	for _, tc := range []struct {
		name, link string
		want       int
	}{
		{"strategy focuses", `  - {from: west-cbd, rel: FOCUSES_ON, to: e-commerce, quote: "打造廣州西翼中央商務區。白鵝潭商務區重點發展電子商務"}`, 1},
		{"acknowledged", `  - {from: west-cbd, rel: FOCUSES_ON, to: e-commerce, quote: "打造廣州西翼中央商務區。白鵝潭商務區重點發展電子商務", ack: "the strategy is an area here"}`, 0},
		{"zone focuses", `  - {from: baietan, rel: FOCUSES_ON, to: e-commerce, quote: "白鵝潭商務區重點發展電子商務"}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := checkFiles(t, "id: lint-test\ntext: plan.txt\n", string(plan), entities+tc.link+"\n")
			var got []Finding
			for _, f := range rep.Findings {
				if f.Rule == RuleRelationEnds && !f.Acknowledged() {
					got = append(got, f)
				}
			}
			if len(got) != tc.want {
				t.Fatalf("want %d relation-ends findings, got %v", tc.want, got)
			}
			if tc.want > 0 && !strings.Contains(got[0].Message, "FOCUSES_ON links start from a Zone, Project or Organisation; 廣州西翼中央商務區 is a Strategy") {
				t.Errorf("message %q does not say which types the relation expects", got[0].Message)
			}
		})
	}
}

// A link citing a goal paragraph's opening sentence beside a sentence after it is stated when
// plan.yaml declares that the opening sentence leads the paragraph, and unstated otherwise.
func TestLintLeadHeading(t *testing.T) {
	const data = "entities:\n  - {id: goal, type: Strategy, name: 生態環境更加優美}\n  - {id: park, type: Project, name: 甲區公園}\n" +
		"links:\n  - {from: park, rel: SERVES, to: goal, quotes: [生態環境更加優美, 建設甲區公園]}\n"
	for _, tc := range []struct {
		meta string
		want int
	}{
		{"", 1},
		{"leadHeadings: [ch1/p1]\n", 0},
	} {
		rep := checkFiles(t, "id: p\ntext: plan.txt\n"+tc.meta, "第一章 甲\n生態環境更加優美。建設甲區公園,推進乙區。\n", data)
		if got := rules(rep)[RuleUnstated]; got != tc.want {
			t.Errorf("plan.yaml %q: %d unstated findings, want %d (%v)", tc.meta, got, tc.want, rep.Findings)
		}
	}
}
