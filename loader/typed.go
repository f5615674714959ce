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

// qualifierWords are the words of a Chinese plan that qualify a target value: some stand
// right before the value (不超過30), others after it and its unit (1450億元左右). The names are
// graph.Qualifiers'.
var qualifierWords = []struct {
	word, qualifier string
	before          bool
}{
	{"不超過", "AT_MOST", true}, {"不高於", "AT_MOST", true}, {"控制在", "AT_MOST", true},
	{"不低於", "AT_LEAST", true}, {"不少於", "AT_LEAST", true}, {"超過", "AT_LEAST", true}, {"至少", "AT_LEAST", true},
	{"約", "ABOUT", true},
	{"以內", "AT_MOST", false}, {"以下", "AT_MOST", false}, {"以上", "AT_LEAST", false}, {"左右", "ABOUT", false},
}

// wordedQualifierWords are the words that say how a target with no number is meant: lower it,
// cover everything, reach the peak, keep pace, meet the city's figure. They are read only when
// the target has no value, so that 降低 in a numeric target's sentence does not override 以下.
var wordedQualifierWords = []struct{ word, qualifier string }{
	{"降低", "DECREASE"}, {"減少", "DECREASE"}, {"下降", "DECREASE"},
	{"全覆蓋", "FULL"}, {"達峰", "PEAK"}, {"同步", "IN_STEP"}, {"市下達任務", "ASSIGNED"},
}

// quoteQualifier reads a target's qualifier from its quote: a word right before the value or
// the first one after it, so that a word qualifying something else (3歲以下嬰幼兒 … 4個) is not
// taken; "" when there is none. Without a value found in the quote, the first word anywhere.
func quoteQualifier(quote string, value *float64) string {
	start, end := -1, -1
	if value != nil {
		v := strconv.FormatFloat(*value, 'f', -1, 64)
		if i := strings.LastIndex(quote, v); i >= 0 {
			start, end = i, i+len(v)
		}
	}
	best, at := "", len(quote)
	for _, w := range qualifierWords {
		switch {
		case start < 0:
			// No value to anchor on: the earliest word; at one place the longer (不超過 holds 超過).
			if i := strings.Index(quote, w.word); i >= 0 && i < at {
				best, at = w.qualifier, i
			}
		case w.before:
			if strings.HasSuffix(quote[:start], w.word) {
				return w.qualifier
			}
		default:
			if i := strings.Index(quote[end:], w.word); i >= 0 && i < at {
				best, at = w.qualifier, i
			}
		}
	}
	if best == "" && value == nil {
		// A worded target: the earliest word that says what it asks.
		for _, w := range wordedQualifierWords {
			if i := strings.Index(quote, w.word); i >= 0 && i < at {
				best, at = w.qualifier, i
			}
		}
	}
	return best
}

// qualifier works out a target's qualifier: the quote's word, checked against the dataset's
// qualifier when both are given; EXACT when a value has no qualifying word.
func (v *validator) qualifier(s *EntitySpec) string {
	read := quoteQualifier(s.Quote, s.Value)
	switch {
	case s.Qualifier != "" && !graph.IsQualifier(s.Qualifier):
		v.probs.add(s.Pos, "%s: unknown qualifier %q (want one of %s)", s.ID, s.Qualifier, strings.Join(graph.Names(graph.Qualifiers), ", "))
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
