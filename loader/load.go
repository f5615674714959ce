// Package loader turns a plan's text and its curated dataset into quads. It parses the text
// into chapters, sections, items and paragraphs, reads the dataset, checks everything (every
// problem is reported with file:line, all in one run), finds the evidence quotes and the
// mentions of every entity, and only then emits quads, which the graph package writes in one
// transaction.
package loader

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// Result is a plan ready to be written: its quads and what they hold.
type Result struct {
	Meta     PlanMeta
	Doc      *Document
	Entities []*Entity
	Links    []*Link
	Mentions []Mention
	Quads    []quad.Quad
	Timings  []Timing
}

// Timing is how long a phase of loading took.
type Timing struct {
	Phase string
	Took  time.Duration
}

// Entity is an entity after validation, with its IRI and evidence.
type Entity struct {
	*EntitySpec
	IRI        string
	Definition string // Terms: from the glossary
	Evidence   *Citation
	Qualifier  string // Targets: read from the quote
}

// Link is a link after validation, with the citation of each quote.
type Link struct {
	*LinkSpec
	Relation  graph.Relation
	From, To  *Entity
	Citations []Citation
}

// Citation is where a quote stands in the plan.
type Citation struct {
	Paragraph  *Paragraph
	Start, End int       // characters
	Placed     Placement // how the place was chosen when the plan writes the quote more than once
}

var reSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// minQuote is the shortest quote accepted as evidence: shorter strings occur by chance.
const minQuote = 4

// Load reads the dataset directory dir of fsys (plan.yaml, the plan text, and *.yaml files of
// entities and links) and returns the plan's quads. When anything is wrong the error is a
// Problems listing every problem with its file:line, and there are no quads.
func Load(fsys fs.FS, dir string) (*Result, error) {
	return LoadContext(context.Background(), fsys, dir, nil)
}

// LoadContext is Load with a callback told of each phase as it ends (for progress display),
// that stops when ctx ends: between phases, and inside the loops that grow with the dataset
// (links, quotes, mentions). An uploaded dataset is validated under the upload's deadline. The
// error is then ctx's, wrapped.
func LoadContext(ctx context.Context, fsys fs.FS, dir string, progress func(Timing)) (*Result, error) {
	res := &Result{}
	phase := func(name string, start time.Time) {
		t := Timing{name, time.Since(start)}
		res.Timings = append(res.Timings, t)
		if progress != nil {
			progress(t)
		}
	}
	t := time.Now()
	ds, probs := ReadDataset(fsys, dir)
	res.Meta = ds.Meta
	phase("read dataset", t)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}

	t = time.Now()
	textFile := ds.Meta.Text
	if textFile == "" {
		textFile = "plan.txt"
	}
	if b, err := fs.ReadFile(fsys, path.Join(dir, textFile)); err != nil {
		probs.add(Pos{File: PlanFile, Line: ds.Meta.Line}, "cannot read the plan text %s: %v", textFile, err)
	} else if doc, err := ParseText(textFile, bytes.NewReader(b)); err != nil {
		probs.add(Pos{File: textFile}, "%v", err)
	} else {
		res.Doc = doc
	}
	phase("parse text", t)

	t = time.Now()
	if ds.Meta.ID == "" {
		probs.add(ds.Meta.Pos, "plan id is missing (id: liwan-14fyp)")
	} else if len(ds.Meta.ID) > graph.MaxIDBytes {
		probs.add(ds.Meta.Pos, "plan id %.20q… is %d bytes long, more than the %d allowed", ds.Meta.ID, len(ds.Meta.ID), graph.MaxIDBytes)
	} else if !reSlug.MatchString(ds.Meta.ID) {
		probs.add(ds.Meta.Pos, "plan id %q: use lower-case letters, digits and dashes", ds.Meta.ID)
	}
	if res.Doc != nil {
		v := &validator{ctx: ctx, ds: ds, doc: res.Doc, probs: probs, plan: ds.Meta.ID}
		v.run()
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load: validate: %w", err)
		}
		probs = v.probs
		res.Entities, res.Links = v.entities, v.links
		// Mentions are found while validating, so that a name too common to be one is a
		// problem reported with the others; the finder keeps at most maxMentionsPerEntity of
		// each entity, so memory stays bounded either way.
		var over map[string]int
		res.Mentions, over = findMentions(ctx, res.Doc, res.Entities, res.Links, ds.Meta.PlainWords)
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load: find mentions: %w", err)
		}
		for _, e := range res.Entities {
			if n := over[e.ID]; n > 0 {
				probs.add(e.Pos, "%s: its name and aliases occur %d times in the plan text, more than the %d mentions allowed (a word that common is not a name)", e.ID, n, maxMentionsPerEntity)
			}
		}
	}
	phase("validate", t)
	if len(probs) > 0 {
		probs.Sort()
		return nil, probs
	}

	t = time.Now()
	res.Quads = emit(res)
	phase("make quads", t)
	return res, nil
}

