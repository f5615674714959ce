package loader

import (
	"strings"
	"unicode/utf8"
)

// checkPlainWords checks PlanMeta.PlainWords against the text and the entities' names: each
// word occurs in the plan, holds some entity's name (else it changes nothing), and is not a
// name itself (it would hide that entity's every mention).
func (v *validator) checkPlainWords(names map[string]*Entity) {
	for _, w := range v.ds.Meta.PlainWords {
		switch {
		case strings.TrimSpace(w) == "":
			v.probs.add(v.ds.Meta.Pos, "plainWords: an empty word")
		case names[w] != nil:
			v.probs.add(v.ds.Meta.Pos, "plainWords: %q is a name of %q (%s): a plain word must not be a name", w, names[w].ID, names[w].Pos)
		case !v.inText(w):
			v.probs.add(v.ds.Meta.Pos, "plainWords: %q does not occur in the plan text", w)
		case !holdsName(w, names):
			v.probs.add(v.ds.Meta.Pos, "plainWords: %q holds no entity's name, so it changes no mention: remove it", w)
		}
	}
}

// holdsName reports whether a name of some entity is written inside w.
func holdsName(w string, names map[string]*Entity) bool {
	for i := range w {
		for j := len(w); j > i; {
			if names[w[i:j]] != nil {
				return true
			}
			_, size := utf8.DecodeLastRuneInString(w[i:j])
			j -= size
		}
	}
	return false
}
