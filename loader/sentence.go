package loader

import "strings"

// sentenceEnds are the marks that end a sentence (or a clause the plan punctuates as one).
const sentenceEnds = "。；;！？!?"

// Sentence returns the bounds, in characters, of the sentence that holds characters
// [start, end) of p: the span extended left and right to the nearest sentence end or the edge
// of the paragraph, keeping the end mark. A span over several sentences gets them all.
func (p *Paragraph) Sentence(start, end int) (int, int) {
	r := p.textRunes()
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	end = max(start, end)
	for start > 0 && !isSentenceEnd(r[start-1]) {
		start--
	}
	// The span's own last character may end its sentence; otherwise run on to the next end.
	if end > start && isSentenceEnd(r[end-1]) {
		return start, end
	}
	for end < len(r) && !isSentenceEnd(r[end]) {
		end++
	}
	if end < len(r) {
		end++ // keep the mark, as the plan writes it
	}
	return start, end
}

func isSentenceEnd(r rune) bool { return strings.ContainsRune(sentenceEnds, r) }

// textRunes is p's text as characters; a Paragraph built outside the parser has none kept.
func (p *Paragraph) textRunes() []rune {
	if p.runes == nil && p.Text != "" {
		return []rune(p.Text)
	}
	return p.runes
}
