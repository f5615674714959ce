// Package inventory measures how much of an independent reading of a plan a dataset holds. An
// inventory is what a reader who never saw the dataset lists from the plan text alone: the
// entities the plan names and the links it states (the format of data/GUIDE.md §5). Parse reads
// one; Compare reports which of its entities and links the dataset has, and which it lacks, each
// at the inventory's file:line, so that a curator can read the misses against the plan.
//
// Matching is by name, not meaning: an inventory entity is found when one of its spellings,
// folded as search folds them (Simplified characters, no punctuation or spaces), is the name or
// an alias of a dataset entity; an inventory link is found when the dataset links an entity of
// its one end to an entity of the other, in either direction and by any relation (readers
// choose relations differently; the question is whether the plan's statement is in the graph).
package inventory

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

// Inventory is one reader's list of what a plan names and states.
type Inventory struct {
	Entities []Entity
	Links    []Link
}

// Entity is a thing the reader found named, with every spelling they saw.
type Entity struct {
	Pos   loader.Pos
	Names []string
	Type  string // as the reader wrote it; informative only
}

// Link is a relation the reader found stated.
type Link struct {
	Pos      loader.Pos
	From, To []string // spellings of each end
	Relation string   // one of graph.Relations
	Clause   string   // the words the reader quoted, if any
}

// ParseError lists every line of an inventory that does not follow the format, each at its
// file:line.
type ParseError []loader.Problem

func (e ParseError) Error() string { return loader.Problems(e).ErrorIn("the inventory") }

// maxLine bounds one line of an inventory: a reader's line is a name or a clause, and a longer
// one is not an inventory.
const maxLine = 64 << 10

// sep separates the parts of an entry: name — type, from — relation — to.
const sep = " — "

// Parse reads an inventory. Lines outside its "## Entities" and "## Links" sections, and lines
// in them that are not list items ("- …"), are prose and skipped; a list item that does not
// follow the format is a problem at its line, and every problem is reported, not the first.
func Parse(file string, r io.Reader) (*Inventory, error) {
	inv := &Inventory{}
	var probs ParseError
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	section := ""
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		pos := loader.Pos{File: file, Line: n}
		if strings.HasPrefix(line, "#") {
			section = sectionOf(line)
			continue
		}
		item, ok := strings.CutPrefix(line, "- ")
		if !ok || section == "" {
			continue
		}
		var err error
		switch section {
		case "entities":
			var e Entity
			if e, err = parseEntity(item); err == nil {
				e.Pos = pos
				inv.Entities = append(inv.Entities, e)
			}
		case "links":
			var l Link
			if l, err = parseLink(item); err == nil {
				l.Pos = pos
				inv.Links = append(inv.Links, l)
			}
		}
		if err != nil {
			probs = append(probs, loader.Problem{Pos: pos, Msg: err.Error()})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", loader.Pos{File: file, Line: n + 1}, err)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return inv, nil
}

// sectionOf names the section a "## …" heading opens: entities, links, or "" for any other.
func sectionOf(heading string) string {
	h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(heading, "#")))
	switch {
	case strings.HasPrefix(h, "entities"):
		return "entities"
	case strings.HasPrefix(h, "links"):
		return "links"
	}
	return ""
}

// parseEntity reads "白鵝潭商務區 / 白鵝潭 — Zone (118, 120)".
func parseEntity(item string) (Entity, error) {
	// A leading space lets an item with no name ("- — Zone") split like one with a name.
	names, typ, found := strings.Cut(" "+item, sep)
	if !found {
		names = stripLines(names) // "總部經濟 (120)": a name and its lines, no type
	}
	e := Entity{Names: spellings(names), Type: strings.TrimSpace(stripLines(typ))}
	if len(e.Names) == 0 {
		return e, fmt.Errorf("an entity needs a name before %q", strings.TrimSpace(sep))
	}
	return e, nil
}

// parseLink reads `白鵝潭商務區 — SERVES — 廣州西翼中央商務區: "以白鵝潭商務區為核心…" (120)`; the
// clause may also follow a third " — ".
func parseLink(item string) (Link, error) {
	parts := strings.SplitN(" "+item, sep, 4)
	if len(parts) < 3 {
		return Link{}, fmt.Errorf("a link is written from — RELATION — to: \"clause\" (line); this has %d part(s)", len(parts))
	}
	rel := strings.TrimSpace(parts[1])
	if _, ok := graph.RelationByName(rel); !ok {
		return Link{}, fmt.Errorf("unknown relation %q (one of %s)", rel, strings.Join(graph.RelationNames(), ", "))
	}
	to, clause := parts[2], ""
	if len(parts) == 4 {
		clause = parts[3]
	} else if i := clauseStart(to); i >= 0 {
		to, clause = to[:i], to[i+1:]
	}
	l := Link{From: spellings(parts[0]), To: spellings(stripLines(to)), Relation: rel, Clause: unquote(stripLines(clause))}
	if len(l.From) == 0 || len(l.To) == 0 {
		return l, fmt.Errorf("a link needs both ends")
	}
	return l, nil
}

// clauseStart is the index of the colon that ends a link's far end and opens its clause
// ("廣州西翼中央商務區: \"…\""), or -1. A colon inside the name itself (a glossary headword
// such as “1+1+4”工作舉措:) is not followed by a space and a quotation mark.
func clauseStart(s string) int {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		rest := strings.TrimLeft(s[i+1:], " ")
		if rest == "" || strings.HasPrefix(rest, "\"") || strings.HasPrefix(rest, "“") || strings.HasPrefix(rest, "「") {
			return i
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return -1
}

// spellings splits "白鵝潭商務區 / 白鵝潭" into its spellings.
func spellings(s string) []string {
	var out []string
	for _, p := range strings.Split(s, " / ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripLines drops a trailing "(118, 120)", the plan lines a reader cites.
func stripLines(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i >= 0 && isLineList(s[i+2:len(s)-1]) {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

func isLineList(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ',' || r == ' ' || r == '-' || r == '–') {
			return false
		}
	}
	return true
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{"\"", "\""}, {"“", "”"}, {"「", "」"}} {
		if strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) && len(s) >= len(q[0])+len(q[1]) {
			return s[len(q[0]) : len(s)-len(q[1])]
		}
	}
	return s
}
