package lint

import (
	"strings"

	"github.com/plangraph/plangraph/loader"
)

// crossProducts runs cross-product: links of one relation that share their quotes and join
// every one of two or more sources to every one of two or more targets. That is how a sentence
// joining two lists with one verb (加快推進A、B…等項目的提升工程,積極導入C、D…等產業) reads when
// it is taken pair by pair; the sentence gives C and D to A and B as a group, and both blind
// reviewers of r59 rejected all 28 such pairs (GUIDE §1). One finding per group, at its first
// link, whose ack acknowledges it.
func (c *checker) crossProducts() {
	type group struct {
		first *loader.Link
		pairs map[[2]string]bool // (from, to)
	}
	groups := map[string]*group{}
	var order []string
	for _, l := range c.res.Links {
		k := l.Relation.Name + "\x00" + strings.Join(l.AllQuotes(), "\x00")
		g := groups[k]
		if g == nil {
			g = &group{first: l, pairs: map[[2]string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		g.pairs[[2]string{l.From.ID, l.To.ID}] = true
	}
	for _, k := range order {
		g := groups[k]
		from, to := map[string]bool{}, map[string]bool{}
		for p := range g.pairs {
			from[p[0]], to[p[1]] = true, true
		}
		if len(from) < 2 || len(to) < 2 || len(g.pairs) != len(from)*len(to) {
			continue
		}
		c.add(g.first.Pos, RuleCrossProduct, Warning, g.first.Ack,
			"%s and %d more: %d × %d ends joined pair by pair by one quote: two lists joined by one verb give the second list to the first as a group, not to each member (link the group, or ack why each pair is stated)",
			linkName(g.first), len(g.pairs)-1, len(from), len(to))
	}
}
