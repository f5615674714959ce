package graph_test

import (
	"testing"
	"unicode/utf8"

	"github.com/plangraph/plangraph/graph"
)

func TestSpan(t *testing.T) {
	iri := graph.SpanIRI("liwan-14fyp/ch3/s2/i1/p1", 2, 6)
	if iri != "liwan-14fyp/ch3/s2/i1/p1#char=2,6" {
		t.Errorf("SpanIRI = %q", iri)
	}
	sp, err := graph.ParseSpan(iri)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		span graph.Span
		text string
		want string
	}{
		{sp, "加快推進白鵝潭核心區", "推進白鵝"},
		{graph.Span{Start: 0, End: 3}, "白鵝潭", "白鵝潭"},
		{graph.Span{Start: 3, End: 3}, "白鵝潭", ""},
		{graph.Span{Start: 2, End: 9}, "白鵝潭", ""},
		{graph.Span{Start: 0, End: 0}, "", ""},
	} {
		if got := tc.span.Text(tc.text); got != tc.want {
			t.Errorf("%+v.Text(%q) = %q, want %q", tc.span, tc.text, got, tc.want)
		}
	}
	for _, bad := range []string{"x", "p#char=", "p#char=5,2", "p#char=-1,2", "p#char=a,b"} {
		if _, err := graph.ParseSpan(bad); err == nil {
			t.Errorf("ParseSpan(%q) accepted", bad)
		}
	}
}

func FuzzSpanText(f *testing.F) {
	f.Add("白鵝潭商務區", 1, 3)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		got := graph.Span{Start: start, End: end}.Text(text)
		if got != "" && utf8.RuneCountInString(got) != end-start {
			t.Errorf("Span{%d,%d}.Text(%q) = %q", start, end, text, got)
		}
		sp, err := graph.ParseSpan(graph.SpanIRI("p", start, end))
		if start >= 0 && end >= start && (err != nil || sp.Start != start || sp.End != end) {
			t.Errorf("round trip %d,%d: %+v %v", start, end, sp, err)
		}
	})
}
