package loader

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/graph"
)

// periodDefault is the key of the periods rule that places every paragraph no other rule does.
const periodDefault = "default"

// placePeriods gives every paragraph its period from the dataset's rules: the rule of the
// longest id prefix (ch1/s1 covers ch1/s1/i2/p3), else the default rule, else
// graph.DefaultPeriod. A rule keyed "PARAGRAPH TEXT" places one sentence instead: the sentence
// of that paragraph that holds TEXT, for the odd sentence that breaks its paragraph's pattern
// (a past achievement in a paragraph of tasks). Rules naming no part of the text, no sentence
// or no period are problems.
func (v *validator) placePeriods() {
	rules := v.ds.Meta.Periods
	known := map[string]bool{}
	for _, p := range v.doc.Paragraphs {
		for id := p.ID; id != ""; id = parentID(id) {
			known[id] = true
		}
	}
	var sentences []string
	for _, key := range slices.Sorted(maps.Keys(rules)) {
		switch _, _, isSentence := strings.Cut(strings.TrimSpace(key), " "); {
		case !graph.IsPeriod(rules[key]):
			v.probs.add(v.ds.Meta.Pos, "periods: %s: unknown period %q (want one of %s)", key, rules[key], strings.Join(graph.Names(graph.Periods), ", "))
		case isSentence:
			sentences = append(sentences, key)
		case key != periodDefault && !known[key]:
			v.probs.add(v.ds.Meta.Pos, "periods: %q is not a part, section, item or paragraph of the text", key)
		}
	}
	def := graph.DefaultPeriod
	if p, ok := rules[periodDefault]; ok && graph.IsPeriod(p) {
		def = p
	}
	for _, p := range v.doc.Paragraphs {
		p.Period = def
		for id := p.ID; id != ""; id = parentID(id) {
			if r, ok := rules[id]; ok {
				p.Period = r
				break
			}
		}
	}
	// Sentences last: a rule that gives a sentence its paragraph's own period says nothing.
	for _, key := range sentences {
		id, text, _ := strings.Cut(strings.TrimSpace(key), " ")
		v.placeSentence(id, strings.TrimSpace(text), rules[key])
	}
}

// placeSentence places the sentence of paragraph id that holds text in period.
func (v *validator) placeSentence(id, text, period string) {
	p := v.doc.Paragraph(id)
	if p == nil {
		v.probs.add(v.ds.Meta.Pos, "periods: %q: %q is not a paragraph of the text", id+" "+text, id)
		return
	}
	if n := strings.Count(p.Text, text); n != 1 {
		v.probs.add(v.ds.Meta.Pos, "periods: %q: paragraph %s holds %q %d times: quote enough to name one sentence", id+" "+text, id, text, n)
		return
	}
	if p.Period == period {
		v.probs.add(v.ds.Meta.Pos, "periods: %q: paragraph %s is %s already", id+" "+text, id, period)
		return
	}
	at := utf8.RuneCountInString(p.Text[:strings.Index(p.Text, text)])
	start, end := p.Sentence(at, at+utf8.RuneCountInString(text))
	for _, o := range p.PeriodSpans {
		if start < o.End && o.Start < end {
			v.probs.add(v.ds.Meta.Pos, "periods: %q: its sentence is placed by another rule too", id+" "+text)
			return
		}
	}
	p.PeriodSpans = append(p.PeriodSpans, PeriodSpan{start, end, period})
}

// PeriodSpan is a sentence of a paragraph, characters [Start, End), that the dataset places in
// Period.
type PeriodSpan struct {
	Start, End int
	Period     string
}

// PeriodAt is the period of characters [start, end) of p: that of a sentence placed apart that
// holds them all, else p's.
func (p *Paragraph) PeriodAt(start, end int) string {
	for _, s := range p.PeriodSpans {
		if s.Start <= start && end <= s.End {
			return s.Period
		}
	}
	return p.Period
}

// Period is when the cited words hold.
func (c Citation) Period() string { return c.Paragraph.PeriodAt(c.Start, c.End) }

// parentID returns the id of what contains id (ch3/s2/i1/p1 → ch3/s2/i1), "" at the top.
func parentID(id string) string {
	i := strings.LastIndexByte(id, '/')
	if i < 0 {
		return ""
	}
	return id[:i]
}
