package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/loader"
)

// checkEntities runs the rules about entities: duplicate, alias-inside, orphan, type-by-suffix,
// not-a-name, and ambiguous-quote for a target's quote.
func (c *checker) checkEntities() {
	c.duplicates()
	c.orphans()
	c.typeBySuffix()
	for _, e := range c.res.Entities {
		if why := notAName(e); why != "" {
			c.add(e.Pos, RuleNotAName, Warning, e.Ack, "%s: name %q has no mark of a proper name and %s", e.ID, e.Name, why)
		}
		if e.Evidence != nil {
			c.ambiguous(e.Pos, e.ID, e.Ack, *e.Evidence) // a target's quote
		}
	}
}

// duplicates reports two entities with a name or alias that fold to the same key (error), and
// likely splits of one thing into two (alias-inside, warning).
func (c *checker) duplicates() {
	type owner struct {
		e    *loader.Entity
		form string
	}
	byKey := map[string]owner{}
	dup := map[[2]*loader.Entity]bool{}
	for _, e := range c.res.Entities {
		for _, f := range nameForms(e) {
			k := fold(f)
			if k == "" {
				continue
			}
			prev, ok := byKey[k]
			if !ok {
				byKey[k] = owner{e, f}
				continue
			}
			if prev.e == e || dup[[2]*loader.Entity{prev.e, e}] {
				continue
			}
			dup[[2]*loader.Entity{prev.e, e}] = true
			c.add(e.Pos, RuleDuplicate, Error, "", "%s: %q is the same name as %q of %s (%s) after folding: a name identifies one entity",
				e.ID, f, prev.form, prev.e.ID, prev.e.Pos)
		}
	}
	c.splits(dup)
}

// splitSuffixes are the generic words a name may add to another's without naming a different
// thing: 白鵝潭聚龍灣 and 白鵝潭聚龍灣片區 are likely one place declared twice.
var splitSuffixes = []string{"區", "片區", "組團", "項目", "工程", "島"}

// minSplitBase is the shortest name taken as the base of a split: shorter names (荔灣, 沙面)
// are too often the place a longer, different thing is named after.
const minSplitBase = 4

// splits reports alias-inside: an entity's name that is another's alias (when the two were not
// already reported as duplicates, which they then are), or a name that is another of the same
// type plus only a generic suffix.
func (c *checker) splits(dup map[[2]*loader.Entity]bool) {
	aliasOf := map[string]*loader.Entity{}
	byName := map[string][]*loader.Entity{}
	for _, e := range c.res.Entities {
		for _, a := range e.Aliases {
			if k := fold(a); k != "" && aliasOf[k] == nil {
				aliasOf[k] = e
			}
		}
		byName[e.Type+"\x00"+fold(e.Name)] = append(byName[e.Type+"\x00"+fold(e.Name)], e)
	}
	reported := func(a, b *loader.Entity) bool { return dup[[2]*loader.Entity{a, b}] || dup[[2]*loader.Entity{b, a}] }
	for _, e := range c.res.Entities {
		k := fold(e.Name)
		if o := aliasOf[k]; o != nil && o != e && !reported(e, o) {
			c.add(e.Pos, RuleAliasInside, Warning, e.Ack, "%s: name %q is an alias of %s (%s)", e.ID, e.Name, o.ID, o.Pos)
		}
		for _, suf := range splitSuffixes {
			fs := fold(suf)
			base := strings.TrimSuffix(k, fs)
			if base == k || utf8.RuneCountInString(base) < minSplitBase {
				continue
			}
			for _, o := range byName[e.Type+"\x00"+base] {
				if o != e && !reported(e, o) {
					c.add(e.Pos, RuleAliasInside, Warning, e.Ack, "%s: name %q is %s's %q plus only %q: one %s declared twice? (make one an alias, or link them)",
						e.ID, e.Name, o.ID, o.Name, suf, e.Type)
				}
			}
		}
	}
}

// orphans reports entities that nothing joins to the rest of the graph: no link starts or ends
// at them and the plan never names them on their own (each occurrence of their names lies
// inside a longer name, which the mention finder gives to the longer entity). An entity the
// plan names but relates to nothing is not an orphan: its mentions place it in its paragraphs,
// sections and chapters, and a link invented to keep it would state what the plan does not
// (GUIDE §4). Those are counted in the summary as unlinked.
func (c *checker) orphans() {
	linked := map[*loader.Entity]bool{}
	for _, l := range c.res.Links {
		linked[l.From], linked[l.To] = true, true
	}
	mentioned := map[string]bool{}
	for _, m := range c.res.Mentions {
		mentioned[m.Entity] = true
	}
	for _, e := range c.res.Entities {
		switch {
		case linked[e]:
		case mentioned[e.ID]:
			c.unlinked++
		default:
			c.add(e.Pos, RuleOrphan, Error, "", "%s (%s %q) has no link, and the plan names it only inside longer names: link it as the plan states, or remove it", e.ID, e.Type, e.Name)
		}
	}
}
