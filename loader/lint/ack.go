package lint

import "github.com/plangraph/plangraph/loader"

// staleAcks reports an ack that acknowledges no finding. The warning it answered is gone (the
// quote was extended, the name fixed), and a reason left behind would silence the next,
// different warning on the same link or entity without anyone reading it.
func (c *checker) staleAcks() {
	used := map[loader.Pos]bool{}
	for _, f := range c.findings {
		if f.Acknowledged() {
			used[f.Pos] = true
		}
	}
	for _, l := range c.res.Links {
		if l.Ack != "" && !used[l.Pos] {
			c.add(l.Pos, RuleStaleAck, Warning, "", "%s: ack %q acknowledges no finding: remove it", linkName(l), l.Ack)
		}
	}
	for _, e := range c.res.Entities {
		if e.Ack != "" && !used[e.Pos] {
			c.add(e.Pos, RuleStaleAck, Warning, "", "%s: ack %q acknowledges no finding: remove it", e.ID, e.Ack)
		}
	}
}
