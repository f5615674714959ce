package synth

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/plangraph/plangraph/loader"
)

// The dataset files, as a person would write them (see README "Datasets").

type entityFile struct {
	Entities []loader.EntitySpec `yaml:"entities"`
}

type linkFile struct {
	Links []loader.LinkSpec `yaml:"links"`
}

// files renders the plan as dataset files.
func (g *generator) files() (map[string][]byte, error) {
	title := strings.ReplaceAll(titleTmpl, "{R}", g.region)
	city, district, _ := strings.Cut(strings.TrimSuffix(g.region, "區"), "市")
	meta := loader.PlanMeta{
		ID:      g.id,
		Title:   title,
		TitleEn: fmt.Sprintf("Outline of the 14th Five-Year Plan of %s District, %s (synthetic)", english(district), english(city)),
		Region:  g.region,
		Period:  "2021-2025",
		Text:    "plan.txt",
		Source:  fmt.Sprintf("synthetic plan %s, generated from the shape of %s", g.id, g.prof.Plan),
	}
	var ents entityFile
	for _, e := range g.ents {
		ents.Entities = append(ents.Entities, loader.EntitySpec{
			ID: e.id, Type: e.typ, Name: e.name, En: e.en, Headword: e.headword, Aliases: e.aliases,
			Description: strings.ReplaceAll(e.description, "{N}", e.name),
			Indicator:   e.indicator, Value: e.value, Unit: e.unit, Year: e.year, Quote: e.quote,
		})
	}
	var links linkFile
	for _, l := range g.links {
		s := loader.LinkSpec{From: l.from.id, Rel: l.rel, To: l.to.id}
		if len(l.quotes) == 1 {
			s.Quote = l.quotes[0]
		} else {
			s.Quotes = l.quotes
		}
		links.Links = append(links.Links, s)
	}
	out := map[string][]byte{"plan.txt": []byte(strings.Join(g.doc.lines, "\n") + "\n")}
	for name, v := range map[string]any{"plan.yaml": meta, "10-entities.yaml": ents, "20-links.yaml": links} {
		b, err := yaml.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}
