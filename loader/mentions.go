package loader

import (
	"context"
	"sort"
)

// Mention is an occurrence of an entity's name or alias in a paragraph.
type Mention struct {
	Entity    string // entity id
	Paragraph *Paragraph
	Start     int // characters
	End       int
	Text      string
}

// mentionFinder finds names in text, leftmost-longest: at each position the longest name that
// starts there wins and the scan resumes after it, so "白鵝潭聚龍組團" is a mention of that 組團
// and not also of 白鵝潭商務區 (alias 白鵝潭).
type mentionFinder struct {
	byFirst map[rune][]pattern // sorted longest first
}

type pattern struct {
	runes  []rune
	entity string
}

func newMentionFinder(names map[string]string) *mentionFinder {
	f := &mentionFinder{byFirst: map[rune][]pattern{}}
	for name, id := range names {
		r := []rune(name)
		if len(r) == 0 {
			continue
		}
		f.byFirst[r[0]] = append(f.byFirst[r[0]], pattern{r, id})
	}
	for _, ps := range f.byFirst {
		sort.Slice(ps, func(i, j int) bool {
			if len(ps[i].runes) != len(ps[j].runes) {
				return len(ps[i].runes) > len(ps[j].runes)
			}
			return string(ps[i].runes) < string(ps[j].runes)
		})
	}
	return f
}

// findMentions returns the mentions of every entity's name and aliases in doc, in text order.
// It keeps at most maxMentionsPerEntity mentions of each entity: a one-character name once
// stored 1.3 M of them (2 GB). over holds, for each entity that had more, how many it had.
func findMentions(ctx context.Context, doc *Document, entities []*Entity) (out []Mention, over map[string]int) {
	names := map[string]string{}
	for _, e := range entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n != "" {
				names[n] = e.ID
			}
		}
	}
	f := newMentionFinder(names)
	count := map[string]int{}
	for _, p := range doc.Paragraphs {
		if ctx.Err() != nil {
			return nil, nil // the caller reports the context's error
		}
		out = f.find(p, count, out)
	}
	for id, n := range count {
		if n > maxMentionsPerEntity {
			if over == nil {
				over = map[string]int{}
			}
			over[id] = n
		}
	}
	return out, over
}

// find appends the mentions in p to out, counting every mention of each entity in count but
// appending only the first maxMentionsPerEntity of each.
func (f *mentionFinder) find(p *Paragraph, count map[string]int, out []Mention) []Mention {
	text := p.runes
	for i := 0; i < len(text); {
		matched := 0
		for _, pat := range f.byFirst[text[i]] {
			if hasRunePrefix(text[i:], pat.runes) {
				if count[pat.entity]++; count[pat.entity] <= maxMentionsPerEntity {
					out = append(out, Mention{Entity: pat.entity, Paragraph: p, Start: i, End: i + len(pat.runes), Text: string(pat.runes)})
				}
				matched = len(pat.runes)
				break
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	return out
}

func hasRunePrefix(s, prefix []rune) bool {
	if len(prefix) > len(s) {
		return false
	}
	for i, r := range prefix {
		if s[i] != r {
			return false
		}
	}
	return true
}
