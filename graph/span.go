package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// Evidence is addressed by text position, not by extra nodes: the label of a relation quad (its
// citation) and of a pg:mentionedIn quad (the mention) is the IRI of a span of a paragraph, in
// the form RFC 5147 defines for plain text: <paragraph IRI>#char=START,END, counting
// characters (code points) from 0. The quote is the paragraph's text in that span. A link cited
// twice is two quads with two labels, and evidence costs no quads beyond the link itself.

// SpanIRI returns the IRI of characters [start, end) of a paragraph.
func SpanIRI(paragraph string, start, end int) string {
	return paragraph + "#char=" + strconv.Itoa(start) + "," + strconv.Itoa(end)
}

// Span is a range of characters of a paragraph.
type Span struct {
	Paragraph  string
	Start, End int
}

// ParseSpan reads an IRI made by SpanIRI.
func ParseSpan(iri string) (Span, error) {
	para, frag, ok := strings.Cut(iri, "#char=")
	if !ok {
		return Span{}, fmt.Errorf("%q is not a text span IRI", iri)
	}
	a, b, ok := strings.Cut(frag, ",")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || start < 0 || end < start {
		return Span{}, fmt.Errorf("%q is not a text span IRI", iri)
	}
	return Span{para, start, end}, nil
}

// Text returns the characters of the span in text, or "" when the span does not fit.
func (s Span) Text(text string) string {
	i := 0
	startByte, endByte := -1, -1
	for b := range text {
		if i == s.Start {
			startByte = b
		}
		if i == s.End {
			endByte = b
			break
		}
		i++
	}
	if i == s.End && endByte < 0 {
		endByte = len(text)
	}
	if s.Start == s.End && startByte < 0 && i == s.Start {
		return ""
	}
	if startByte < 0 || endByte < 0 {
		return ""
	}
	return text[startByte:endByte]
}
