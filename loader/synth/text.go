package synth

import (
	"math"
	"strconv"
	"strings"

	"github.com/plangraph/plangraph/loader"
)

// layoutDoc is the plan text: chapters of sections of numbered items, each holding body
// paragraphs, and the glossary annex.
type layoutDoc struct {
	chapters []*container
	paras    []*para // body paragraphs in reading order
	lines    []string
}

// container is a chapter, section or item. A chapter's paras are its introduction.
type container struct {
	title    string
	paras    []*para
	children []*container
}

// para is a body paragraph: the entities it introduces and, once written, its clauses.
type para struct {
	ents    []*entity
	clauses []string
}

// layout sizes the structure as the profile's plan is sized per entity, and gives every
// entity (but the glossary terms) the paragraph that introduces it.
func (g *generator) layout() {
	scale := float64(len(g.ents)) / float64(g.prof.Entities)
	round := func(x float64) int { return int(math.Round(x)) }
	nChapters := max(2, round(float64(g.prof.Chapters)*scale))
	nSections := max(nChapters, round(float64(g.prof.Sections)*scale))
	nItems := round(float64(g.prof.Items) * scale)
	nBody := round(float64(g.prof.Body) * scale)

	d := &layoutDoc{}
	var sections []*container
	for c := 0; c < nChapters; c++ {
		ch := &container{title: chapterThemes[(c+g.rng.IntN(len(chapterThemes)))%len(chapterThemes)], paras: []*para{{}}}
		for s := c * nSections / nChapters; s < (c+1)*nSections/nChapters; s++ {
			sec := &container{}
			ch.children = append(ch.children, sec)
			sections = append(sections, sec)
		}
		d.chapters = append(d.chapters, ch)
	}
	for i := 0; i < nItems; i++ {
		sec := pick(g.rng, sections)
		sec.children = append(sec.children, &container{})
	}
	// Leaves hold the body: sections without items, and items.
	var leaves []*container
	for _, sec := range sections {
		if len(sec.children) == 0 {
			leaves = append(leaves, sec)
		}
		leaves = append(leaves, sec.children...)
	}
	for _, l := range leaves {
		l.paras = []*para{{}}
	}
	for extra := nBody - nChapters - len(leaves); extra > 0; extra-- {
		l := pick(g.rng, leaves)
		l.paras = append(l.paras, &para{})
	}
	for _, ch := range d.chapters {
		d.paras = append(d.paras, ch.paras...)
		for _, sec := range ch.children {
			d.paras = append(d.paras, sec.paras...)
			for _, it := range sec.children {
				d.paras = append(d.paras, it.paras...)
			}
		}
	}
	var placed []*entity
	for _, e := range g.ents {
		if e.typ != "Term" {
			placed = append(placed, e)
		}
	}
	g.rng.Shuffle(len(placed), func(i, j int) { placed[i], placed[j] = placed[j], placed[i] })
	for i, e := range placed {
		p := d.paras[i*len(d.paras)/len(placed)]
		p.ents = append(p.ents, e)
	}
	g.doc = d
}

