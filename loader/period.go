package loader

import (
	"maps"
	"slices"
	"strings"

	"github.com/plangraph/plangraph/graph"
)

// periodDefault is the key of the periods rule that places every paragraph no other rule does.
const periodDefault = "default"

// placePeriods gives every paragraph its period from the dataset's rules: the rule of the
// longest id prefix (ch1/s1 covers ch1/s1/i2/p3), else the default rule, else
// graph.DefaultPeriod. Rules naming no part of the text or no period are problems.
func (v *validator) placePeriods() {
	rules := v.ds.Meta.Periods
	known := map[string]bool{}
	for _, p := range v.doc.Paragraphs {
		for id := p.ID; id != ""; id = parentID(id) {
			known[id] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(rules)) {
		if !graph.IsPeriod(rules[key]) {
			v.probs.add(v.ds.Meta.Pos, "periods: %s: unknown period %q (want one of %s)", key, rules[key], strings.Join(graph.Names(graph.Periods), ", "))
		}
		if key != periodDefault && !known[key] {
			v.probs.add(v.ds.Meta.Pos, "periods: %q is not a part, section, item or paragraph of the text", key)
		}
	}
	def := graph.DefaultPeriod
	if p, ok := rules[periodDefault]; ok {
		def = p
	}
	for _, p := range v.doc.Paragraphs {
		p.Period = def
		for id := p.ID; id != ""; id = parentID(id) {
			if r, ok := rules[id]; ok {
				p.Period = r
				break
			}
		}
	}
}

// parentID returns the id of what contains id (ch3/s2/i1/p1 → ch3/s2/i1), "" at the top.
func parentID(id string) string {
	i := strings.LastIndexByte(id, '/')
	if i < 0 {
		return ""
	}
	return id[:i]
}
