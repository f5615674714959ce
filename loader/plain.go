package loader

import "strings"

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

// holdsName reports whether a name of some entity is written inside w. It looks for each name
// in w, linear in both, where trying every substring of w would be quadratic in a word an
// uploaded plan.yaml makes as long as it likes.
func holdsName(w string, names map[string]*Entity) bool {
	for n := range names {
		if strings.Contains(w, n) {
			return true
		}
	}
	return false
}