// write writes the text: headings, the clauses of every paragraph, and the glossary. Link
// quotes name their ends in full or by their prefix alone (as plans shorten names they have
// introduced), with the share of full names set so that the plan has as many mentions per
// entity as the profile's plan.
func (g *generator) write() {
	d := g.doc
	mentions := 0 // those the text makes whatever the quotes say
	for _, e := range g.ents {
		if e.typ == "Term" {
			mentions += 1 + len(e.defines) // the glossary entry names the term and what it defines
			continue
		}
		mentions += 1 + len(e.aliases) // its introduction, and a clause for each alias
	}
	headings := map[*container]string{}
	for _, ch := range d.chapters {
		for _, sec := range ch.children {
			var ok bool
			if headings[sec], ok = g.heading(sec); ok {
				mentions++
			}
			for _, it := range sec.children {
				if headings[it], ok = g.heading(it); ok {
					mentions++
				}
			}
		}
	}
	ends, aliasEnds := 0, 0
	for _, l := range g.links {
		if l.rel == "DEFINES" {
			continue
		}
		ends += 2 * l.cites
		for _, e := range []*entity{l.from, l.to} {
			if e.prefixAlias {
				aliasEnds += l.cites
			}
		}
	}
	want := float64(g.prof.Mentions) / float64(g.prof.Entities) * float64(len(g.ents))
	full := 0.0
	if ends > aliasEnds {
		full = min(1, max(0, (want-float64(mentions+aliasEnds))/float64(ends-aliasEnds)))
	}
	form := func(e *entity) string {
		if g.chance(full) {
			return e.name
		}
		return e.prefix
	}
	quotesFrom := map[*entity][]*link{}
	for _, l := range g.links {
		if l.rel == "DEFINES" {
			continue
		}
		pats := linkQuotes[l.rel]
		start := g.rng.IntN(len(pats))
		for k := 0; k < l.cites; k++ {
			q := strings.NewReplacer("{A}", form(l.from), "{B}", form(l.to)).Replace(pats[(start+k)%len(pats)])
			l.quotes = append(l.quotes, q)
		}
		quotesFrom[l.from] = append(quotesFrom[l.from], l)
	}
	for _, p := range d.paras {
		for _, e := range p.ents {
			p.clauses = append(p.clauses, g.intro(e))
			for _, a := range e.aliases {
				p.clauses = append(p.clauses, strings.ReplaceAll(pick(g.rng, aliasQuotes), "{N}", a))
			}
			for _, l := range quotesFrom[e] {
				p.clauses = append(p.clauses, l.quotes...)
			}
		}
	}

	d.lines = append(d.lines, strings.ReplaceAll(titleTmpl, "{R}", g.region), strings.ReplaceAll(prefaceTmpl, "{R}", g.region))
	for c, ch := range d.chapters {
		d.lines = append(d.lines, "第"+loader.ChineseNumeral(c+1)+"章 "+ch.title)
		d.lines = append(d.lines, g.paragraphs(ch.paras)...)
		for s, sec := range ch.children {
			d.lines = append(d.lines, "第"+loader.ChineseNumeral(s+1)+"節 "+headings[sec])
			d.lines = append(d.lines, g.paragraphs(sec.paras)...)
			for i, it := range sec.children {
				d.lines = append(d.lines, strconv.Itoa(i+1)+"."+headings[it])
				d.lines = append(d.lines, g.paragraphs(it.paras)...)
			}
		}
	}
	d.lines = append(d.lines, "附件1", glossTitle)
	for _, t := range g.byType["Term"] {
		d.lines = append(d.lines, t.headword+":"+g.definition(t))
	}
}

// definition writes a glossary entry enumerating what the term defines, as the Liwan glossary
// does (“1”指…,“11”指…、…), and the quote of each DEFINES link in it.
func (g *generator) definition(t *entity) string {
	quotes := map[*entity]string{}
	var b strings.Builder
	for i, e := range t.defines {
		switch i {
		case 0:
			quotes[e] = "“" + t.prefix + "”指" + e.name
			b.WriteString(quotes[e])
		case 1:
			quotes[e] = "“" + strconv.Itoa(len(t.defines)-1) + "”指" + e.name
			b.WriteString("," + quotes[e])
		default:
			quotes[e] = t.defines[i-1].name + "、" + e.name
			b.WriteString("、" + e.name)
		}
	}
	b.WriteString("。")
	for _, l := range g.links {
		if l.from == t && l.rel == "DEFINES" {
			l.quotes = []string{quotes[l.to]}
		}
	}
	return b.String()
}

// intro is the clause that introduces an entity by its full name.
func (g *generator) intro(e *entity) string {
	if e.typ == "Target" {
		return strings.ReplaceAll(targetTmpl, "{Y}", strconv.Itoa(e.year)) + e.quote
	}
	return strings.ReplaceAll(pick(g.rng, words[e.typ].intros), "{N}", e.name)
}

// heading titles a section or item after the first entity its first paragraph introduces
// (plans title sections with what they build), or generically when there is none. It reports
// whether the title names an entity.
func (g *generator) heading(c *container) (string, bool) {
	for _, p := range c.paras {
		for _, e := range p.ents {
			if e.typ != "Target" {
				return g.intro(e), true
			}
		}
	}
	return pick(g.rng, genericHeadings), false
}

// paragraphs writes paragraphs of clauses, three or four to a sentence.
func (g *generator) paragraphs(ps []*para) []string {
	var out []string
	for _, p := range ps {
		if len(p.clauses) == 0 {
			p.clauses = []string{pick(g.rng, genericHeadings)}
		}
		var b strings.Builder
		n := 0
		for i, c := range p.clauses {
			b.WriteString(c)
			n++
			if i == len(p.clauses)-1 || n >= 3+g.rng.IntN(2) {
				b.WriteString("。")
				n = 0
			} else {
				b.WriteString(",")
			}
		}
		out = append(out, b.String())
	}
	return out
}
