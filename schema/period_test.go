package schema_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/plangraph/plangraph/schema"
)

// query runs q on the Liwan plan and decodes its data into out; errors fail the test.
func query(t *testing.T, q string, out any) {
	t.Helper()
	snap, ex := liwan(t)
	var resp struct {
		Data   json.RawMessage
		Errors []any
	}
	if err := json.Unmarshal(ex.Execute(context.Background(), snap, schema.Params{Query: q}).JSON(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("%v %v", err, resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, out); err != nil {
		t.Fatal(err)
	}
}

// Every citation has a period, and links(period:) keeps only the links stated in words of
// those periods, with only those words as evidence: all periods together give every link, and
// ACHIEVED alone gives the review of 2016–2020.
func TestLinksByPeriod(t *testing.T) {
	var out struct {
		Entities struct {
			Nodes []struct {
				ID       string
				All      int
				Every    int
				Achieved []struct {
					Evidence []struct{ Period string }
				}
			}
		}
	}
	query(t, `{ entities(first: 1000) { nodes {
	  id
	  all: linkCount
	  every: linkCount(period: [ACHIEVED, CONTEXT, PLANNED, VISION, GLOSSARY])
	  achieved: links(period: [ACHIEVED]) { evidence { period } }
	} } }`, &out)
	achieved := 0
	for _, n := range out.Entities.Nodes {
		if n.All != n.Every {
			t.Errorf("%s: %d links, %d over all periods", n.ID, n.All, n.Every)
		}
		for _, l := range n.Achieved {
			achieved++
			for _, c := range l.Evidence {
				if c.Period != "ACHIEVED" {
					t.Errorf("%s: links(period: [ACHIEVED]) gave evidence of period %s", n.ID, c.Period)
				}
			}
		}
	}
	if achieved == 0 {
		t.Error("no link is stated in the review of 2016–2020")
	}
}

// A sentence the dataset places apart gives its citations its own period: the paragraph of the
// 2035 vision opens with Liwan's standing role (PLANNED), and the vision follows (VISION).
func TestSentencePeriod(t *testing.T) {
	type links []struct {
		Entity   struct{ ID string }
		Evidence []struct {
			Period    string
			Paragraph struct{ ID string }
		}
	}
	var out struct {
		Entity struct{ Vision, Planned links }
	}
	query(t, `{ entity(id: "liwan-14fyp/zone/liwan-district") {
	  vision: links(period: [VISION]) { entity { id } evidence { period paragraph { id } } }
	  planned: links(period: [PLANNED]) { entity { id } evidence { period paragraph { id } } }
	} }`, &out)
	const para = "liwan-14fyp/ch2/s3/p2"
	in := func(ls links, period string) (ids []string) {
		for _, l := range ls {
			for _, c := range l.Evidence {
				if c.Paragraph.ID == para {
					if c.Period != period {
						t.Errorf("%s: evidence in %s of period %s, asked for %s", l.Entity.ID, para, c.Period, period)
					}
					ids = append(ids, l.Entity.ID)
				}
			}
		}
		return ids
	}
	if got := in(out.Entity.Planned, "PLANNED"); !slices.Contains(got, "liwan-14fyp/strategy/high-quality-development") {
		t.Errorf("PLANNED links cited in %s: %v, want the opening sentence's", para, got)
	}
	if got := in(out.Entity.Vision, "VISION"); !slices.Contains(got, "liwan-14fyp/strategy/intl-metropolis-modern-central-district") || slices.Contains(got, "liwan-14fyp/strategy/high-quality-development") {
		t.Errorf("VISION links cited in %s: %v, want the vision's and not the opening sentence's", para, got)
	}
}

// Entity.chapters lists the parts whose paragraphs mention the entity, each once, in the
// plan's reading order.
func TestEntityChapters(t *testing.T) {
	var out struct {
		Plans []struct {
			Chapters []struct{ LocalID string }
		}
		Entity struct {
			Chapters []struct{ LocalID string }
		}
	}
	query(t, `{ plans { chapters { localId } } entity(id: "liwan-14fyp/zone/baietan-bd") { chapters { localId } } }`, &out)
	var order, got []string
	for _, c := range out.Plans[0].Chapters {
		order = append(order, c.LocalID)
	}
	for _, c := range out.Entity.Chapters {
		got = append(got, c.LocalID)
	}
	var want []string // the plan's parts, kept where the entity is mentioned
	for _, id := range order {
		if slices.Contains(got, id) {
			want = append(want, id)
		}
	}
	if !slices.Equal(got, want) || !slices.Contains(got, "ch3") || !slices.Contains(got, "ch5") {
		t.Errorf("chapters of 白鵝潭商務區: %v; want them in reading order %v, with ch3 and ch5", got, want)
	}
}

// paths(period:) walks only links stated in words of those periods and cites only them.
func TestPathsByPeriod(t *testing.T) {
	var out struct {
		Paths []struct {
			Links []struct {
				Evidence []struct{ Period string }
			}
		}
	}
	query(t, `{ paths(from: "liwan-14fyp/zone/julong-cluster", to: "liwan-14fyp/strategy/guangzhou-west-cbd", period: [PLANNED], first: 3) { links { evidence { period } } } }`, &out)
	if len(out.Paths) == 0 {
		t.Fatal("no path over PLANNED links")
	}
	for _, p := range out.Paths {
		for _, l := range p.Links {
			for _, c := range l.Evidence {
				if c.Period != "PLANNED" {
					t.Errorf("a path over PLANNED links cites words of period %s", c.Period)
				}
			}
		}
	}
}

// @path roll-ups follow their steps transitively where asked, and each reached entity comes
// with the chain of links that leads to it.
func TestPathRollUps(t *testing.T) {
	var out struct {
		Entity struct {
			SubZones []struct {
				Entity struct{ ID string }
				Via    []struct {
					Relation  string
					Direction string
				}
			}
		}
		Industry struct {
			FocusZones []struct {
				Via []struct{ Relation string }
			}
			BroaderIndustries []struct{ Entity struct{ Name string } }
		}
	}
	query(t, `{
	  entity(id: "liwan-14fyp/zone/baietan-bd") { ... on Zone { subZones { entity { id } via { relation direction } } } }
	  industry: entity(id: "liwan-14fyp/industry/biomedicine") { ... on Industry { focusZones { via { relation } } broaderIndustries { entity { name } } } }
	}`, &out)
	depth := map[int]int{}
	for _, r := range out.Entity.SubZones {
		depth[len(r.Via)]++
		for _, l := range r.Via {
			if l.Relation != "PART_OF" || l.Direction != "IN" {
				t.Errorf("%s reached by %s %s", r.Entity.ID, l.Relation, l.Direction)
			}
		}
	}
	if depth[1] == 0 || depth[2] == 0 {
		t.Errorf("sub-zones of 白鵝潭商務區 by depth: %v, want some at 1 and 2 (the 組團 of its 片區)", depth)
	}
	for _, r := range out.Industry.FocusZones {
		if last := r.Via[len(r.Via)-1]; last.Relation != "FOCUSES_ON" {
			t.Errorf("a focus zone reached last by %s", last.Relation)
		}
	}
	if len(out.Industry.BroaderIndustries) < 2 {
		t.Errorf("broader industries of 生物醫藥: %v, want its parents at every level", out.Industry.BroaderIndustries)
	}
}

// node(id) refetches anything with a global id, as Relay clients do, and nothing else.
func TestNodeRefetch(t *testing.T) {
	var out map[string]*struct {
		ID       string
		Typename string `json:"__typename"`
	}
	query(t, `{
	  zone: node(id: "liwan-14fyp/zone/baietan-bd") { id __typename }
	  chapter: node(id: "liwan-14fyp/ch3") { id __typename }
	  paragraph: node(id: "liwan-14fyp/ch3/s2/i1/p1") { id __typename }
	  plan: node(id: "liwan-14fyp") { id __typename }
	  none: node(id: "liwan-14fyp/zone/nowhere") { id __typename }
	}`, &out)
	for key, want := range map[string]string{"zone": "Zone", "chapter": "Chapter", "paragraph": "Paragraph", "plan": "Plan"} {
		if out[key] == nil || out[key].Typename != want || out[key].ID == "" {
			t.Errorf("node for %s: %+v, want a %s", key, out[key], want)
		}
	}
	if out["none"] != nil {
		t.Errorf("an unknown id gave %+v", out["none"])
	}
}
