package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/internal/testkit"
)

// liwan returns the read index of the embedded Liwan plan.
func liwan(t testing.TB) *graph.Snapshot {
	t.Helper()
	_, st := testkit.Liwan(t)
	return st.Snapshot()
}

func TestSearchFindsWhatPeopleType(t *testing.T) {
	s := liwan(t)
	for _, tc := range []struct {
		query, wantFirst string
		field            graph.Field
	}{
		{"白鵝潭", "白鵝潭商務區", graph.FieldAlias},
		{"白鹅潭", "白鵝潭商務區", graph.FieldAliasSimp},
		{"baietan", "白鵝潭商務區", graph.FieldAliasPinyin},
		{"bai e tan", "白鵝潭商務區", graph.FieldAliasPinyin},
		{"Bai'etan Business District", "白鵝潭商務區", graph.FieldNameEn},
		{"一岛一港", "一島一港一帶多組團", graph.FieldNameSimplified},
		{"1+11", "“1+11”網絡結構", graph.FieldAlias},
		{"聚龍灣組團", "白鵝潭聚龍組團", graph.FieldAlias},
		{"聚龙湾组团", "白鵝潭聚龍組團", graph.FieldAliasSimp},
		{"海龍廣佛高質量發展科創示范區", "海龍廣佛高質量發展科創示范區", graph.FieldName},
		{"digital economy", "數字經濟", graph.FieldNameEn},
		// The English names of entities merged into another stay findable.
		{"Bai'etan Riverside Headquarters Economy Belt", "白鵝潭商務區", graph.FieldAliasEn},
		{"urban village redevelopment", "舊村改造", graph.FieldAliasEn},
		// 行 is read xíng in most words but háng in 十三行 (the Thirteen Hongs).
		{"shisanhang", "十三行", graph.FieldPinyin},
		{"he hu zhang zhi", "河湖長制", graph.FieldPinyin},
	} {
		hits := s.Search(tc.query, graph.SearchOptions{Limit: 5})
		if len(hits) == 0 {
			t.Errorf("search %q: no hits", tc.query)
			continue
		}
		if got := hits[0].Node.Str(graph.PropName); got != tc.wantFirst {
			t.Errorf("search %q: first hit %s, want %s (hits: %v)", tc.query, got, tc.wantFirst, names(hits))
		}
		if hits[0].Field != tc.field {
			t.Errorf("search %q: matched field %s, want %s", tc.query, hits[0].Field, tc.field)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	s := liwan(t)
	hits := s.Search("白鵝潭", graph.SearchOptions{})
	if len(hits) < 5 {
		t.Fatalf("search 白鵝潭: %d hits, want many (every name containing it)", len(hits))
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Fatalf("hits not sorted by score at %d: %v", i, names(hits))
		}
		if hits[i].Class < hits[i-1].Class {
			t.Errorf("%s (%d) ranked after %s (%d): exact > prefix > substring", hits[i].Node.Str(graph.PropName), hits[i].Class, hits[i-1].Node.Str(graph.PropName), hits[i-1].Class)
		}
	}
	// A substring that is not a prefix still matches Chinese names.
	hits = s.Search("龍組團", graph.SearchOptions{})
	found := false
	for _, h := range hits {
		if h.Node.Str(graph.PropName) == "白鵝潭聚龍組團" && h.Class == graph.MatchSubstring {
			found = true
		}
	}
	if !found {
		t.Errorf("search 龍組團: 白鵝潭聚龍組團 not found as a substring match: %v", names(hits))
	}
	// Pinyin matches start at syllables: "aietan" is inside "baietan" but starts mid-syllable.
	for _, h := range s.Search("aietan", graph.SearchOptions{}) {
		if strings.Contains(h.Matched, "bai e tan") && h.Field == graph.FieldPinyin {
			t.Errorf("etan matched %q mid-syllable", h.Matched)
		}
	}
}

func TestSearchFilters(t *testing.T) {
	s := liwan(t)
	for _, h := range s.Search("白鵝潭", graph.SearchOptions{Types: []string{"Project"}}) {
		if h.Node.Kind != "Project" {
			t.Errorf("type filter Project returned a %s: %s", h.Node.Kind, h.Node.Str(graph.PropName))
		}
	}
	if hits := s.Search("白鵝潭", graph.SearchOptions{Limit: 3}); len(hits) != 3 {
		t.Errorf("limit 3 gave %d hits", len(hits))
	}
	if hits := s.Search("白鵝潭", graph.SearchOptions{Plan: "no-such-plan"}); len(hits) != 0 {
		t.Errorf("search in a missing plan gave %d hits", len(hits))
	}
	if hits := s.Search("   ", graph.SearchOptions{}); len(hits) != 0 {
		t.Errorf("blank query gave %d hits", len(hits))
	}
}

func TestSearchTextIsAPhraseSearch(t *testing.T) {
	s := liwan(t)
	ctx := context.Background()
	hits, err := s.SearchText(ctx, "白鹅潭聚龙组团", graph.TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("no paragraph found for 白鹅潭聚龙组团")
	}
	for _, h := range hits {
		text := h.Paragraph.Str(graph.PropText)
		if !strings.Contains(text, "白鵝潭聚龍組團") {
			t.Errorf("%s matched without the phrase (bigrams ORed?): %.40s…", h.Paragraph.ID, text)
		}
		if len(h.Offsets) == 0 {
			t.Errorf("%s: no highlight offsets", h.Paragraph.ID)
		}
		for _, o := range h.Offsets {
			if got := (graph.Span{Start: o, End: o + h.Length}).Text(text); got != "白鵝潭聚龍組團" {
				t.Errorf("%s: highlight at %d is %q", h.Paragraph.ID, o, got)
			}
		}
	}
	// "聚龍" and "組團" both occur in many paragraphs; only the phrase "龍組團聚" occurs in none.
	if hits, _ := s.SearchText(ctx, "龍組團聚", graph.TextOptions{}); len(hits) != 0 {
		t.Errorf("phrase that is not in the text matched %d paragraphs", len(hits))
	}
	if hits, _ := s.SearchText(ctx, "潭", graph.TextOptions{Limit: 3}); len(hits) != 3 {
		t.Errorf("one-character query: %d hits, want 3", len(hits))
	}
}

func names(hits []graph.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Node.Str(graph.PropName)
	}
	return out
}

