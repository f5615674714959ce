package loader

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A target's qualifier is the word that follows its value; a word before the value qualifies
// something else.
func TestQuoteQualifier(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		quote string
		value *float64
		want  string
	}{
		{"2025年達到1450億元左右", f(1450), "ABOUT"},
		{"年均開展各類職業技能培訓2萬人次以上", f(2), "AT_LEAST"},
		{"單位地區生產總值能耗控制在0.2噸標準煤以內", f(0.2), "AT_MOST"},
		{"PM2.5濃度不超過30微克", f(30), "AT_MOST"}, // the word stands right before the value
		{"適齡兒童入學率不低於95%", f(95), "AT_LEAST"},
		{"增幅不超過", nil, "AT_MOST"}, // 不超過, not the 超過 inside it
		{"每千人口擁有3歲以下嬰幼兒托位數4個", f(4), ""},
		{"地區生產總值達到100億元", f(100), ""},
		// Worded targets: the words say what is asked.
		{"降低兒童意外傷害死亡率", nil, "DECREASE"},
		{"主要污染物排放總量持續減少", nil, "DECREASE"},
		{"推動實現5G商用網絡全覆蓋", nil, "FULL"},
		{"力爭碳排放率先達峰", nil, "PEAK"},
		{"城市居民人均可支配收入年均增速與經濟增長基本同步", nil, "IN_STEP"},
		{"空氣質量優良天數比例等指標完成市下達任務", nil, "ASSIGNED"},
		{"把排放降低到30噸以下", f(30), "AT_MOST"}, // a number: 以下 holds, 降低 is not read
		{"推動城市更新", nil, ""},
	} {
		if got := quoteQualifier(tc.quote, tc.value); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.quote, got, tc.want)
		}
	}
}

// The periods rules of plan.yaml: a bad period or a place the text lacks is a problem, and
// the longest prefix places a paragraph.
func TestPeriodRules(t *testing.T) {
	base := "id: demo-plan\ntitle: 示例區規劃綱要\ntext: plan.txt\n"
	probs := loadProblems(t, smallFS(t, map[string]string{"plan.yaml": base + "periods:\n  ch1: SOON\n  ch9/s1: PLANNED\n"}))
	joined := strings.Join(probs, "\n")
	for _, want := range []string{`periods: ch1: unknown period "SOON"`, `periods: "ch9/s1" is not a part`} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
	res, err := Load(smallFS(t, map[string]string{"plan.yaml": base + "periods:\n  default: CONTEXT\n  ch1: PLANNED\n  ch1/s2: VISION\n"}), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Doc.Paragraphs {
		want := "CONTEXT"
		switch {
		case strings.HasPrefix(p.ID, "ch1/s2/") || p.ID == "ch1/s2":
			want = "VISION"
		case strings.HasPrefix(p.ID, "ch1/"):
			want = "PLANNED"
		}
		if p.Period != want {
			t.Errorf("%s: %s, want %s", p.ID, p.Period, want)
		}
	}
}

// Loading stops when its context ends, with the context's error, not a list of problems.
func TestLoadContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := LoadContext(ctx, smallFS(t, nil), ".", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// textEn: entries give paragraphs their English; an id the text lacks, or a paragraph given
// twice, is a problem naming the file and line.
func TestTranslations(t *testing.T) {
	probs := loadProblems(t, smallFS(t, map[string]string{
		"en.yaml":  "textEn:\n  \"ch1/h\": \"Chapter 1 General Requirements\"\n  \"ch9/p9\": \"Nothing\"\n",
		"en2.yaml": "textEn:\n  \"ch1/h\": \"Again\"\n",
	}))
	joined := strings.Join(probs, "\n")
	for _, want := range []string{`en.yaml:3: textEn: "ch9/p9" is not a paragraph`, `en2.yaml:2: textEn: ch1/h is translated twice (also at en.yaml:2)`} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
	res, err := Load(smallFS(t, map[string]string{"en.yaml": "textEn:\n  \"ch1/h\": \"Chapter 1 General Requirements\"\n"}), ".")
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Doc.Paragraph("ch1/h"); p == nil || p.TextEn != "Chapter 1 General Requirements" {
		t.Errorf("ch1/h: %+v", p)
	}
}
