package loader

// placeTranslations gives each paragraph its English from the dataset's textEn: entries. An id
// that names no paragraph, or a paragraph given twice, is a problem.
func (v *validator) placeTranslations() {
	seen := map[string]*Translation{}
	for _, t := range v.ds.Translations {
		p := v.doc.Paragraph(t.Paragraph)
		switch prev := seen[t.Paragraph]; {
		case p == nil:
			v.probs.add(t.Pos, "textEn: %q is not a paragraph of the text (ids look like ch3/s2/i1/p1, ch3/h)", t.Paragraph)
		case prev != nil:
			v.probs.add(t.Pos, "textEn: %s is translated twice (also at %s)", t.Paragraph, prev.Pos)
		default:
			seen[t.Paragraph] = t
			p.TextEn = t.Text
		}
	}
}
