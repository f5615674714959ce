package lint

import (
	"github.com/plangraph/plangraph/loader"
)

// sentence returns the sentence of a citation (see loader.Paragraph.Sentence).
func sentence(c loader.Citation) string {
	start, end := c.Paragraph.Sentence(c.Start, c.End)
	return string([]rune(c.Paragraph.Text)[start:end])
}

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
	for _, h := range c.res.Doc.Headings(p) {
		if k := kindOf(h); k == sectionHeading || k == itemHeading {
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
