package graph

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/graph/cjk"
)

// Field names the form of an entity's name a search matched.
type Field string

// The forms of a name search looks in. Fold makes Traditional and Simplified one key, so a match
// on the Chinese name is reported as NAME when the query is written as the plan writes it and as
// NAME_SIMPLIFIED otherwise.
const (
	FieldName           Field = "NAME"
	FieldNameSimplified Field = "NAME_SIMPLIFIED"
	FieldNameEn         Field = "NAME_EN"
	FieldPinyin         Field = "PINYIN"
	FieldAlias          Field = "ALIAS"
	FieldAliasSimp      Field = "ALIAS_SIMPLIFIED"
	FieldAliasPinyin    Field = "ALIAS_PINYIN"
	FieldAliasEn        Field = "ALIAS_EN"
)

// Match classes, best first.
const (
	MatchExact = iota
	MatchPrefix
	MatchSubstring
)

// SearchHit is one entity found by name.
type SearchHit struct {
	Node    *Node
	Score   float64 // in (0, 1]; higher is better
	Matched string  // the form that matched, in that form (白鵝潭商務區, 白鹅潭商务区, bai e tan …)
	Field   Field
	Class   int // MatchExact, MatchPrefix or MatchSubstring
}

// maxPinyinVariants bounds the readings indexed per name.
const maxPinyinVariants = 6

type form struct {
	node   *Node
	key    string // folded
	runes  int
	text   string // as stored
	simp   string // text in Simplified characters
	field  Field
	alias  bool
	starts []int // byte offsets in key where a match may start; nil: anywhere (CJK)
}

// nameIndex finds entities by any form of their names. Candidates come from a rune-bigram
// index over the folded keys, so a substring query touches only the forms that share its
// rarest bigram instead of scanning every name.
type nameIndex struct {
	forms  []form
	grams  map[string][]int32  // bigram (or single rune) → form indexes
	abbrev map[string][]string // the plan's abbreviations (cbd → central business district)
}

func buildNameIndex(ix *PlanIndex) *nameIndex {
	ni := &nameIndex{grams: map[string][]int32{}, abbrev: abbreviations(ix)}
	// simp is the text in Simplified characters, stored by the loader for names and aliases.
	add := func(n *Node, text, simp string, field Field, alias, latin bool) {
		if simp == "" {
			simp = cjk.Simplify(text)
		}
		var key string
		var starts []int
		if latin {
			key, starts = foldWords(text)
		} else {
			key = cjk.FoldSimplified(simp)
		}
		if key == "" {
			return
		}
		f := form{node: n, key: key, runes: utf8.RuneCountInString(key), text: text, simp: simp, field: field, alias: alias, starts: starts}
		id := int32(len(ni.forms))
		ni.forms = append(ni.forms, f)
		seen := map[string]bool{}
		for _, g := range grams(key) {
			if !seen[g] {
				seen[g] = true
				ni.grams[g] = append(ni.grams[g], id)
			}
		}
	}
	for _, t := range EntityTypes {
		for _, n := range ix.byKind[t] {
			add(n, n.Str(PropName), n.Str(PropNameSimplified), FieldName, false, false)
			add(n, n.Str(PropNameEn), n.Str(PropNameEn), FieldNameEn, false, true)
			add(n, n.Str(PropPinyin), n.Str(PropPinyin), FieldPinyin, false, true)
			// Other readings of characters with several (長壽路 is chang shou lu, not only
			// zhang shou lu), ranked as pinyin matches too.
			for _, v := range cjk.PinyinVariants(n.Str(PropName), maxPinyinVariants)[1:] {
				add(n, v, v, FieldPinyin, false, true)
			}
			aliases, simps := n.Strs(PropAlias), n.Strs(PropAliasSimp)
			for i, a := range aliases {
				simp := ""
				if len(simps) == len(aliases) {
					simp = simps[i]
				}
				add(n, a, simp, FieldAlias, true, false)
			}
			for _, a := range n.Strs(PropAliasPinyin) {
				add(n, a, a, FieldAliasPinyin, true, true)
			}
			for _, a := range n.Strs(PropAliasEn) {
				add(n, a, a, FieldAliasEn, true, true)
			}
		}
	}
	return ni
}

// grams returns the rune bigrams of key, or the key itself when it is one rune long.
func grams(key string) []string {
	var out []string
	prev := -1
	for i := range key {
		if prev >= 0 {
			_, size := utf8.DecodeRuneInString(key[i:])
			out = append(out, key[prev:i+size])
		}
		prev = i
	}
	if len(out) == 0 && key != "" {
		out = append(out, key)
	}
	return out
}

// nameIndex builds the plan's name index on first use; Warm builds it ahead of time.
func (ix *PlanIndex) nameIndex() *nameIndex {
	ix.namesOnce.Do(func() { ix.names = buildNameIndex(ix) })
	return ix.names
}

