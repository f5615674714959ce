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
		links    []*loader.Link
		from, to map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for _, l := range c.res.Links {
		k := l.Relation.Name + "\x00" + strings.Join(l.AllQuotes(), "\x00")
		g := groups[k]
		if g == nil {
			g = &group{from: map[string]bool{}, to: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		g.links = append(g.links, l)
		g.from[l.From.ID], g.to[l.To.ID] = true, true
	}
	for _, k := range order {
		g := groups[k]
		nf, nt := len(g.from), len(g.to)
		if nf < 2 || nt < 2 || len(pairs(g.links)) != nf*nt {
			continue
		}
		first := g.links[0]
		c.add(first.Pos, RuleCrossProduct, Warning, first.Ack,
			"%s and %d more: %d × %d ends joined pair by pair by one quote: two lists joined by one verb give the second list to the first as a group, not to each member (link the group, or ack why each pair is stated)",
			linkName(first), len(g.links)-1, nf, nt)
	}
}

// pairs returns the distinct (from, to) pairs of links.
func pairs(links []*loader.Link) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, l := range links {
		out[[2]string{l.From.ID, l.To.ID}] = true
	}
	return out
}
