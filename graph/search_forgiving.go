package graph

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plangraph/plangraph/graph/cjk"
)

// Forgiving matches, tried when a query is not found whole inside a name: the words of a
// Latin query in any order and with any separators (west cbd → Guangzhou West Wing Central
// Business District), with the plan's own abbreviations written either way, and a long Chinese
// name with one character off (廣州西部中央商務區 → 廣州西翼中央商務區). They rank below every
// exact, prefix and substring match.
const (
	MatchWords = iota + MatchSubstring + 1 // every word of the query starts a word of the name
	MatchNear                              // a long Chinese name with one character off
)

// minNearRunes is the shortest name matched with a character off: in a short name one
// character is too much of it.
const minNearRunes = 5

// reAbbrev finds an abbreviation's expansion in a glossary definition: CBD:中央商務區(Central
// Business District).
var reAbbrev = regexp.MustCompile(`\(([A-Z][A-Za-z]+(?: [A-Za-z]+)+)\)`)

// abbreviations reads the plan's abbreviations from its glossary: an entry whose name is
// capital letters (CBD) and whose definition spells it out in parentheses. It maps the folded
// abbreviation to the folded words of its expansion.
func abbreviations(ix *PlanIndex) map[string][]string {
	out := map[string][]string{}
	for _, n := range ix.byKind[GlossaryType()] {
		name := n.Str(PropName)
		if name == "" || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsUpper(r) }) >= 0 {
			continue
		}
		m := reAbbrev.FindStringSubmatch(n.Str(PropDefinition))
		if m == nil {
			continue
		}
		var words []string
		for _, w := range strings.Fields(m[1]) {
			words = append(words, cjk.Fold(w))
		}
		out[cjk.Fold(name)] = words
	}
	return out
}

// queryWords splits a Latin query into folded words, and gives the alternatives its
// abbreviations allow: "west cbd" is also "west central business district", and the reverse.
func (ni *nameIndex) queryWords(raw string) [][]string {
	var words []string
	for _, w := range strings.FieldsFunc(raw, func(r rune) bool { return !cjk.IsKeyRune(r) }) {
		if k := cjk.Fold(w); k != "" {
			words = append(words, k)
		}
	}
	if len(words) == 0 {
		return nil
	}
	alts := [][]string{words}
	for abbr, exp := range ni.abbrev {
		var next [][]string
		for _, a := range alts {
			if i := indexWords(a, []string{abbr}); i >= 0 {
				next = append(next, splice(a, i, 1, exp))
			}
			if i := indexWords(a, exp); i >= 0 {
				next = append(next, splice(a, i, len(exp), []string{abbr}))
			}
		}
		alts = append(alts, next...)
	}
	return alts
}

func indexWords(ws, sub []string) int {
	for i := 0; i+len(sub) <= len(ws); i++ {
		match := true
		for j := range sub {
			if ws[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func splice(ws []string, at, n int, with []string) []string {
	out := append(append([]string(nil), ws[:at]...), with...)
	return append(out, ws[at+n:]...)
}

// wordsMatch reports whether every word starts a word of a Latin form, in any order.
func wordsMatch(f *form, words []string) bool {
	if f.starts == nil || len(words) < 2 {
		return false // one word is a prefix or substring match already tried
	}
	for _, w := range words {
		found := false
		for _, s := range f.starts {
			if strings.HasPrefix(f.key[s:], w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// nearMatch reports whether a Chinese form and query, both long, are one character apart: one
// changed, added or left out.
func nearMatch(key, q string) bool {
	a, b := []rune(key), []rune(q)
	if len(a) < minNearRunes || len(b) < minNearRunes || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	j, k := len(a), len(b)
	for j > i && k > i && a[j-1] == b[k-1] {
		j--
		k--
	}
	return j-i <= 1 && k-i <= 1
}

// nearCandidates returns the forms that share at least all but two of q's bigrams (one changed
// character spoils at most two), without scanning every form.
func (ni *nameIndex) nearCandidates(q string) []int32 {
	// Only Chinese: a Latin query has its words matched instead, and pinyin bigrams are common
	// enough that counting them would touch most forms.
	if utf8.RuneCountInString(q) < minNearRunes || !cjk.HasHan(q) {
		return nil
	}
	gs := grams(q)
	count := map[int32]int{}
	for _, g := range gs {
		for _, id := range ni.grams[g] {
			count[id]++
		}
	}
	var out []int32
	for id, n := range count {
		if n >= len(gs)-2 {
			out = append(out, id)
		}
	}
	return out
}
