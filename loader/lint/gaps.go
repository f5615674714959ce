package lint

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/loader"
)

// Gap is an enumeration of the plan (members joined by 、) of which at least two members are
// entities and some are not. GUIDE §5 asks for every member of every enumeration; a gap is
// either a member still to add or one the curator left out as generic (茶、花 beside 古玩收藏).
// Gaps are a curator's list to read, not findings: they neither fail lint nor need an ack.
type Gap struct {
	Pos         loader.Pos `json:"-"`
	File        string     `json:"file"`
	Line        int        `json:"line"`
	Paragraph   string     `json:"paragraph"`
	Enumeration string     `json:"enumeration"`
	Missing     []string   `json:"missing"`
}

func (g Gap) String() string {
	return fmt.Sprintf("%s: enumeration %q: not entities: %s", g.Pos, g.Enumeration, strings.Join(g.Missing, ", "))
}

// clauseEnds end a clause; an enumeration does not run over them.
const clauseEnds = "。；;！？!?,，:："

// maxMember is the longest member reported: a longer "member" is prose around the list.
const maxMember = 16

// enumerationGaps finds the gaps of every paragraph: members no mention names.
func (c *checker) enumerationGaps() []Gap {
	byPara := map[*loader.Paragraph][]loader.Mention{}
	for _, m := range c.res.Mentions {
		byPara[m.Paragraph] = append(byPara[m.Paragraph], m)
	}
	var gaps []Gap
	for _, p := range c.res.Doc.Paragraphs {
		r := []rune(p.Text)
		start := 0
		for i := 0; i <= len(r); i++ {
			if i < len(r) && !strings.ContainsRune(clauseEnds, r[i]) {
				continue
			}
			if g, ok := c.clauseGap(p, r, start, i, byPara[p]); ok {
				gaps = append(gaps, g)
			}
			start = i + 1
		}
	}
	return gaps
}

// clauseGap looks at the members of the enumeration in characters [from, to) of p.
func (c *checker) clauseGap(p *loader.Paragraph, r []rune, from, to int, ms []loader.Mention) (Gap, bool) {
	type member struct{ start, end int }
	var members []member
	// Members run from one 、 to the next; the list ends at the clause's end or at a 等 (…等領域).
	s := from
	for i := from; i <= to; i++ {
		switch {
		case i < to && r[i] == '等':
			if len(members) == 0 {
				return Gap{}, false
			}
			members = append(members, member{s, i})
			i = to
		case i == to:
			if len(members) == 0 {
				return Gap{}, false
			}
			members = append(members, member{s, i})
		case r[i] == '、':
			members = append(members, member{s, i})
			s = i + 1
		}
	}
	last := members[len(members)-1]
	known := 0
	var missing []string
	for k, raw := range members {
		m := raw
		for m.start < m.end && strings.ContainsRune(quoteMarks+" ", r[m.start]) {
			m.start++
		}
		for m.end > m.start && strings.ContainsRune(quoteMarks+" ", r[m.end-1]) {
			m.end--
		}
		// A mention is the member when it starts it (the first member: ends it, since a verb
		// may come before a list), or when it runs over the 、 (如意坊、沙面歷史文化組團 is one
		// name).
		named := false
		for _, x := range ms {
			if x.End <= raw.start || x.Start >= raw.end {
				continue
			}
			crosses := x.Start < raw.start || x.End > raw.end
			startsIt := x.Start == raw.start || x.Start == m.start
			endsIt := x.End == raw.end || x.End == m.end
			named = named || crosses || k == 0 && endsIt || k > 0 && startsIt
		}
		text := string(r[m.start:m.end])
		switch {
		case named:
			known++
		case text != "" && utf8.RuneCountInString(text) <= maxMember:
			missing = append(missing, text)
		}
	}
	if known < 2 || len(missing) == 0 {
		return Gap{}, false
	}
	pos := loader.Pos{File: c.res.Doc.File, Line: p.Line}
	return Gap{Pos: pos, File: pos.File, Line: pos.Line, Paragraph: p.ID,
		Enumeration: string(r[members[0].start:last.end]), Missing: missing}, true
}

// WriteGaps writes the gaps, one `file:line: enumeration …` a line.
func (r *Report) WriteGaps(w io.Writer) error {
	for _, g := range r.Gaps {
		if _, err := fmt.Fprintln(w, g.String()); err != nil {
			return fmt.Errorf("writing gaps: %w", err)
		}
	}
	return nil
}