// Forgiving search: English words in any order and with any separators, the plan's
// abbreviations either way, a long Chinese name with one character off — each ranked below
// every exact, prefix and substring match.
func TestForgivingSearch(t *testing.T) {
	s := liwan(t)
	for _, tc := range []struct {
		query, wantFirst string
		class            int
	}{
		{"west cbd", "廣州西翼中央商務區", graph.MatchWords},
		{"CBD west", "廣州西翼中央商務區", graph.MatchWords},
		{"Guangzhou West Central Business District", "廣州西翼中央商務區", graph.MatchWords},
		{"guangzhou-west/central business", "廣州西翼中央商務區", graph.MatchWords},
		{"廣州西部中央商務區", "廣州西翼中央商務區", graph.MatchNear},
		{"广州西部中央商务区", "廣州西翼中央商務區", graph.MatchNear},
		{"bai etan future city", "白鵝潭未來之城", graph.MatchWords},
		{"future city bai'etan", "白鵝潭未來之城", graph.MatchWords},
	} {
		hits := s.Search(tc.query, graph.SearchOptions{Limit: 5})
		if len(hits) == 0 || hits[0].Node.Str(graph.PropName) != tc.wantFirst || hits[0].Class != tc.class {
			t.Errorf("%q: %v, want %s first (class %d)", tc.query, names(hits), tc.wantFirst, tc.class)
		}
	}
	// An exact or substring match ranks above a forgiving one.
	hits := s.Search("白鵝潭商務", graph.SearchOptions{})
	for i, h := range hits {
		if i > 0 && h.Class < hits[i-1].Class {
			t.Errorf("hit %d (%s, class %d) ranks below a weaker match (class %d)", i, h.Node.Str(graph.PropName), h.Class, hits[i-1].Class)
		}
	}
	// Short names are not matched with a character off: one is too much of them.
	for _, h := range s.Search("白鵝灘", graph.SearchOptions{}) {
		if h.Class == graph.MatchNear {
			t.Errorf("白鵝灘 matched %s with a character off", h.Node.Str(graph.PropName))
		}
	}
}
