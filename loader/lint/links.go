package lint

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/loader"
)

// checkLinks runs the rules about links and their citations: chapter-heading, heading-alone,
// defines-outside-glossary, unstated, name-inside and ambiguous-quote; and counts the stated
// links.
func (c *checker) checkLinks() {
	glossary := map[*loader.Paragraph]bool{}
	for _, g := range c.res.Doc.Glossary {
		glossary[g.Paragraph] = true
	}
	for _, l := range c.res.Links {
		c.checkLink(l, glossary)
	}
}

func (c *checker) checkLink(l *loader.Link, glossary map[*loader.Paragraph]bool) {
	// A relation that only a glossary entry may start (DEFINES) is stated by that entry; the
	// loader has already refused one starting elsewhere.
	defines := l.Relation.From != "" && isGlossary(l.From)
	stated, fromNamed, toNamed, apart := false, false, false, false
	for i, ct := range l.Citations {
		p := ct.Paragraph
		c.ambiguous(l.Pos, linkName(l), l.Ack, ct)
		kind := kindOf(p)
		switch kind {
		case chapterHeading:
			if !c.names(l.From, p.Text) || !c.names(l.To, p.Text) {
				c.add(l.Pos, RuleChapterHeading, Error, "", "%s: quote %s is in the heading of %s, which does not name both ends: a chapter's theme is not a link",
					linkName(l), quoteOf(ct), p.Part.ID)
			}
		case sectionHeading, itemHeading:
			c.headingAlone(l, i, kind)
		}
		if defines && !glossary[p] {
			c.add(l.Pos, RuleDefinesOutside, Error, "", "%s: quote %s is in %s, not in the glossary: DEFINES quotes the term's glossary entry", linkName(l), quoteOf(ct), p.ID)
		}
		// What a reader sees as the statement of the link: a heading alone, a glossary entry
		// whole, or the sentence with the headings of its section and item, and the sentence
		// that leads its paragraph when the plan declares one (a main goal and its definition).
		var texts []string
		switch {
		case kind != notHeading, defines && glossary[p]:
			texts = []string{p.Text}
		default:
			texts = append([]string{sentence(ct)}, c.headings(p)...)
			if lead := loader.LeadOf(ct); lead != "" {
				texts = append(texts, lead)
			}
		}
		f, t := c.names(l.From, texts...), c.names(l.To, texts...)
		fromNamed, toNamed = fromNamed || f, toNamed || t
		if f && t {
			stated = true
			apart = apart || c.namedApart(l, texts)
		}
	}
	if stated {
		c.stated++
		if !apart && !defines {
			c.add(l.Pos, RuleNameInside, Warning, l.Ack, "%s: one end is named only inside the other's name: a relation read off a name is not stated",
				linkName(l))
		}
		return
	}
	c.add(l.Pos, RuleUnstated, Warning, l.Ack, "%s: no quoted sentence, with its section and item headings, names both ends (%s)",
		linkName(l), namedNote(l, fromNamed, toNamed))
}

// headingAlone reports citation i, in a section or item heading, when the heading names only
// one end and no other citation under that heading has a sentence naming the other.
func (c *checker) headingAlone(l *loader.Link, i int, kind headingKind) {
	h := l.Citations[i].Paragraph
	f, t := c.names(l.From, h.Text), c.names(l.To, h.Text)
	if f == t { // both: the heading states the link; neither: unstated reports it
		return
	}
	other := l.To
	if t {
		other = l.From
	}
	for j, ct := range l.Citations {
		if j != i && under(ct.Paragraph, h, kind) && c.names(other, sentence(ct)) {
			return
		}
	}
	c.add(l.Pos, RuleHeadingAlone, Error, "", "%s: heading %s names one end; cite also the sentence under it that names %s",
		linkName(l), h.ID, other.Name)
}

// namedApart reports whether the texts (one citation's sentence and headings) name each end
// somewhere that is not inside an occurrence of the other end's names. 荔灣區人民醫院 names
// 荔灣區 only inside the hospital's name, which does not state that the hospital is in the
// district.
func (c *checker) namedApart(l *loader.Link, texts []string) bool {
	from, to := false, false
	for _, t := range texts {
		k := fold(t)
		from = from || outside(k, c.namesOf[l.From], c.namesOf[l.To])
		to = to || outside(k, c.namesOf[l.To], c.namesOf[l.From])
	}
	return from && to
}

// outside reports whether folded text k has an occurrence of one of names that no occurrence of
// one of others covers.
func outside(k string, names, others []string) bool {
	var covers [][2]int
	for _, m := range others {
		for i := 0; ; {
			j := strings.Index(k[i:], m)
			if j < 0 {
				break
			}
			covers = append(covers, [2]int{i + j, i + j + len(m)})
			i += j + 1
		}
	}
	for _, n := range names {
		for i := 0; ; {
			j := strings.Index(k[i:], n)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(n)
			if !slices.ContainsFunc(covers, func(cv [2]int) bool { return cv[0] <= start && end <= cv[1] && cv[1]-cv[0] > end-start }) {
				return true
			}
			i += j + 1
		}
	}
	return false
}

func namedNote(l *loader.Link, from, to bool) string {
	mark := func(ok bool) string {
		if ok {
			return "named"
		}
		return "not named"
	}
	if from == to {
		return fmt.Sprintf("%s and %s %s", l.From.Name, l.To.Name, map[bool]string{true: "named only in different quotes", false: "neither named"}[from])
	}
	return fmt.Sprintf("%s %s, %s %s", l.From.Name, mark(from), l.To.Name, mark(to))
}

func linkName(l *loader.Link) string {
	return l.From.ID + " " + l.Relation.Name + " " + l.To.ID
}

// ambiguous reports a citation, of the link or entity called what, that the loader had to guess
// the place of: the plan writes its quote in more than one paragraph and nothing else in the
// link pins it (GUIDE §1). A curator who meant another place (a section heading whose words
// also open the chapter's first paragraph) would get a citation, and a period, from the wrong
// place without noticing.
func (c *checker) ambiguous(pos loader.Pos, what, ack string, ct loader.Citation) {
	if ct.Placed != loader.PlacedGuessed {
		return
	}
	n := c.paragraphsWriting(citedText(ct))
	if n <= 1 {
		return // written twice in one paragraph: the citation's place and period are right
	}
	c.add(pos, RuleAmbiguousQuote, Warning, ack, "%s: quote %s is written in %d paragraphs and nothing pins it, so it is cited at %s: quote enough of the sentence to name one place, or cite it beside a sentence under it",
		what, quoteOf(ct), n, ct.Paragraph.ID)
}

// paragraphsWriting counts the paragraphs that hold q.
func (c *checker) paragraphsWriting(q string) int {
	n, ok := c.quoteParas[q]
	if !ok {
		seen := map[*loader.Paragraph]bool{}
		for _, o := range c.res.Doc.FindAll(q) {
			seen[o.Paragraph] = true
		}
		n = len(seen)
		c.quoteParas[q] = n
	}
	return n
}

// citedText is the text a citation points at.
func citedText(ct loader.Citation) string {
	r := []rune(ct.Paragraph.Text)
	return string(r[max(0, min(ct.Start, len(r))):max(0, min(ct.End, len(r)))])
}

// quoteOf is a citation's text, shortened for a message.
func quoteOf(ct loader.Citation) string {
	q := citedText(ct)
	const maxRunes = 24
	if utf8.RuneCountInString(q) > maxRunes {
		q = string([]rune(q)[:maxRunes]) + "…"
	}
	return fmt.Sprintf("%q", q)
}