type validator struct {
	ctx      context.Context
	ds       *Dataset
	doc      *Document
	plan     string
	probs    Problems
	entities []*Entity
	links    []*Link
	byID     map[string]*Entity
	elided   map[Elision]*EntitySpec // who claims each elided part
}

func (v *validator) run() {
	v.byID = map[string]*Entity{}
	v.elided = map[Elision]*EntitySpec{}
	glossary := map[string]*GlossaryEntry{}
	for _, g := range v.doc.Glossary {
		glossary[g.Headword] = g
	}
	usedGloss := map[string]*Entity{}
	names := map[string]*Entity{}
	for _, spec := range v.ds.Entities {
		e := &Entity{EntitySpec: spec}
		v.entity(e, glossary, usedGloss)
		if spec.ID == "" {
			continue
		}
		if prev, dup := v.byID[spec.ID]; dup {
			v.probs.add(spec.Pos, "duplicate id %q (first declared at %s)", spec.ID, prev.Pos)
			continue
		}
		v.byID[spec.ID] = e
		v.entities = append(v.entities, e)
	}
	// Every glossary entry is a Term, whether or not the dataset adds names and links to it.
	for _, g := range v.doc.Glossary {
		if usedGloss[g.Headword] != nil {
			continue
		}
		spec := &EntitySpec{Pos: Pos{v.doc.File, g.Line}, Type: graph.GlossaryType(), Headword: g.Headword, Name: termName(g.Headword)}
		spec.ID = "term-" + slugOf(spec.Name)
		for base, i := spec.ID, 2; v.byID[spec.ID] != nil; i++ {
			spec.ID = fmt.Sprintf("%s-%d", base, i)
		}
		e := &Entity{EntitySpec: spec, Definition: g.Definition, Evidence: &Citation{Paragraph: g.Paragraph, End: utf8.RuneCountInString(g.Headword)}}
		e.IRI = entityIRI(v.plan, spec.Type, spec.ID)
		v.byID[spec.ID] = e
		v.entities = append(v.entities, e)
	}
	for _, e := range v.entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n == "" {
				continue
			}
			if prev, ok := names[n]; ok && prev != e {
				v.probs.add(e.Pos, "name %q is also a name of %q (%s): a name must identify one entity", n, prev.ID, prev.Pos)
				continue
			}
			names[n] = e
		}
	}
	v.placePeriods()
	v.placeLeads()
	v.checkPlainWords(names)
	v.placeTranslations()
	seen := map[[3]string]*LinkSpec{}
	for i, spec := range v.ds.Links {
		if i%256 == 0 && v.ctx.Err() != nil {
			return // LoadContext reports the context's error
		}
		v.link(spec, seen)
	}
}

