package lint

import (
	"strings"
	"sync"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
	"github.com/plangraph/plangraph/loader"
)

// fold is the comparison key of a name or a piece of text: the search package's key (Simplified
// characters, lower-case ASCII, half-width, no spaces, punctuation or quotation marks), so that
// lint agrees with search on which spellings are "the same name".
func fold(s string) string { return foldCache.get(s) }

// foldCache memoises fold: the same headings and names are folded for many links, and OpenCC
// conversion is the slowest step of a check.
var foldCache = &memo{m: map[string]string{}}

type memo struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *memo) get(s string) string {
	c.mu.Lock()
	v, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = foldSeams(s)
	c.mu.Lock()
	c.m[s] = v
	c.mu.Unlock()
	return v
}

// seams are the marks that end a name in running text. Folding drops punctuation, so without
// them 智慧醫療、健康金融 would hold the name 醫療健康; a name is found across a seam only
// where it holds that mark itself (食在廣州、味在西關).
const seams = "、，,；;。：:！!？?\n"

// foldSeams folds the text between seams on its own and joins the pieces with "|", a mark no
// folded text holds.
func foldSeams(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seams, r) })
	out := parts[:0]
	for _, p := range parts {
		if k := cjk.Fold(p); k != "" {
			out = append(out, k)
		}
	}
	return strings.Join(out, "|")
}

// nameForms returns every spelling that names e: its name, its aliases and, for a glossary
// entry, its headword.
func nameForms(e *loader.Entity) []string {
	forms := append([]string{e.Name}, e.Aliases...)
	if isGlossary(e) && e.Headword != "" {
		forms = append(forms, e.Headword)
	}
	return forms
}

// isGlossary reports whether e is a glossary entry: its name is the glossary's, not a
// curator's choice.
func isGlossary(e *loader.Entity) bool {
	t, ok := graph.TypeByName(e.Type)
	return ok && t.Glossary
}

// foldedNames returns the folded forms of what names e in a quote, each once: nameForms(e), and
// the enumerations that elide it (佛山地鐵5號線、6號線、11號線 names 佛山地鐵11號線, which it writes
// as 11號線).
func foldedNames(e *loader.Entity) []string {
	var out []string
	seen := map[string]bool{}
	forms := nameForms(e)
	for _, el := range e.Elided {
		forms = append(forms, el.In)
	}
	for _, n := range forms {
		if k := fold(n); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// names reports whether any of the texts names e (contains one of its folded names). Each
// text is folded on its own so that a name is not found across the seam of two texts.
func (c *checker) names(e *loader.Entity, texts ...string) bool {
	for _, t := range texts {
		if c.namesFolded(e, fold(t)) {
			return true
		}
	}
	return false
}

// namesFolded reports whether folded text k contains one of e's folded names.
func (c *checker) namesFolded(e *loader.Entity, k string) bool {
	for _, n := range c.namesOf[e] {
		if strings.Contains(k, n) {
			return true
		}
	}
	return false
}
