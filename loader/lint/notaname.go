package lint

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plangraph/plangraph/loader"
)

// not-a-name is a heuristic. A proper name in a plan has a mark: quotation marks or 《》 (a
// coined slogan or a document), a digit ("1+11", 6號線), or a Chinese numeral with a measure
// word (一帶兩區, 三隧四路五軌道). Without one, a name that reads as a task of the plan — it starts
// with one of the plan's verbs of action, holds a clause or a list, or is very long — is most
// likely a generic phrase taken for an entity. Place names, bodies and industries ("荔灣區",
// "廣州工控集團", "生物醫藥") pass because they start with a noun. Generic noun phrases
// (應急響應機制) pass too: syntax cannot tell them from coined names.

// taskVerbs open the plan's task sentences (推進…, 加快建設…); a name starting with one is a task,
// not a thing. Compared after folding, so Simplified spellings match as well.
var taskVerbs = []string{
	"推進", "加強", "加快", "完善", "建立", "健全", "深化", "推動", "實施", "開展", "提升", "促進",
	"強化", "優化", "落實", "構建", "打造", "支持", "鼓勵", "引導", "培育", "發展", "建設",
	"加大", "提高", "堅持", "大力", "積極", "全面", "持續", "探索", "著力", "推行",
	"規范", "規範", "保障", "維護", "做強", "做優", "做大", "壯大", "提速", "謀劃", "爭創", "爭取",
	"統籌", "鞏固", "防范", "防範", "嚴格", "加速", "聚焦", "圍繞", "依托", "引進", "布局", "推廣",
}

// nounCompounds are nouns that start with a task verb (建設用地 is land, not an act of building).
var nounCompounds = []string{"建設用地", "建設監理", "建設工程", "發展改革", "發展和改革"}

// bodySuffixes end the names of bodies, which are named by what they do (優化營商環境咨詢委員會).
var bodySuffixes = []string{"委員會", "辦公室", "領導小組", "協會", "商會", "聯盟", "集團", "公司", "研究院", "研究所"}

// maxNameRunes is the longest name that is still read at a glance as a name; longer ones are
// clauses.
const maxNameRunes = 24

var (
	// reNumeralMeasure is a Chinese numeral followed by a measure word or a counted noun, as
	// in the plan's coined slogans: 一帶兩區, 一心多點, 三隧四路五軌道, 六清, 四標四實.
	reNumeralMeasure = regexp.MustCompile(`[一二三四五六七八九十百千兩两雙双多][個个項项條条座所家片帶带區区心點点軸轴廊環环網网路隧軌轨核城園园港站線线綫大化清建標标實实極极中批新主級级崗岗岸]`)
	// quoteMarks are the marks that set a coined or official name apart.
	quoteMarks = "“”‘’\"「」『』《》〈〉"
)

// notAName returns why e's name looks like a generic phrase rather than a name, or "" when it
// does not (or when the glossary or a target's indicator gives the name).
func notAName(e *loader.Entity) string {
	if isGlossary(e) || e.Indicator != "" {
		return ""
	}
	name := e.Name
	if hasNameMark(name) {
		return ""
	}
	k := fold(name)
	for _, b := range bodySuffixes {
		if strings.HasSuffix(k, fold(b)) {
			return ""
		}
	}
	for _, n := range nounCompounds {
		if strings.HasPrefix(k, fold(n)) {
			return ""
		}
	}
	for _, v := range taskVerbs {
		if strings.HasPrefix(k, fold(v)) {
			return "starts with the verb " + v + ": a task of the plan, not a thing it names"
		}
	}
	if p, ok := clausePunct(name); ok && !parallel(name) {
		return "holds " + p + ": a clause or a list, not one name"
	}
	if utf8.RuneCountInString(name) > maxNameRunes {
		return "is longer than a name read at a glance"
	}
	return ""
}

func hasNameMark(s string) bool {
	if strings.ContainsAny(s, quoteMarks) || reNumeralMeasure.MatchString(s) {
		return true
	}
	for _, r := range s {
		if unicode.IsDigit(r) || r >= 0x2460 && r <= 0x24FF { // ①②: enumerated items
			return true
		}
	}
	return false
}

// clausePunct returns the first sentence or list punctuation of s. Punctuation inside “” or
// 《》 never reaches here: a name with quotation marks has a mark and is not checked.
func clausePunct(s string) (string, bool) {
	for _, r := range s {
		if strings.ContainsRune(",，。；;：:、", r) {
			return string(r), true
		}
	}
	return "", false
}

// parallel reports whether s is a coined slogan of parallel phrases: two or more parts, split by
// list or clause punctuation, of the same length of at most four characters (食在廣州、味在西關,
// 大學習、深調研、真落實). A list of generic things rarely balances so exactly.
func parallel(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，、；;", r) })
	if len(parts) < 2 {
		return false
	}
	n := utf8.RuneCountInString(parts[0])
	for _, p := range parts {
		if utf8.RuneCountInString(p) != n || n > 4 {
			return false
		}
	}
	return true
}
