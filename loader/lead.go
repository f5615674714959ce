package loader

import "strings"

// placeLeads marks the paragraphs that PlanMeta.LeadHeadings names: each keeps in Lead the
// length of its opening sentence. A key that names no paragraph, or a paragraph of a single
// sentence (nothing for its lead to head), is a problem of plan.yaml.
func (v *validator) placeLeads() {
	for _, key := range v.ds.Meta.LeadHeadings {
		key = strings.TrimSpace(key)
		found := false
		for _, p := range v.doc.Paragraphs {
			if p.Heading || p.ID != key && !strings.HasPrefix(p.ID, key+"/") {
				continue
			}
			found = true
			_, end := p.Sentence(0, 0)
			if end >= len(p.textRunes()) {
				v.probs.add(v.ds.Meta.Pos, "leadHeadings: %s: paragraph %s is one sentence, with nothing under its lead to head", key, p.ID)
				continue
			}
			p.Lead = end
		}
		if !found {
			v.probs.add(v.ds.Meta.Pos, "leadHeadings: %q is not a paragraph of the text, nor a part, section or item holding one", key)
		}
	}
}

// LeadOf returns the opening sentence that heads the paragraph of citation c, when it has one
// and c lies after it; "" otherwise.
func LeadOf(c Citation) string {
	p := c.Paragraph
	if p == nil || p.Lead == 0 || c.Start < p.Lead {
		return ""
	}
	return string(p.textRunes()[:p.Lead])
}
