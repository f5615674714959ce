package synth

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/loader"
)

// Profile is the shape of a plan, measured from a loaded dataset. Generated plans draw from
// its empirical distributions (not from fitted curves), scaled to their own size.
type Profile struct {
	Plan     string
	Quads    int
	Entities int
	Types    map[string]int   // entities per type
	Aliases  map[string][]int // per type: the number of aliases of each entity
	Describe map[string]int   // per type: entities with a description

	// Links: the distinct (from, relation, to) links.
	Links     int
	Kinds     []LinkKind       // links per (from type, relation, to type)
	OutDegree map[string][]int // per type: links from each entity
	InDegree  map[string][]int // per type: links to each entity
	Citations []int            // citations of each link

	// Text.
	Chapters   int
	Sections   int
	Items      int
	Body       int // paragraphs of chapters that are not headings
	BodyRunes  int // their mean length in characters
	Glossary   int // glossary entries
	Mentions   int
	TargetsNum int // targets with a value
}

// LinkKind counts the links of one relation between two entity types.
type LinkKind struct {
	From, Rel, To string
	N             int
}

// Measure reads the shape of a loaded plan.
func Measure(res *loader.Result) *Profile {
	p := &Profile{
		Plan:      res.Meta.ID,
		Quads:     len(res.Quads),
		Entities:  len(res.Entities),
		Types:     map[string]int{},
		Aliases:   map[string][]int{},
		Describe:  map[string]int{},
		Links:     len(res.Links),
		OutDegree: map[string][]int{},
		InDegree:  map[string][]int{},
		Mentions:  len(res.Mentions),
		Glossary:  len(res.Doc.Glossary),
	}
	out, in := map[*loader.Entity]int{}, map[*loader.Entity]int{}
	kinds := map[LinkKind]int{}
	for _, l := range res.Links {
		out[l.From]++
		in[l.To]++
		kinds[LinkKind{From: l.From.Type, Rel: l.Relation.Name, To: l.To.Type}]++
		p.Citations = append(p.Citations, len(l.Citations))
	}
	for k, n := range kinds {
		k.N = n
		p.Kinds = append(p.Kinds, k)
	}
	sort.Slice(p.Kinds, func(i, j int) bool {
		a, b := p.Kinds[i], p.Kinds[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Rel != b.Rel {
			return a.Rel < b.Rel
		}
		return a.To < b.To
	})
	for _, e := range res.Entities {
		p.Types[e.Type]++
		p.Aliases[e.Type] = append(p.Aliases[e.Type], len(e.Aliases))
		if e.Description != "" {
			p.Describe[e.Type]++
		}
		p.OutDegree[e.Type] = append(p.OutDegree[e.Type], out[e])
		p.InDegree[e.Type] = append(p.InDegree[e.Type], in[e])
		if e.Type == "Target" && e.Value != nil {
			p.TargetsNum++
		}
	}
	runes := 0
	for _, part := range res.Doc.Parts {
		if part.Chapter {
			p.Chapters++
			p.Sections += len(part.Sections)
			for _, s := range part.Sections {
				p.Items += len(s.Items)
			}
		}
	}
	for _, para := range res.Doc.Paragraphs {
		if para.Part.Chapter && !para.Heading {
			p.Body++
			runes += utf8.RuneCountInString(para.Text)
		}
	}
	if p.Body > 0 {
		p.BodyRunes = runes / p.Body
	}
	return p
}

// Liwan measures the embedded Liwan dataset.
func Liwan() (*Profile, error) {
	res, err := loader.Load(data.Liwan, ".")
	if err != nil {
		return nil, fmt.Errorf("load the embedded Liwan plan: %w", err)
	}
	return Measure(res), nil
}

// validate checks that the profile has what generation draws from.
func (p *Profile) validate() error {
	if p.Entities == 0 || p.Quads == 0 || p.Links == 0 || len(p.Citations) == 0 {
		return fmt.Errorf("profile of %q has no entities, links or quads to imitate", p.Plan)
	}
	for _, t := range []string{"Zone", "Term"} {
		if p.Types[t] == 0 {
			return fmt.Errorf("profile of %q has no %s", p.Plan, t)
		}
	}
	return nil
}
