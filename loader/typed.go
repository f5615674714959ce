package loader

import (
	"slices"
	"strconv"
	"strings"

	"github.com/plangraph/plangraph/graph"
)

// typedFields returns the dataset fields of an entity that belong to some entity types only
// (graph.EntityType.Fields and Required), with whether each is set.
func typedFields(s *EntitySpec) map[string]bool {
	set := map[string]bool{}
	for f, v := range map[string]bool{
		"indicator":    s.Indicator != "",
		"value":        s.Value != nil,
		"unit":         s.Unit != "",
		"year":         s.Year != 0,
		"qualifier":    s.Qualifier != "",
		"quote":        s.Quote != "",
		"headword":     s.Headword != "",
		"definitionEn": s.DefinitionEn != "",
	} {
		if v {
			set[f] = true
		}
	}
	return set
}

// typesWithField names the entity types that may set a dataset field.
func typesWithField(f string) []string {
	var out []string
	for _, t := range graph.Types {
		if slices.Contains(t.Fields, f) {
			out = append(out, t.Name)
		}
	}
	return out
}

// qualifierWords are the words of a Chinese plan that qualify a target value, longest first
// within each qualifier so that 不超過 is not read as 超過. The names are graph.Qualifiers'.
var qualifierWords = []struct {
	word, qualifier string
}{
	{"不超過", "AT_MOST"}, {"不高於", "AT_MOST"}, {"控制在", "AT_MOST"}, {"以內", "AT_MOST"}, {"以下", "AT_MOST"},
	{"不低於", "AT_LEAST"}, {"不少於", "AT_LEAST"}, {"以上", "AT_LEAST"}, {"超過", "AT_LEAST"}, {"至少", "AT_LEAST"},
	{"左右", "ABOUT"}, {"約", "ABOUT"},
}

// quoteQualifier reads a target's qualifier from its quote: the qualifying word that follows
// the value (2025年達到1450億元左右), so that a word qualifying something else before it
// (3歲以下嬰幼兒 … 達到4.5個) is not taken; "" when none follows.
func quoteQualifier(quote string, value *float64) string {
	from := 0
	if value != nil {
		v := strconv.FormatFloat(*value, 'f', -1, 64)
		if i := strings.LastIndex(quote, v); i >= 0 {
			from = i + len(v)
		}
	}
	rest := quote[from:]
	best, at := "", -1
	for _, w := range qualifierWords {
		i := strings.Index(rest, w.word)
		if i < 0 {
			continue
		}
		// 不超過 contains 超過: the longer word, found at an earlier or equal position, wins.
		if at < 0 || i < at || i == at && len(w.word) > len(qualifierWordOf(best)) {
			best, at = w.qualifier, i
		}
	}
	return best
}

func qualifierWordOf(q string) string {
	for _, w := range qualifierWords {
		if w.qualifier == q {
			return w.word
		}
	}
	return ""
}

// qualifier works out a target's qualifier: the quote's word, checked against the dataset's
// qualifier when both are given; EXACT when a value has no qualifying word.
func (v *validator) qualifier(s *EntitySpec) string {
	read := quoteQualifier(s.Quote, s.Value)
	switch {
	case s.Qualifier != "" && !graph.IsQualifier(s.Qualifier):
		names := make([]string, len(graph.Qualifiers))
		for i, q := range graph.Qualifiers {
			names[i] = q.Name
		}
		v.probs.add(s.Pos, "%s: unknown qualifier %q (want one of %s)", s.ID, s.Qualifier, strings.Join(names, ", "))
		return ""
	case s.Qualifier != "" && read != "" && read != s.Qualifier:
		v.probs.add(s.Pos, "%s: qualifier %s contradicts the quote, which reads %s", s.ID, s.Qualifier, read)
		return ""
	case s.Qualifier != "":
		return s.Qualifier
	case read != "":
		return read
	case s.Value != nil:
		return "EXACT"
	}
	return ""
}