// candidates returns the forms that may contain q: those sharing its rarest bigram, or, for
// a one-rune query, those containing the rune.
func (ni *nameIndex) candidates(q string) []int32 {
	if utf8.RuneCountInString(q) == 1 {
		var out []int32
		for i := range ni.forms {
			if strings.Contains(ni.forms[i].key, q) {
				out = append(out, int32(i))
			}
		}
		return out
	}
	var best []int32
	found := false
	for _, g := range grams(q) {
		list := ni.grams[g]
		if !found || len(list) < len(best) {
			best, found = list, true
		}
		if len(best) == 0 {
			break
		}
	}
	return best
}

// foldWords folds a Latin text (pinyin syllables, English words) word by word and returns the
// key with the byte offsets at which its words begin, so "tan" finds "bai e tan" but "ai e"
// does not.
func foldWords(text string) (string, []int) {
	var key strings.Builder
	var starts []int
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !cjk.IsKeyRune(r) }) {
		k := cjk.Fold(w)
		if k == "" {
			continue
		}
		starts = append(starts, key.Len())
		key.WriteString(k)
	}
	return key.String(), starts
}

// search matches q (already folded) against every form and keeps the best hit per entity: whole
// or in part first; then, for what they did not find, the forgiving matches (search_forgiving.go).
func (ni *nameIndex) search(q, raw string, types map[string]bool, best map[*Node]SearchHit) {
	if q == "" {
		return
	}
	qr := utf8.RuneCountInString(q)
	consider := func(id int32, class int) {
		f := &ni.forms[id]
		if types != nil && !types[f.node.Kind] {
			return
		}
		fieldRank := 2 // name forms
		if f.alias {
			fieldRank = 1
		}
		// exact > prefix > substring > words > near first, then name > alias, then how much
		// of the form the query covers (a query that is most of the name beats a small part).
		cover := min(1, float64(qr)/float64(f.runes))
		var score float64
		switch class {
		case MatchWords:
			score = (50 + float64(fieldRank)*10 + 9*cover) / 329
		case MatchNear:
			score = float64(fieldRank) * 10 / 329
		default:
			score = (float64(3-class)*100 + float64(fieldRank)*10 + 9*cover) / 329
		}
		if h, ok := best[f.node]; ok && h.Score >= score {
			return
		}
		field := refineField(f, raw)
		matched := f.text
		if field == FieldNameSimplified || field == FieldAliasSimp {
			matched = f.simp
		}
		best[f.node] = SearchHit{Node: f.node, Score: score, Matched: matched, Field: field, Class: class}
	}
	for _, id := range ni.candidates(q) {
		f := &ni.forms[id]
		switch {
		case f.key == q:
			consider(id, MatchExact)
		case strings.HasPrefix(f.key, q):
			consider(id, MatchPrefix)
		case matchAt(f, q) >= 0:
			consider(id, MatchSubstring)
		}
	}
	if alts := ni.queryWords(raw); len(alts) > 0 && (len(alts[0]) > 1 || len(alts) > 1) {
		for id := range ni.forms {
			for _, words := range alts {
				if wordsMatch(&ni.forms[id], words) {
					consider(int32(id), MatchWords)
					break
				}
			}
		}
	}
	for _, id := range ni.nearCandidates(q) {
		if f := &ni.forms[id]; f.starts == nil && nearMatch(f.key, q) {
			consider(id, MatchNear)
		}
	}
}

func matchAt(f *form, q string) int {
	if f.starts == nil {
		return strings.Index(f.key, q)
	}
	for _, s := range f.starts {
		if strings.HasPrefix(f.key[s:], q) {
			return s
		}
	}
	return -1
}

// refineField tells a match on the name as written from one on its Simplified form.
func refineField(f *form, raw string) Field {
	if f.field != FieldName && f.field != FieldAlias {
		return f.field
	}
	if strings.Contains(f.text, strings.TrimSpace(raw)) || f.simp == f.text {
		return f.field
	}
	if f.field == FieldName {
		return FieldNameSimplified
	}
	return FieldAliasSimp
}

// SearchOptions narrow a name search.
type SearchOptions struct {
	Types []string // entity types; empty: all
	Plan  string   // plan id; empty: all plans
	Limit int      // 0: no limit
}

// Search finds entities by name in every form a person types: Traditional as written,
// Simplified, toneless pinyin with or without spaces, English, and aliases, whole or in part.
// Hits are ranked exact > prefix > substring, then name > alias.
func (s *Snapshot) Search(query string, opt SearchOptions) []SearchHit {
	q := cjk.Fold(query)
	if q == "" {
		return nil
	}
	var types map[string]bool
	if len(opt.Types) > 0 {
		types = map[string]bool{}
		for _, t := range opt.Types {
			types[t] = true
		}
	}
	best := map[*Node]SearchHit{}
	for _, p := range s.plansFor(opt.Plan) {
		p.nameIndex().search(q, query, types, best)
	}
	hits := make([]SearchHit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		an, bn := a.Node.Str(PropName), b.Node.Str(PropName)
		if len(an) != len(bn) {
			return len(an) < len(bn)
		}
		return a.Node.ID < b.Node.ID
	})
	if opt.Limit > 0 && len(hits) > opt.Limit {
		hits = hits[:opt.Limit]
	}
	return hits
}
