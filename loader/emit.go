package loader

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/graph/cjk"
)

// emitter collects quads; every node it describes is tied to the plan with pg:plan so that the
// store can find all of a plan's quads when it replaces or removes the plan.
type emitter struct {
	plan  string
	quads []quad.Quad
}

func (e *emitter) node(iri, kind string) {
	e.quads = append(e.quads, graph.Q(iri, graph.PredType, graph.ClassIRI(kind), ""))
	if iri != e.plan {
		e.quads = append(e.quads, graph.Q(iri, graph.PredPlan, e.plan, ""))
	}
}

func (e *emitter) str(iri, key, v string) {
	if v != "" {
		e.quads = append(e.quads, graph.Str(iri, key, v))
	}
}

func (e *emitter) int(iri, key string, v int) {
	e.quads = append(e.quads, graph.Int(iri, key, int64(v)))
}

func (e *emitter) edge(s, pred, o, label string) {
	e.quads = append(e.quads, graph.Q(s, pred, o, label))
}

func emit(r *Result) []quad.Quad {
	plan := r.Meta.ID
	e := &emitter{plan: plan}
	m := r.Meta
	e.node(plan, graph.KindPlan)
	e.str(plan, graph.PropTitle, firstNonEmpty(m.Title, r.Doc.Title))
	e.str(plan, graph.PropTitleEn, m.TitleEn)
	e.str(plan, "region", m.Region)
	e.str(plan, "period", m.Period)
	e.str(plan, graph.PropSource, firstNonEmpty(m.Source, r.Doc.File))

	iri := func(local string) string { return plan + "/" + local }
	for i, part := range r.Doc.Parts {
		p := iri(part.ID)
		kind := graph.KindPart
		if part.Chapter {
			kind = graph.KindChapter
		}
		e.node(p, kind)
		e.str(p, graph.PropLocalID, part.ID)
		e.str(p, graph.PropTitle, part.Title)
		e.int(p, graph.PropNumber, part.Number)
		e.int(p, graph.PropOrder, i+1)
		e.int(p, graph.PropLine, part.Line)
		e.edge(p, graph.PredIn, plan, "")
		for _, s := range part.Sections {
			sec := iri(s.ID)
			e.node(sec, graph.KindSection)
			e.str(sec, graph.PropLocalID, s.ID)
			e.str(sec, graph.PropTitle, s.Title)
			e.int(sec, graph.PropNumber, s.Number)
			e.int(sec, graph.PropLine, s.Line)
			e.edge(sec, graph.PredIn, p, "")
			for _, it := range s.Items {
				item := iri(it.ID)
				e.node(item, graph.KindItem)
				e.str(item, graph.PropLocalID, it.ID)
				e.str(item, graph.PropTitle, it.Title)
				e.int(item, graph.PropNumber, it.Number)
				e.int(item, graph.PropLine, it.Line)
				e.edge(item, graph.PredIn, sec, "")
			}
		}
	}
	for _, para := range r.Doc.Paragraphs {
		p := iri(para.ID)
		e.node(p, graph.KindParagraph)
		e.str(p, graph.PropLocalID, para.ID)
		e.str(p, graph.PropText, para.Text)
		e.int(p, graph.PropLine, para.Line)
		e.int(p, graph.PropOrder, para.Order)
		e.str(p, graph.PropPeriod, para.Period)
		for _, s := range para.PeriodSpans {
			e.str(p, graph.PropPeriodSpan, graph.PeriodSpanValue(s.Start, s.End, s.Period))
		}
		e.str(p, graph.PropTextEn, para.TextEn)
		e.str(p, graph.PropChapter, partTitle(para.Part))
		container := iri(para.Part.ID)
		if para.Section != nil {
			e.str(p, graph.PropSection, para.Section.Title)
			container = iri(para.Section.ID)
		}
		if para.Item != nil {
			e.str(p, graph.PropItem, para.Item.Title)
			container = iri(para.Item.ID)
		}
		e.edge(p, graph.PredIn, container, "")
	}
	span := func(c Citation) string { return graph.SpanIRI(iri(c.Paragraph.ID), c.Start, c.End) }
	for _, ent := range r.Entities {
		n := ent.IRI
		e.node(n, ent.Type)
		e.str(n, graph.PropSlug, ent.ID)
		e.str(n, graph.PropName, ent.Name)
		e.str(n, graph.PropNameSimplified, cjk.Simplify(ent.Name))
		e.str(n, graph.PropPinyin, cjk.Pinyin(ent.Name))
		e.str(n, graph.PropNameEn, ent.En)
		for _, a := range ent.Aliases {
			e.str(n, graph.PropAlias, a)
			e.str(n, graph.PropAliasSimp, cjk.Simplify(a))
			e.str(n, graph.PropAliasPinyin, cjk.Pinyin(a))
		}
		for _, a := range ent.AliasesEn {
			e.str(n, graph.PropAliasEn, a)
		}
		e.str(n, graph.PropDescription, ent.Description)
		e.str(n, graph.PropDescriptionEn, ent.DescriptionEn)
		e.str(n, graph.PropDefinition, ent.Definition)
		e.str(n, graph.PropDefinitionEn, ent.DefinitionEn)
		e.str(n, graph.PropQualifier, ent.Qualifier)
		e.str(n, graph.PropIndicator, ent.Indicator)
		e.str(n, graph.PropUnit, ent.Unit)
		if ent.Value != nil {
			e.quads = append(e.quads, graph.Float(n, graph.PropValue, *ent.Value))
		}
		if ent.Year != 0 {
			e.int(n, graph.PropYear, ent.Year)
		}
		e.str(n, graph.PropSource, ent.Pos.String())
		if ent.Evidence != nil {
			e.edge(n, graph.PredStatedIn, iri(ent.Evidence.Paragraph.ID), span(*ent.Evidence))
		}
	}
	for _, l := range r.Links {
		for _, c := range l.Citations {
			e.edge(l.From.IRI, l.Relation.Pred, l.To.IRI, span(c))
		}
	}
	byID := map[string]*Entity{}
	for _, ent := range r.Entities {
		byID[ent.ID] = ent
	}
	for _, mn := range r.Mentions {
		e.edge(byID[mn.Entity].IRI, graph.PredMentionedIn, iri(mn.Paragraph.ID), graph.SpanIRI(iri(mn.Paragraph.ID), mn.Start, mn.End))
	}
	return dedupe(e.quads)
}

// dedupe drops repeated quads (an alias whose Simplified form equals another's, a quote cited
// twice by one link) so that the store receives each quad once.
func dedupe(qs []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]struct{}, len(qs))
	out := qs[:0]
	for _, q := range qs {
		if _, dup := seen[q]; dup {
			continue
		}
		seen[q] = struct{}{}
		out = append(out, q)
	}
	return out
}

func partTitle(p *Part) string {
	if p.Chapter {
		return "第" + ChineseNumeral(p.Number) + "章 " + p.Title
	}
	if strings.HasPrefix(p.ID, "annex") {
		return strings.TrimSpace("附件" + strconv.Itoa(p.Number) + " " + p.Title)
	}
	return p.Title
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