func (v *validator) entity(e *Entity, glossary map[string]*GlossaryEntry, usedGloss map[string]*Entity) {
	s := e.EntitySpec
	switch {
	case s.ID == "":
		v.probs.add(s.Pos, "entity has no id")
	case len(s.ID) > graph.MaxIDBytes:
		v.probs.add(s.Pos, "id %.20q… is %d bytes long, more than the %d allowed", s.ID, len(s.ID), graph.MaxIDBytes)
	case !reSlug.MatchString(s.ID):
		v.probs.add(s.Pos, "id %q: use lower-case ASCII words joined by dashes (baietan-core)", s.ID)
	}
	et, known := graph.TypeByName(s.Type)
	if !known {
		v.probs.add(s.Pos, "%s: unknown type %q (want one of %s)", s.ID, s.Type, strings.Join(graph.EntityTypes, ", "))
		return
	}
	e.IRI = entityIRI(v.plan, s.Type, s.ID)
	set := typedFields(s)
	for _, f := range et.Required {
		if !set[f] {
			v.probs.add(s.Pos, "%s: a %s needs %s", s.ID, s.Type, f)
		}
	}
	for _, f := range sortedKeys(set) {
		if f != "quote" && !slices.Contains(et.Fields, f) {
			v.probs.add(s.Pos, "%s: %s is not a field of a %s (only of %s)", s.ID, f, s.Type, strings.Join(typesWithField(f), ", "))
		}
	}
	if et.Glossary && s.Headword != "" {
		g := glossary[s.Headword]
		switch {
		case g == nil:
			v.probs.add(s.Pos, "%s: headword %q is not an entry of the glossary", s.ID, s.Headword)
		case usedGloss[s.Headword] != nil:
			v.probs.add(s.Pos, "%s: glossary entry %q is already the term %q (%s)", s.ID, s.Headword, usedGloss[s.Headword].ID, usedGloss[s.Headword].Pos)
		default:
			usedGloss[s.Headword] = e
			e.Definition = g.Definition
			e.Evidence = &Citation{Paragraph: g.Paragraph, End: utf8.RuneCountInString(g.Headword)}
			if s.Name == "" {
				s.Name = termName(g.Headword)
			}
		}
	}
	if s.Name == "" {
		v.probs.add(s.Pos, "%s: name is missing", s.ID)
	} else if utf8.RuneCountInString(s.Name) < minNameChars {
		v.probs.add(s.Pos, "%s: name %q is shorter than %d characters: it would match everywhere in the text", s.ID, s.Name, minNameChars)
	} else if !et.Glossary && !v.inText(s.Name) && len(s.Elided) == 0 {
		v.probs.add(s.Pos, "%s: name %q does not occur in the plan text (write it as the plan does, or declare the enumeration that elides it)", s.ID, s.Name)
	}
	v.checkElided(s)
	seenAlias := map[string]bool{s.Name: true}
	for _, a := range s.Aliases {
		switch {
		case strings.TrimSpace(a) == "":
			v.probs.add(s.Pos, "%s: empty alias", s.ID)
		case utf8.RuneCountInString(a) < minNameChars:
			v.probs.add(s.Pos, "%s: alias %q is shorter than %d characters: it would match everywhere in the text", s.ID, a, minNameChars)
		case seenAlias[a]:
			v.probs.add(s.Pos, "%s: alias %q repeats a name", s.ID, a)
		case !v.inText(a) && !et.Glossary:
			v.probs.add(s.Pos, "%s: alias %q does not occur in the plan text", s.ID, a)
		}
		seenAlias[a] = true
	}
	v.checkAliasesEn(s)
	if s.Year != 0 && (s.Year < 1900 || s.Year > 2200) {
		v.probs.add(s.Pos, "%s: year %d is not a plausible year", s.ID, s.Year)
	}
	if slices.Contains(et.Fields, "qualifier") {
		e.Qualifier = v.qualifier(s)
	}
	if s.Quote != "" {
		if c, ok := v.cite(s.Quote); ok {
			e.Evidence = &c
		} else {
			v.probs.add(s.Pos, "%s: quote %q is not in the plan text", s.ID, s.Quote)
		}
	}
}

