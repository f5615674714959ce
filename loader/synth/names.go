package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"github.com/plangraph/plangraph/graph/cjk"
)

// namer hands out the prefixes names are built from. A prefix is unique in its plan and
// neither contains nor is contained in another, which (with the pool having no character of
// the fixed text) keeps every name and alias from occurring inside another: the loader's rule
// that a name identifies one entity holds, and its leftmost-longest mentions find exactly the
// names the generator placed.
type namer struct {
	rng   *rand.Rand
	used  []string
	slugs map[string]bool
}

func newNamer(rng *rand.Rand) *namer {
	return &namer{rng: rng, slugs: map[string]bool{}}
}

// prefix returns a new prefix of two characters, or three one time in five.
func (n *namer) prefix() string {
	for {
		size := 2
		if n.rng.IntN(5) == 0 {
			size = 3
		}
		r := make([]rune, size)
		for i := range r {
			r[i] = pool[n.rng.IntN(len(pool))]
		}
		p := string(r)
		if n.free(p) {
			n.used = append(n.used, p)
			return p
		}
	}
}

func (n *namer) free(p string) bool {
	for _, u := range n.used {
		if strings.Contains(u, p) || strings.Contains(p, u) {
			return false
		}
	}
	return true
}

// slug returns a unique id made of the prefix's pinyin and the English words: jinrui-cluster.
func (n *namer) slug(prefix string, english ...string) string {
	base := strings.Join(strings.Fields(cjk.Pinyin(prefix)), "")
	for _, e := range english {
		for _, w := range strings.FieldsFunc(strings.ToLower(e), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		}) {
			base += "-" + w
		}
	}
	s := base
	for i := 2; n.slugs[s]; i++ {
		s = base + "-" + strconv.Itoa(i)
	}
	n.slugs[s] = true
	return s
}

// english returns the prefix in pinyin as an English proper name: 金瑞 → Jinrui.
func english(prefix string) string {
	s := strings.Join(strings.Fields(cjk.Pinyin(prefix)), "")
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
