package loader

import (
	"strings"

	"github.com/plangraph/plangraph/graph/cjk"
)

// checkAliasesEn checks the other English names of s: each is English (a Chinese spelling is an
// alias, which is checked against the plan text), said once, and beside an English name: lists,
// tables and the explorer show en, so an entity with only English aliases would show none.
func (v *validator) checkAliasesEn(s *EntitySpec) {
	if len(s.AliasesEn) > 0 && strings.TrimSpace(s.En) == "" {
		v.probs.add(s.Pos, "%s: aliasesEn without en: give the English name first", s.ID)
	}
	seen := map[string]bool{foldEn(s.En): true}
	for _, a := range s.AliasesEn {
		switch {
		case strings.TrimSpace(a) == "":
			v.probs.add(s.Pos, "%s: empty English alias", s.ID)
		case cjk.HasHan(a):
			v.probs.add(s.Pos, "%s: English alias %q holds Chinese characters: a spelling the plan uses belongs in aliases", s.ID, a)
		case seen[foldEn(a)]:
			v.probs.add(s.Pos, "%s: English alias %q repeats an English name", s.ID, a)
		}
		seen[foldEn(a)] = true
	}
}

// foldEn makes English names that differ only in case or spacing equal.
func foldEn(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
