// Package cjk converts Chinese text into the forms people type when they search: Simplified
// characters (OpenCC t2s), toneless pinyin (go-pinyin) and a folded search key that makes
// "白鹅潭", "白鵝潭", "Bai e tan" and "baietan" comparable.
package cjk

import (
	"strings"
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
	t2sErr  error
)

// Simplify converts Traditional characters to Simplified ones. OpenCC maps phrases as well as
// characters; for the plans we load it keeps the number of characters unchanged, which lets
// offsets found in the Simplified text point into the original (callers check the lengths).
//
// OpenCC's table is not closed under itself: it maps 薴 to 苧 and 苧 to 苎 (FuzzFold found it), so
// one pass can leave a character that a second pass would convert, and a name would fold
// differently from its own folded form. Simplify converts until nothing changes; chains are a
// step or two long, and text already Simplified costs one pass as before.
func Simplify(s string) string {
	if s == "" || isASCII(s) {
		return s
	}
	t2sOnce.Do(func() { t2s, t2sErr = opencc.New("t2s") })
	if t2sErr != nil {
		return s // the dictionaries are embedded; failing to parse them is not recoverable here
	}
	for range maxSimplifyPasses {
		out, err := t2s.Convert(s)
		if err != nil || out == s {
			return s
		}
		s = out
	}
	return s
}

// maxSimplifyPasses bounds Simplify's passes; OpenCC's longest chain is far shorter.
const maxSimplifyPasses = 8

var pinyinArgs = pinyin.NewArgs()

// syllables memoises the pinyin of each character: go-pinyin formats a syllable on every call,
// and the same few thousand characters recur in every name.
var syllables sync.Map // rune → string

// umlaut writes ü as v, as toneless pinyin input does, before decomposition strips its dots.
var umlaut = strings.NewReplacer("ü", "v", "Ü", "v", "ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v")

// Pinyin returns the toneless pinyin of s as space-separated syllables. Runs of other
// characters (Latin letters, digits, "+") are kept, lower-cased, as words of their own, so
// "廣州西翼CBD" becomes "guang zhou xi yi cbd". Punctuation is dropped.
func Pinyin(s string) string {
	var b strings.Builder
	word := false // inside a run of non-Han characters
	sep := func() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			py := syllable(r)
			if py == "" {
				continue
			}
			sep()
			b.WriteString(py)
			word = false
		case keep(r):
			if !word {
				sep()
				word = true
			}
			b.WriteRune(unicode.ToLower(width(r)))
		default:
			word = false
		}
	}
	return b.String()
}

func syllable(r rune) string {
	if v, ok := syllables.Load(r); ok {
		return v.(string)
	}
	py := ""
	if p := pinyin.SinglePinyin(r, pinyinArgs); len(p) > 0 {
		py = p[0]
	}
	syllables.Store(r, py)
	return py
}

var heteronymArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Heteronym = true
	return a
}()

// PinyinVariants returns the readings of s a person might type when its characters have more
// than one (長 is cháng or zhǎng, 行 háng or xíng): the first is Pinyin(s), the others swap in
// other readings, at most max in all. go-pinyin has no word list to tell 銀行 (yín háng) from
// 行政 (xíng zhèng), so search indexes every likely reading rather than trusting the first.
func PinyinVariants(s string, max int) []string {
	first := Pinyin(s)
	out := []string{first}
	seen := map[string]bool{first: true}
	runes := []rune(s)
	for i, r := range runes {
		if len(out) >= max || !unicode.Is(unicode.Han, r) {
			continue
		}
		readings := pinyin.SinglePinyin(r, heteronymArgs)
		for _, alt := range readings[min(1, len(readings)):] {
			if len(out) >= max {
				break
			}
			// The name with this one character read differently, the others as in Pinyin.
			v := Pinyin(string(runes[:i])) + " " + alt + " " + Pinyin(string(runes[i+1:]))
			v = strings.Join(strings.Fields(v), " ")
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// IsKeyRune reports whether r survives folding: letters, digits, "+", "&" and Chinese
// characters. Text between such runes separates words.
func IsKeyRune(r rune) bool {
	return keep(width(r)) || unicode.Is(unicode.Han, r) || unicode.Is(unicode.Mn, r)
}

// Fold returns the search key of s: Simplified, lower-case, half-width, without tone marks,
// spaces or punctuation. Two strings a person would call "the same name" fold to the same key.
func Fold(s string) string {
	// Normalise before converting: OpenCC converts by character and phrase, so the characters
	// must already be in their final form or folding twice could convert differently (FuzzFold
	// found a CJK compatibility ideograph that decomposition turned into a convertible one).
	s = prepare(s)
	if HasHan(s) {
		s = Simplify(s)
	}
	return keyOf(s)
}

// FoldSimplified is Fold for text already in Simplified characters (or with no Chinese).
func FoldSimplified(s string) string { return keyOf(prepare(s)) }

// prepare makes full-width ASCII half-width, writes ü as v (as toneless pinyin input does),
// decomposes, and drops combining marks (tone marks of typed pinyin: bái → bai).
func prepare(s string) string {
	s = umlaut.Replace(strings.Map(width, s))
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
}

func keyOf(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if keep(r) || unicode.Is(unicode.Han, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// keep reports whether r is part of a name's search key: letters, digits, and the "+" and "&"
// that names such as "1+11" and "R&D" depend on.
func keep(r rune) bool {
	return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) || unicode.IsDigit(r) || r == '+' || r == '&'
}

// width maps full-width ASCII variants (Ａ, １, ＋) to their ASCII forms.
func width(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFF01 + 0x21
	}
	return r
}

// HasHan reports whether s holds a Chinese character.
func HasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