func (v *validator) link(s *LinkSpec, seen map[[3]string]*LinkSpec) {
	l := &Link{LinkSpec: s}
	ok := true
	if r, found := graph.RelationByName(s.Rel); found {
		l.Relation = r
	} else {
		v.probs.add(s.Pos, "unknown relation %q (want one of %s)", s.Rel, strings.Join(graph.RelationNames(), ", "))
		ok = false
	}
	for _, end := range []struct {
		name, id string
		dst      **Entity
	}{{"from", s.From, &l.From}, {"to", s.To, &l.To}} {
		switch e := v.byID[end.id]; {
		case end.id == "":
			v.probs.add(s.Pos, "link has no %s", end.name)
			ok = false
		case e == nil:
			v.probs.add(s.Pos, "%s: no entity has the id %q", end.name, end.id)
			ok = false
		default:
			*end.dst = e
		}
	}
	if ok && s.From == s.To {
		v.probs.add(s.Pos, "link from %q to itself", s.From)
		ok = false
	}
	if ok && l.Relation.From != "" && l.From.Type != l.Relation.From {
		v.probs.add(s.Pos, "%s links go from a %s; %q is a %s", l.Relation.Name, l.Relation.From, s.From, l.From.Type)
	}
	quotes := s.AllQuotes()
	if len(quotes) == 0 {
		v.probs.add(s.Pos, "link %s has no quote: every link needs evidence from the plan", linkName(s))
	}
	var found []string
	var occ [][]Occurrence
	for _, q := range quotes {
		if utf8.RuneCountInString(q) < minQuote {
			v.probs.add(s.Pos, "quote %q is too short to be evidence (at least %d characters)", q, minQuote)
			continue
		}
		os := v.doc.FindAll(q)
		if len(os) == 0 {
			v.probs.add(s.Pos, "quote %q is not in the plan text", q)
			continue
		}
		found, occ = append(found, q), append(occ, os)
	}
	at, how := v.doc.placeQuotes(occ)
	for i, o := range at {
		l.Citations = append(l.Citations, o.citation(found[i], how[i]))
	}
	key := [3]string{s.From, s.Rel, s.To}
	if prev := seen[key]; prev != nil {
		v.probs.add(s.Pos, "link %s is declared twice (also at %s): give one link several quotes", linkName(s), prev.Pos)
		return
	}
	seen[key] = s
	if ok {
		v.links = append(v.links, l)
	}
}

func linkName(s *LinkSpec) string {
	or := func(x string) string {
		if x == "" {
			return "?"
		}
		return x
	}
	return or(s.From) + " " + or(s.Rel) + " " + or(s.To)
}

// cite cites a quote that stands alone, placed as placeQuotes places a link's only quote.
func (v *validator) cite(q string) (Citation, bool) {
	os := v.doc.FindAll(q)
	if len(os) == 0 {
		return Citation{}, false
	}
	at, how := v.doc.placeQuotes([][]Occurrence{os})
	return at[0].citation(q, how[0]), true
}

// checkElided checks each enumeration that writes s in part: the plan has it, s's part occurs
// in it once (so the mention lands on one place), the full name holds the part (a guard
// against pasting another entity's line), and no other entity claims the same part.
func (v *validator) checkElided(s *EntitySpec) {
	for _, el := range s.Elided {
		switch n := strings.Count(el.In, el.As); {
		case el.In == "" || el.As == "":
			v.probs.add(s.Pos, "%s: elided needs both in (the enumeration) and as (this entity's part of it)", s.ID)
		case utf8.RuneCountInString(el.As) < minNameChars:
			v.probs.add(s.Pos, "%s: elided part %q is shorter than %d characters", s.ID, el.As, minNameChars)
		case !v.inText(el.In):
			v.probs.add(s.Pos, "%s: elided enumeration %q does not occur in the plan text", s.ID, el.In)
		case n != 1:
			v.probs.add(s.Pos, "%s: elided part %q occurs %d times in %q: it must mark one place", s.ID, el.As, n, el.In)
		case !strings.Contains(s.Name, el.As):
			v.probs.add(s.Pos, "%s: name %q does not contain its elided part %q", s.ID, s.Name, el.As)
		default:
			if prev, ok := v.elided[el]; ok {
				v.probs.add(s.Pos, "%s: elided part %q of %q is already %q's (%s)", s.ID, el.As, el.In, prev.ID, prev.Pos)
				continue
			}
			v.elided[el] = s
		}
	}
}

func (v *validator) inText(s string) bool { return len(v.doc.FindAll(s)) > 0 }

// termName is a glossary headword without the quotation marks around all of it.
func termName(head string) string {
	if strings.HasPrefix(head, "“") && strings.HasSuffix(head, "”") && strings.Count(head, "“") == 1 {
		return strings.TrimSuffix(strings.TrimPrefix(head, "“"), "”")
	}
	return head
}

func slugOf(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(cjk.Pinyin(s)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

func entityIRI(plan, typ, id string) string {
	return plan + "/" + strings.ToLower(typ) + "/" + id
}

// Counts summarises a Result.
func (r *Result) Counts() map[string]int {
	c := map[string]int{"paragraphs": len(r.Doc.Paragraphs), "links": len(r.Links), "mentions": len(r.Mentions), "quads": len(r.Quads), "glossary": len(r.Doc.Glossary)}
	for _, e := range r.Entities {
		c[e.Type]++
	}
	cites := 0
	for _, l := range r.Links {
		cites += len(l.Citations)
	}
	c["citations"] = cites
	return c
}
