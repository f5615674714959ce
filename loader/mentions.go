package loader

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"
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
//
// An entity's elided part (11號線 in 佛山地鐵5號線、6號線、11號線, EntitySpec.Elided) is claimed
// before the scan: it is that entity's mention, and no name found by the scan may cover it.
//
// A name inside a longer one is a mention too when the dataset links the two entities: the
// link says the plan states what the nesting means (廣州市藥品檢驗所 in the name of its
// 廣州市藥品檢驗所中成藥質量評價重點實驗室, 茶葉 in 芳村茶葉市場), so the inner entity is named in
// that paragraph. Unlinked, the nesting is a coincidence of characters (荔灣 in 荔灣區圖書館) and
// is not counted.
type mentionFinder struct {
	byFirst map[rune][]pattern         // sorted longest first
	elided  map[rune][]elision         // by the first character of the enumeration
	linked  map[string]map[string]bool // entity id → the ids it has a link with, either way
}

// elision is an entity's part of an enumeration, as rune offsets into the enumeration.
type elision struct {
	in         []rune
	start, end int
	entity     string
}

type pattern struct {
	runes  []rune
	entity string
}

func newMentionFinder(names map[string]string, elided []elision, linked map[string]map[string]bool) *mentionFinder {
	f := &mentionFinder{byFirst: map[rune][]pattern{}, elided: map[rune][]elision{}, linked: linked}
	for _, el := range elided {
		f.elided[el.in[0]] = append(f.elided[el.in[0]], el)
	}
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

// findMentions returns the mentions of every entity's name and aliases in doc, in text order
// (a name nested in a linked entity's name right after the outer one). It keeps at most
// maxMentionsPerEntity mentions of each entity: a one-character name once stored 1.3 M of them
// (2 GB). over holds, for each entity that had more, how many it had.
func findMentions(ctx context.Context, doc *Document, entities []*Entity, links []*Link, plain []string) (out []Mention, over map[string]int) {
	names := map[string]string{}
	for _, w := range plain {
		names[w] = "" // a word, not a name: the scan steps over it (PlanMeta.PlainWords)
	}
	var elided []elision
	for _, e := range entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n != "" {
				names[n] = e.ID
			}
		}
		for _, el := range e.Elided {
			in, i := []rune(el.In), strings.Index(el.In, el.As)
			if len(in) == 0 || el.As == "" || i < 0 {
				continue // reported by the validator
			}
			start := utf8.RuneCountInString(el.In[:i])
			elided = append(elided, elision{in, start, start + utf8.RuneCountInString(el.As), e.ID})
		}
	}
	linked := map[string]map[string]bool{}
	for _, l := range links {
		if l.From == nil || l.To == nil || l.From.ID == l.To.ID {
			continue
		}
		for _, p := range [][2]string{{l.From.ID, l.To.ID}, {l.To.ID, l.From.ID}} {
			if linked[p[0]] == nil {
				linked[p[0]] = map[string]bool{}
			}
			linked[p[0]][p[1]] = true
		}
	}
	f := newMentionFinder(names, elided, linked)
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
	claims := f.claims(text)
	add := func(entity string, start, end int) {
		if count[entity]++; count[entity] <= maxMentionsPerEntity {
			out = append(out, Mention{Entity: entity, Paragraph: p, Start: start, End: end, Text: string(text[start:end])})
		}
	}
	for i := 0; i < len(text); {
		if c, ok := claims[i]; ok {
			add(c.entity, i, c.end)
			i = c.end
			continue
		}
		pat, ok := f.longestAt(text, i, len(text), func(pat pattern) bool {
			return !claimedWithin(claims, i, i+len(pat.runes))
		})
		if !ok {
			i++
			continue
		}
		if pat.entity != "" {
			add(pat.entity, i, i+len(pat.runes))
			f.nested(text, i, i+len(pat.runes), pat.entity, add)
		}
		i += len(pat.runes)
	}
	return out
}

// nested adds, leftmost-longest, the names inside text[start:end] (outer's mention) of the
// entities outer is linked with.
func (f *mentionFinder) nested(text []rune, start, end int, outer string, add func(entity string, start, end int)) {
	near := f.linked[outer]
	if len(near) == 0 {
		return
	}
	for i := start; i < end; {
		pat, ok := f.longestAt(text, i, end, func(pat pattern) bool { return near[pat.entity] })
		if !ok {
			i++
			continue
		}
		add(pat.entity, i, i+len(pat.runes))
		i += len(pat.runes)
	}
}

// longestAt returns the longest name written at text[i] that ends by end and that accept takes.
func (f *mentionFinder) longestAt(text []rune, i, end int, accept func(pattern) bool) (pattern, bool) {
	for _, pat := range f.byFirst[text[i]] { // longest first
		if i+len(pat.runes) <= end && hasRunePrefix(text[i:], pat.runes) && accept(pat) {
			return pat, true
		}
	}
	return pattern{}, false
}

// claim is an elided part found in a paragraph: it ends at end and is entity's.
type claim struct {
	end    int
	entity string
}

// claims returns the elided parts in text by where they start; nil when there are none, as in
// nearly every paragraph.
func (f *mentionFinder) claims(text []rune) map[int]claim {
	if len(f.elided) == 0 {
		return nil
	}
	var out map[int]claim
	for i, r := range text {
		for _, el := range f.elided[r] {
			if hasRunePrefix(text[i:], el.in) {
				if out == nil {
					out = map[int]claim{}
				}
				out[i+el.start] = claim{i + el.end, el.entity}
			}
		}
	}
	return out
}

// claimedWithin reports whether an elided part starts in [start, end), so that a name found
// there would cover it.
func claimedWithin(claims map[int]claim, start, end int) bool {
	for i := start; i < end && claims != nil; i++ {
		if _, ok := claims[i]; ok {
			return true
		}
	}
	return false
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
