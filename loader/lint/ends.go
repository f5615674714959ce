package lint

import (
	"slices"
	"strings"
)

// checkEnds runs relation-ends: a link whose ends are not of the types its relation expects
// (graph.Relation.FromTypes and ToTypes, data/GUIDE.md §2). Blind reviewers mark these as the
// wrong relation — SERVES pointing at a Policy, FOCUSES_ON ending at something that is not an
// industry — so lint asks for a better relation or an ack that says why this one fits.
func (c *checker) checkEnds() {
	for _, l := range c.res.Links {
		r := l.Relation
		if len(r.FromTypes) > 0 && !slices.Contains(r.FromTypes, l.From.Type) {
			c.add(l.Pos, RuleRelationEnds, Warning, l.Ack, "%s: %s links start from a %s; %s is a %s",
				linkName(l), r.Name, orList(r.FromTypes), l.From.Name, l.From.Type)
		}
		if len(r.ToTypes) > 0 && !slices.Contains(r.ToTypes, l.To.Type) {
			c.add(l.Pos, RuleRelationEnds, Warning, l.Ack, "%s: %s links end at a %s; %s is a %s",
				linkName(l), r.Name, orList(r.ToTypes), l.To.Name, l.To.Type)
		}
	}
}

// orList joins names as "A, B or C".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
