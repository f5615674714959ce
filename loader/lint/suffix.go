package lint

import (
	"sort"
	"strings"

	"github.com/plangraph/plangraph/loader"
)

// kindSuffixes end names that say what kind of thing they name; GUIDE.md §4 asks that like
// things be typed alike. 綫 and 線 fold to the same character. A rail or road line ends in 號線
// or 延線 (地鐵11號線, 浣花路西延線); a bare 線 would also take in 國家安全人民防線, a line
// of defence.
var kindSuffixes = []string{"市場", "產業園", "公園", "醫院", "博物館", "學校", "大學", "中學", "小學", "隧道", "大橋", "地鐵", "號線", "延線", "街道", "片區", "組團", "地塊"}

// kindSuffix returns the longest kind-suffix the folded name ends with (folded, and as listed),
// or "".
func kindSuffix(name string) (folded, shown string) {
	for _, s := range kindSuffixes {
		fs := fold(s)
		if strings.HasSuffix(name, fs) && len(fs) > len(folded) && name != fs {
			folded, shown = fs, s
		}
	}
	return folded, shown
}

// typeBySuffix reports, among the entities whose names end in the same kind-suffix, each one
// typed differently from the most common type. Terms are left out: their type is the
// glossary's, not a curator's choice. So are Targets: a target is named by what it counts
// (義務教育新開辦學校 counts schools; it is not one).
func (c *checker) typeBySuffix() {
	groups := map[string][]*loader.Entity{}
	shown := map[string]string{}
	var order []string
	for _, e := range c.res.Entities {
		if isGlossary(e) || e.Indicator != "" {
			continue
		}
		s, show := kindSuffix(fold(e.Name))
		if s == "" {
			continue
		}
		shown[s] = show
		if groups[s] == nil {
			order = append(order, s)
		}
		groups[s] = append(groups[s], e)
	}
	for _, s := range order {
		g := groups[s]
		count := map[string]int{}
		var types []string
		for _, e := range g {
			if count[e.Type] == 0 {
				types = append(types, e.Type)
			}
			count[e.Type]++
		}
		if len(types) < 2 {
			continue
		}
		// The majority type; on a tie, the type of the entity declared first (types keeps
		// declaration order and the sort is stable).
		sort.SliceStable(types, func(i, j int) bool { return count[types[i]] > count[types[j]] })
		major := types[0]
		var examples []string
		for _, e := range g {
			if e.Type == major && len(examples) < 3 {
				examples = append(examples, e.Name)
			}
		}
		for _, e := range g {
			if e.Type != major {
				c.add(e.Pos, RuleTypeBySuffix, Warning, e.Ack, "%s: %q is a %s but %d of the %d names ending in …%s are %s (%s): type like things alike, unless the plan treats this one differently",
					e.ID, e.Name, e.Type, count[major], len(g), shown[s], major, strings.Join(examples, ", "))
			}
		}
	}
}
