package cjk

import "testing"

func TestForms(t *testing.T) {
	for _, tc := range []struct {
		in, simplified, pinyin, fold string
	}{
		{"白鵝潭商務區", "白鹅潭商务区", "bai e tan shang wu qu", "白鹅潭商务区"},
		{"廣州西翼CBD", "广州西翼CBD", "guang zhou xi yi cbd", "广州西翼cbd"},
		{"“1+11”網絡結構", "“1+11”网络结构", "1+11 wang luo jie gou", "1+11网络结构"},
		{"廣鋼—廣船央企總部組團", "广钢—广船央企总部组团", "guang gang guang chuan yang qi zong bu zu tuan", "广钢广船央企总部组团"},
		{"Bai'etan Business District", "Bai'etan Business District", "bai etan business district", "baietanbusinessdistrict"},
		{"R&D支出", "R&D支出", "r&d zhi chu", "r&d支出"},
		{"ＣＢＤ", "ＣＢＤ", "cbd", "cbd"},
		{"", "", "", ""},
	} {
		if got := Simplify(tc.in); got != tc.simplified {
			t.Errorf("Simplify(%q) = %q, want %q", tc.in, got, tc.simplified)
		}
		if got := Pinyin(tc.in); got != tc.pinyin {
			t.Errorf("Pinyin(%q) = %q, want %q", tc.in, got, tc.pinyin)
		}
		if got := Fold(tc.in); got != tc.fold {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.fold)
		}
	}
}

// What people type must fold to the same key as what is stored.
func TestFoldMatchesWhatPeopleType(t *testing.T) {
	for _, tc := range []struct{ typed, stored string }{
		{"白鹅潭", "白鵝潭"},
		{"bai e tan", "bai e tan"},
		{"Bái É Tán", "bai e tan"},
		{"BAIETAN", "bai e tan"},
		{"lü", "lv"},
		{"苎", "薴"}, // OpenCC takes two passes: 薴 → 苧 → 苎
	} {
		if Fold(tc.typed) != Fold(tc.stored) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want equal", tc.typed, Fold(tc.typed), tc.stored, Fold(tc.stored))
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"白鵝潭", "bai e tan", "1+11", "\xff", "Ａ＋"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if Fold(k) != k {
			t.Errorf("Fold is not idempotent: Fold(%q)=%q, Fold(that)=%q", s, k, Fold(k))
		}
		_ = Pinyin(s)
	})
}

func TestPinyinVariants(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // a reading that must be among the variants
	}{
		{"長壽路", "chang shou lu"},
		{"銀行", "yin hang"},
		{"都市", "du shi"},
		{"十三行", "shi san hang"},
		{"廣州西翼CBD", "guang zhou xi yi cbd"},
	} {
		vs := PinyinVariants(tc.in, 6)
		if vs[0] != Pinyin(tc.in) {
			t.Errorf("PinyinVariants(%q)[0] = %q, want Pinyin's %q", tc.in, vs[0], Pinyin(tc.in))
		}
		found := false
		for _, v := range vs {
			found = found || v == tc.want
		}
		if !found || len(vs) > 6 {
			t.Errorf("PinyinVariants(%q) = %q: want %q among at most 6", tc.in, vs, tc.want)
		}
	}
}
