package synth

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
)

// generator builds one plan.
type generator struct {
	prof   *Profile
	rng    *rand.Rand
	names  *namer
	id     string
	region string
	ents   []*entity
	byType map[string][]*entity
	links  []*link
	doc    *layoutDoc
}

// entity is an entity being generated.
type entity struct {
	id, typ, name, en string
	prefix            string
	word              suffix // its suffix (or, for targets, topic): what kind of thing it is
	aliases           []string
	prefixAlias       bool // the prefix alone is an alias, so a clause that shortens the name mentions it
	description       string
	indicator, unit   string
	value             *float64
	year              int
	quote             string
	headword          string
	inWeight          float64 // how likely links are to point at it
	out               map[string]bool
	defines           []*entity // for terms: the entities its glossary entry enumerates
}

// link is a link being generated.
type link struct {
	from, to *entity
	rel      string
	quotes   []string
	cites    int
}

func newGenerator(prof *Profile, seed uint64, index int) *generator {
	// Each plan has its own stream, derived from (seed, index), so plan i does not depend on
	// how many plans are generated or in which order.
	h := fnv.New64a()
	h.Write([]byte(prof.Plan))
	rng := rand.New(rand.NewPCG(seed, uint64(index)^h.Sum64()))
	g := &generator{prof: prof, rng: rng, names: newNamer(rng), id: PlanID(seed, index), byType: map[string][]*entity{}}
	g.region = g.names.prefix() + "市" + g.names.prefix() + "區"
	return g
}

// entities creates the plan's entities with their names, aliases and attributes.
func (g *generator) entities() {
	counts := g.typeCounts(g.entityCount())
	for _, t := range typeOrder {
		for i := 0; i < counts[t]; i++ {
			e := g.entity(t)
			g.ents = append(g.ents, e)
			g.byType[t] = append(g.byType[t], e)
		}
	}
}

func (g *generator) entity(t string) *entity {
	w := words[t]
	e := &entity{typ: t, prefix: g.names.prefix(), out: map[string]bool{}}
	var topic suffix
	if len(w.topics) > 0 {
		i := g.rng.IntN(len(w.topics))
		topic = w.topics[i]
		if t == "Target" {
			e.unit = targetUnits[i]
		}
	}
	if len(w.suffixes) > 0 {
		e.word = pick(g.rng, w.suffixes)
	} else {
		e.word = topic
		topic = suffix{}
	}
	e.en = strings.TrimSpace(english(e.prefix) + " " + strings.TrimSpace(topic.en+" "+e.word.en))
	e.id = g.names.slug(e.prefix, topic.en, e.word.en)
	switch t {
	case "Term":
		// The name is the glossary headword, written once the term's links are known.
	case "Target":
		e.name = e.prefix + e.word.zh
		e.year = 2025
		e.indicator = strconv.Itoa(e.year) + "年" + e.name
		if g.chance(float64(g.prof.TargetsNum) / float64(max(1, g.prof.Types["Target"]))) {
			v := g.targetValue(e.unit)
			e.value = &v
			e.quote = e.name + "達到" + strconv.FormatFloat(v, 'f', -1, 64) + e.unit
		} else {
			e.unit = ""
			e.quote = e.name + "穩步提升"
		}
	default:
		e.name = e.prefix + topic.zh + e.word.zh
	}
	if t != "Term" {
		// Aliases as plans write them: the name without its suffix (白鵝潭 for 白鵝潭商務區),
		// or another spelling of it.
		for i := 0; i < min(2, pick(g.rng, g.prof.Aliases[t])); i++ {
			if i == 0 && g.chance(0.5) {
				e.aliases = append(e.aliases, e.prefix)
				e.prefixAlias = true
				continue
			}
			e.aliases = append(e.aliases, g.names.prefix()+topic.zh+e.word.zh)
		}
	}
	if g.chance(float64(g.prof.Describe[t]) / float64(max(1, g.prof.Types[t]))) {
		e.description = "{N}是本區重點建設的" + e.word.zh + "。"
	}
	e.inWeight = float64(pick(g.rng, g.prof.InDegree[t])) + 0.3
	return e
}

// targetValue is a plausible value of a target in unit.
func (g *generator) targetValue(unit string) float64 {
	switch unit {
	case "億元":
		return float64(100 + 10*g.rng.IntN(290))
	case "%":
		return float64(1 + g.rng.IntN(90))
	case "萬人":
		return float64(50 + g.rng.IntN(150))
	}
	return float64(50000 + 1000*g.rng.IntN(70))
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// connect draws each entity's out-degree from the profile's degrees of its type, and each link's
// relation and target type from the profile's (type, relation, type) mix. Targets are chosen
// in proportion to an in-degree drawn from the profile, which keeps the hubs of the original.
func (g *generator) connect() {
	kinds := map[string][]LinkKind{}
	for _, k := range g.prof.Kinds {
		kinds[k.From] = append(kinds[k.From], k)
	}
	for _, e := range g.ents {
		k := pick(g.rng, g.prof.OutDegree[e.typ])
		if e.typ == "Term" {
			k = max(k, 1) // every glossary entry enumerates something
		}
		for j := 0; j < k; j++ {
			for try := 0; try < 4; try++ {
				if g.addLink(e, kinds[e.typ]) {
					break
				}
			}
		}
	}
}

func (g *generator) addLink(from *entity, kinds []LinkKind) bool {
	if len(kinds) == 0 {
		return false
	}
	total := 0
	for _, k := range kinds {
		total += k.N
	}
	x := g.rng.IntN(total)
	var kind LinkKind
	for _, k := range kinds {
		if x < k.N {
			kind = k
			break
		}
		x -= k.N
	}
	if from.typ == "Term" && kind.Rel != "DEFINES" {
		return false // a term's other links would need quotes outside the glossary; keep it simple
	}
	var cands []*entity
	sum := 0.0
	for _, c := range g.byType[kind.To] {
		if c != from && !from.out[kind.Rel+"\x00"+c.id] {
			cands = append(cands, c)
			sum += c.inWeight
		}
	}
	if len(cands) == 0 {
		return false
	}
	y := g.rng.Float64() * sum
	to := cands[len(cands)-1]
	for _, c := range cands {
		if y < c.inWeight {
			to = c
			break
		}
		y -= c.inWeight
	}
	from.out[kind.Rel+"\x00"+to.id] = true
	l := &link{from: from, to: to, rel: kind.Rel, cites: 1}
	if kind.Rel == "DEFINES" {
		from.defines = append(from.defines, to)
	} else {
		l.cites = min(pick(g.rng, g.prof.Citations), len(linkQuotes[kind.Rel]))
	}
	g.links = append(g.links, l)
	return true
}

// terms writes each glossary entry: “金瑞+3”發展格局 enumerates four entities.
func (g *generator) terms() {
	for _, e := range g.byType["Term"] {
		head := e.prefix
		if n := len(e.defines); n > 1 {
			head += "+" + strconv.Itoa(n-1)
		}
		e.headword = "“" + head + "”" + e.word.zh
		e.name = e.headword
		if pick(g.rng, g.prof.Aliases["Term"]) > 0 {
			e.aliases = []string{head}
			e.prefixAlias = head == e.prefix
		}
	}
}
