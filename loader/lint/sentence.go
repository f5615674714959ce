package lint

import (
	"strings"

	"github.com/plangraph/plangraph/loader"
)

// sentenceEnds are the marks that end a sentence (or a clause the plan punctuates as one).
const sentenceEnds = "。；;！？!?"

// sentence returns the sentence of a citation: its span extended left and right to the nearest
// sentence end or the edge of the paragraph. A citation spanning several sentences covers them
// all.
func sentence(c loader.Citation) string {
	r := []rune(c.Paragraph.Text)
	start, end := max(0, min(c.Start, len(r))), max(0, min(c.End, len(r)))
	for start > 0 && !isSentenceEnd(r[start-1]) {
		start--
	}
	// The quote's own last character may end its sentence; otherwise run on to the next end.
	if end > start && isSentenceEnd(r[end-1]) {
		return string(r[start:end])
	}
	for end < len(r) && !isSentenceEnd(r[end]) {
		end++
	}
	if end < len(r) {
		end++ // keep the mark, as the plan writes it
	}
	return string(r[start:end])
}

func isSentenceEnd(r rune) bool { return strings.ContainsRune(sentenceEnds, r) }

// headingKind is what kind of heading a paragraph is, if any.
type headingKind int

const (
	notHeading headingKind = iota
	chapterHeading
	sectionHeading
	itemHeading
	otherHeading // an annex's title
)

func kindOf(p *loader.Paragraph) headingKind {
	switch {
	case !p.Heading:
		return notHeading
	case p.Item != nil && p.ID == p.Item.ID+"/h":
		return itemHeading
	case p.Section != nil && p.ID == p.Section.ID+"/h":
		return sectionHeading
	case p.Part != nil && p.Part.Chapter && p.ID == p.Part.ID+"/h":
		return chapterHeading
	}
	return otherHeading
}

// headings returns the texts of the section and item headings a paragraph stands under (not
// its chapter's: a chapter heading is a slogan over everything in it, GUIDE.md §1).
func (c *checker) headings(p *loader.Paragraph) []string {
	var out []string
	if p.Section != nil {
		if h := c.res.Doc.Paragraph(p.Section.ID + "/h"); h != nil && h != p {
			out = append(out, h.Text)
		}
	}
	if p.Item != nil {
		if h := c.res.Doc.Paragraph(p.Item.ID + "/h"); h != nil && h != p {
			out = append(out, h.Text)
		}
	}
	return out
}

// under reports whether paragraph q stands under the section or item heading h (and is not h).
func under(q, h *loader.Paragraph, kind headingKind) bool {
	if q == h {
		return false
	}
	switch kind {
	case sectionHeading:
		return q.Section == h.Section
	case itemHeading:
		return q.Item == h.Item
	}
	return false
}
