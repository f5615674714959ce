package loader

import (
	"slices"
	"unicode/utf8"
)

// Headings returns the headings p stands under, innermost first: its item's, its section's and
// its part's. A heading is not under itself.
func (d *Document) Headings(p *Paragraph) []*Paragraph {
	var ids []string
	if p.Item != nil {
		ids = append(ids, p.Item.ID+"/h")
	}
	if p.Section != nil {
		ids = append(ids, p.Section.ID+"/h")
	}
	if p.Part != nil {
		ids = append(ids, p.Part.ID+"/h")
	}
	var out []*Paragraph
	for _, id := range ids {
		if h := d.byID[id]; h != nil && h != p {
			out = append(out, h)
		}
	}
	return out
}

// citation cites quote q written at o, placed as how says.
func (o Occurrence) citation(q string, how Placement) Citation {
	return Citation{o.Paragraph, o.Offset, o.Offset + utf8.RuneCountInString(q), how}
}

// Placement says how the loader chose where a quote is cited.
type Placement int

const (
	// PlacedOnce: the plan writes the quote in one place.
	PlacedOnce Placement = iota
	// PlacedAtHeading: at the innermost heading the link's anchor quote stands under.
	PlacedAtHeading
	// PlacedBeside: at the one place read with the anchor (its paragraph, or a paragraph under
	// it when it is a heading).
	PlacedBeside
	// PlacedGuessed: nothing pins the quote; it is cited at its first place, or at the one
	// nearest the anchor.
	PlacedGuessed
)

// beside reports whether p is read with anchor: it is anchor's paragraph or, when anchor is a
// heading, a paragraph under it. (The headings anchor stands under are tried before.)
func (d *Document) beside(p, anchor *Paragraph) bool {
	return p == anchor || slices.Contains(d.Headings(p), anchor)
}

// placeQuotes picks where each of a link's quotes is cited, given every place each is written
// (none empty). A quote written once is cited there. A quote written more than once is cited
// where it sits with the link's other quotes, since a link's quotes are read together (a
// sentence and the headings above it): at the innermost heading the anchor stands under, or
// else at the place read with the anchor nearest to it, or else at the place nearest the
// anchor; the earlier on a tie. The anchor is the quote written in the fewest places, at its
// first; when every quote is written more than once, nothing pins them.
func (d *Document) placeQuotes(occ [][]Occurrence) ([]Occurrence, []Placement) {
	out, how := make([]Occurrence, len(occ)), make([]Placement, len(occ))
	if len(occ) == 0 {
		return out, how
	}
	a := 0
	for i := range occ {
		if len(occ[i]) < len(occ[a]) {
			a = i
		}
	}
	anchor := occ[a][0]
	for i, os := range occ {
		out[i], how[i] = d.nearest(os, anchor)
		if len(occ[a]) > 1 && len(os) > 1 {
			how[i] = PlacedGuessed
		}
	}
	out[a] = anchor
	return out, how
}

// nearest is the occurrence among os that is read with anchor, as placeQuotes says, and how it
// was chosen.
func (d *Document) nearest(os []Occurrence, anchor Occurrence) (Occurrence, Placement) {
	if len(os) == 1 {
		return os[0], PlacedOnce
	}
	for _, h := range d.Headings(anchor.Paragraph) {
		for _, o := range os {
			if o.Paragraph == h {
				return o, PlacedAtHeading
			}
		}
	}
	var beside []Occurrence
	for _, o := range os {
		if d.beside(o.Paragraph, anchor.Paragraph) {
			beside = append(beside, o)
		}
	}
	how := PlacedGuessed
	switch len(beside) {
	case 0:
	case 1:
		return beside[0], PlacedBeside
	default:
		os = beside
	}
	abs := func(x int) int { return max(x, -x) }
	dist := func(o Occurrence) [2]int {
		if o.Paragraph == anchor.Paragraph {
			return [2]int{0, abs(o.Offset - anchor.Offset)}
		}
		return [2]int{abs(o.Paragraph.Order - anchor.Paragraph.Order), 0}
	}
	best := os[0]
	for _, o := range os[1:] {
		if d, b := dist(o), dist(best); d[0] < b[0] || d[0] == b[0] && d[1] < b[1] {
			best = o
		}
	}
	return best, how
}
