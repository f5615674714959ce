package loader

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// A name inside a longer name counts as a mention only when the dataset links the two
// entities: the link is what says the nesting means something.
func TestNestedMentionsOfLinkedEntities(t *testing.T) {
	ent := func(id, name string) *Entity { return &Entity{EntitySpec: &EntitySpec{ID: id, Name: name}} }
	lab := ent("lab", "廣州市藥品檢驗所中成藥質量評價重點實驗室")
	inst := ent("inst", "廣州市藥品檢驗所")
	liwan := ent("liwan", "荔灣")
	library := ent("library", "荔灣區圖書館")
	market := ent("market", "芳村茶葉市場")
	tea := ent("tea", "茶葉")
	entities := []*Entity{lab, inst, liwan, library, market, tea}
	const text = "第一章 總體要求\n加快廣州市藥品檢驗所中成藥質量評價重點實驗室建設,荔灣區圖書館開放,芳村茶葉市場改造。\n"

	for _, tc := range []struct {
		name  string
		links []*Link
		want  string
	}{
		{"no links: only the outer names", nil,
			"lab@2 library@25 market@34"},
		{"linked: the inner name too, right after the outer", []*Link{{From: lab, To: inst}, {From: market, To: tea}},
			"lab@2 inst@2 library@25 market@34 tea@36"},
		{"a link either way round", []*Link{{From: inst, To: lab}},
			"lab@2 inst@2 library@25 market@34"},
		{"a link to another entity does not count", []*Link{{From: library, To: inst}},
			"lab@2 library@25 market@34"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ParseText("plan.txt", strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			ms, _ := findMentions(context.Background(), doc, entities, tc.links, nil)
			var got []string
			for _, m := range ms {
				if m.Text != string([]rune(m.Paragraph.Text)[m.Start:m.End]) {
					t.Errorf("mention %s: text %q is not the paragraph's [%d:%d]", m.Entity, m.Text, m.Start, m.End)
				}
				got = append(got, m.Entity+"@"+strconv.Itoa(m.Start))
			}
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("mentions: %s\nwant      %s", s, tc.want)
			}
		})
	}
}

// A plain word (PlanMeta.PlainWords) is read as one word: the name inside it is no mention,
// and the same name elsewhere still is.
func TestPlainWordsHideTheNameInside(t *testing.T) {
	gas := &Entity{EntitySpec: &EntitySpec{ID: "gas", Name: "氣體"}}
	steel := &Entity{EntitySpec: &EntitySpec{ID: "steel", Name: "鋼材"}}
	const text = "第一章 總體要求\n推動鋼材、氣體等原材料產品結構優化,強化溫室氣體排放控制。\n"
	doc, err := ParseText("plan.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		plain []string
		want  string
	}{
		{nil, "steel@2 gas@5 gas@22"},
		{[]string{"溫室氣體"}, "steel@2 gas@5"},
	} {
		ms, _ := findMentions(context.Background(), doc, []*Entity{gas, steel}, nil, tc.plain)
		var got []string
		for _, m := range ms {
			got = append(got, m.Entity+"@"+strconv.Itoa(m.Start))
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("plain words %q: mentions %s, want %s", tc.plain, s, tc.want)
		}
	}
}
