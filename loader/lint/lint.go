// Package lint checks a curated plan dataset against the curation rules of data/GUIDE.md §7:
// that every link is stated by the sentence it quotes, that chapter and section headings are
// not cited alone, that a link joins the kinds of entity its relation expects, that entities
// are named things, one per thing, typed alike. The loader checks that a dataset is well
// formed; lint checks that it keeps the promise that every link carries the words of the plan
// that state it.
//
// The link rules (chapter-heading, heading-alone, unstated) compare names, not meaning: a
// sentence that names both ends counts as stating the link even when it only lists them side
// by side, and one that refers to an end as 該區 or 全區 does not. An ack on a link silences its
// warnings (they are reported as acknowledged); errors cannot be acknowledged. not-a-name and
// type-by-suffix are heuristics: see notaname.go and suffix.go.
package lint

import (
	"fmt"
	"io/fs"
	"sort"

	"github.com/plangraph/plangraph/loader"
)

// Level is how serious a finding is: errors fail CI, warnings are fixed or acknowledged.
type Level string

// The levels of a finding.
const (
	Error   Level = "error"
	Warning Level = "warning"
)

// The rules, named as in GUIDE.md §7.
const (
	RuleChapterHeading = "chapter-heading"
	RuleHeadingAlone   = "heading-alone"
	RuleUnstated       = "unstated"
	RuleDefinesOutside = "defines-outside-glossary"
	RuleDuplicate      = "duplicate"
	RuleAliasInside    = "alias-inside"
	RuleOrphan         = "orphan"
	RuleTypeBySuffix   = "type-by-suffix"
	RuleNotAName       = "not-a-name"
	RuleNameInside     = "name-inside"
	RuleAmbiguousQuote = "ambiguous-quote"
	RuleStaleAck       = "stale-ack"
	RuleRelationEnds   = "relation-ends"
	RuleCrossProduct   = "cross-product"
)

// Finding is one thing a rule found, at the entity or link it is about.
type Finding struct {
	Pos     loader.Pos `json:"-"`
	File    string     `json:"file"`
	Line    int        `json:"line"`
	Rule    string     `json:"rule"`
	Level   Level      `json:"level"`
	Message string     `json:"message"`
	// Ack is the reason given by the link's ack: when set, the finding is acknowledged and
	// counts neither as an error nor as a warning.
	Ack string `json:"ack,omitempty"`
}

// Acknowledged reports whether the curator acknowledged the finding with an ack.
func (f Finding) Acknowledged() bool { return f.Ack != "" }

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Pos, f.Rule, f.Message)
}

// Summary counts what a check found.
type Summary struct {
	Links        int     `json:"links"`
	Stated       int     `json:"stated"`
	StatedPct    float64 `json:"statedPercent"`
	Errors       int     `json:"errors"`
	Warnings     int     `json:"warnings"`
	Acknowledged int     `json:"acknowledged"`
	// Unlinked counts the entities the plan names but states no relation of (not findings).
	Unlinked int `json:"unlinked"`
	// Gaps counts the enumerations some of whose members are not entities (not findings).
	Gaps int `json:"gaps"`
}

// Report is the result of a check: every finding, acknowledged ones included, sorted by file
// and line, and the summary.
type Report struct {
	Plan     string    `json:"plan"`
	Findings []Finding `json:"findings"`
	Gaps     []Gap     `json:"gaps"`
	Summary  Summary   `json:"summary"`
}

// Check loads the dataset in dir of fsys and runs every rule over it. When the dataset does not
// load, the error is the loader's Problems, listing each with its file:line.
func Check(fsys fs.FS, dir string) (*Report, error) {
	res, err := loader.Load(fsys, dir)
	if err != nil {
		return nil, err
	}
	return CheckResult(res), nil
}

// CheckResult runs every rule over a dataset that has already loaded.
func CheckResult(res *loader.Result) *Report {
	c := newChecker(res)
	c.checkLinks()
	c.checkEnds()
	c.crossProducts()
	c.checkEntities()
	c.staleAcks()
	rep := &Report{Plan: res.Meta.ID, Findings: c.findings, Gaps: c.enumerationGaps()}
	sortFindings(rep.Findings)
	rep.Summary = Summary{Links: len(res.Links), Stated: c.stated, Unlinked: c.unlinked, Gaps: len(rep.Gaps)}
	if rep.Summary.Links > 0 {
		rep.Summary.StatedPct = float64(c.stated) * 100 / float64(rep.Summary.Links)
	}
	for _, f := range rep.Findings {
		switch {
		case f.Acknowledged():
			rep.Summary.Acknowledged++
		case f.Level == Error:
			rep.Summary.Errors++
		default:
			rep.Summary.Warnings++
		}
	}
	return rep
}

// checker holds what the rules share: the loaded plan and the folded names of each entity.
type checker struct {
	res     *loader.Result
	namesOf map[*loader.Entity][]string // folded name, aliases, (Terms) headword and elided enumerations
	// quoteParas counts, for each quoted text, the paragraphs that hold it.
	quoteParas map[string]int
	findings   []Finding
	stated     int
	unlinked   int
}

func newChecker(res *loader.Result) *checker {
	c := &checker{res: res, namesOf: map[*loader.Entity][]string{}, quoteParas: map[string]int{}}
	for _, e := range res.Entities {
		c.namesOf[e] = foldedNames(e)
	}
	return c
}

func (c *checker) add(pos loader.Pos, rule string, level Level, ack, format string, args ...any) {
	c.findings = append(c.findings, Finding{Pos: pos, File: pos.File, Line: pos.Line, Rule: rule, Level: level, Message: fmt.Sprintf(format, args...), Ack: ack})
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
