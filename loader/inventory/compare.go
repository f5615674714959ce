package inventory

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/plangraph/plangraph/graph/cjk"
	"github.com/plangraph/plangraph/loader"
)

// Report is what Compare found: how much of the inventory the dataset holds, and what it lacks.
type Report struct {
	Entities     int `json:"entities"`
	EntitiesHeld int `json:"entitiesHeld"`
	Links        int `json:"links"`
	LinksHeld    int `json:"linksHeld"`
	// SameRelation counts the held links whose dataset link has the relation the reader chose.
	SameRelation int    `json:"sameRelation"`
	Missing      []Miss `json:"missing"`
}

// Miss is an inventory entry the dataset lacks, at the inventory's file:line.
type Miss struct {
	Pos    loader.Pos `json:"-"`
	File   string     `json:"file"`
	Line   int        `json:"line"`
	Kind   string     `json:"kind"` // entity or link
	Entry  string     `json:"entry"`
	Reason string     `json:"reason"`
}

func (m Miss) String() string {
	return fmt.Sprintf("%s: missing %s %s: %s", m.Pos, m.Kind, m.Entry, m.Reason)
}

// EntityPct is the share of the inventory's entities the dataset holds, in percent.
func (r *Report) EntityPct() float64 { return pct(r.EntitiesHeld, r.Entities) }

// LinkPct is the share of the inventory's links the dataset holds, in percent.
func (r *Report) LinkPct() float64 { return pct(r.LinksHeld, r.Links) }

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

// Add adds other's counts and misses to r, for a total over several inventories.
func (r *Report) Add(other *Report) {
	r.Entities += other.Entities
	r.EntitiesHeld += other.EntitiesHeld
	r.Links += other.Links
	r.LinksHeld += other.LinksHeld
	r.SameRelation += other.SameRelation
	r.Missing = append(r.Missing, other.Missing...)
}

// WriteSummary writes one line: what share of the inventory's entities and links the dataset
// holds.
func (r *Report) WriteSummary(w io.Writer, name string) error {
	_, err := fmt.Fprintf(w, "%s: entities %d of %d held (%.1f%%); links %d of %d held (%.1f%%), %d of them by the same relation\n",
		name, r.EntitiesHeld, r.Entities, r.EntityPct(), r.LinksHeld, r.Links, r.LinkPct(), r.SameRelation)
	return err
}

// index finds dataset entities by folded name, alias, headword or elided part, and the pairs of
// entities a link joins.
type index struct {
	byName map[string][]*loader.Entity
	linked map[[2]*loader.Entity][]string // both orders; the relations that join them
}

func newIndex(res *loader.Result) *index {
	ix := &index{byName: map[string][]*loader.Entity{}, linked: map[[2]*loader.Entity][]string{}}
	for _, e := range res.Entities {
		names := append([]string{e.Name}, e.Aliases...)
		if e.Headword != "" {
			names = append(names, e.Headword)
		}
		// The part an enumeration writes (11號線 of 佛山地鐵5號線、6號線、11號線) is how the
		// plan spells the entity there, and so how a reader may list it.
		for _, el := range e.Elided {
			names = append(names, el.As)
		}
		for _, n := range names {
			k := cjk.Fold(n)
			if k != "" && !slices.Contains(ix.byName[k], e) {
				ix.byName[k] = append(ix.byName[k], e)
			}
		}
	}
	for _, l := range res.Links {
		for _, k := range [][2]*loader.Entity{{l.From, l.To}, {l.To, l.From}} {
			ix.linked[k] = append(ix.linked[k], l.Relation.Name)
		}
	}
	return ix
}

// find returns the dataset entities any of the spellings names.
func (ix *index) find(spellings []string) []*loader.Entity {
	var out []*loader.Entity
	for _, s := range spellings {
		for _, e := range ix.byName[cjk.Fold(s)] {
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// Compare reports which of the inventory's entities and links the loaded dataset holds.
func Compare(res *loader.Result, inv *Inventory) *Report {
	ix := newIndex(res)
	r := &Report{Entities: len(inv.Entities), Links: len(inv.Links)}
	for _, e := range inv.Entities {
		if len(ix.find(e.Names)) > 0 {
			r.EntitiesHeld++
			continue
		}
		r.miss(e.Pos, "entity", strings.Join(e.Names, " / "), "no entity has this name or alias")
	}
	for _, l := range inv.Links {
		entry := strings.Join(l.From, " / ") + " — " + l.Relation + " — " + strings.Join(l.To, " / ")
		from, to := ix.find(l.From), ix.find(l.To)
		var absent []string
		if len(from) == 0 {
			absent = append(absent, l.From[0])
		}
		if len(to) == 0 {
			absent = append(absent, l.To[0])
		}
		if len(absent) > 0 {
			r.miss(l.Pos, "link", entry, "not an entity: "+strings.Join(absent, ", "))
			continue
		}
		held, same := false, false
		for _, a := range from {
			for _, b := range to {
				for _, rel := range ix.linked[[2]*loader.Entity{a, b}] {
					held = true
					same = same || rel == l.Relation
				}
			}
		}
		switch {
		case held:
			r.LinksHeld++
			if same {
				r.SameRelation++
			}
		default:
			r.miss(l.Pos, "link", entry, "both ends are entities, and no link joins them")
		}
	}
	return r
}

func (r *Report) miss(pos loader.Pos, kind, entry, reason string) {
	r.Missing = append(r.Missing, Miss{Pos: pos, File: pos.File, Line: pos.Line, Kind: kind, Entry: entry, Reason: reason})
}

// Lost returns the entries of the inventory that base held and now misses: what a change to
// the dataset gave up, each at its inventory line. Both reports must come from the same
// inventory.
func Lost(base, now *Report) []Miss {
	type entry struct {
		pos         loader.Pos
		kind, entry string
	}
	missed := map[entry]bool{}
	for _, m := range base.Missing {
		missed[entry{m.Pos, m.Kind, m.Entry}] = true
	}
	var out []Miss
	for _, m := range now.Missing {
		if !missed[entry{m.Pos, m.Kind, m.Entry}] {
			out = append(out, m)
		}
	}
	return out
}
