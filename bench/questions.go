package bench

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"github.com/plangraph/plangraph/graph"
)

// The questions, as an analyst asks them. Every engine answers each one in full: no `first`
// cuts a result short (see checkNotCut), and the answers are compared as the tuples of
// answers.go.
const (
	// Lookup: the name of the entity with this id.
	Lookup = "lookup"
	// Search: every entity whose name or alias contains the text, in any script the plan's
	// names are stored in (as written, or Simplified).
	Search = "search"
	// OneHop: the entities of one type linked to the entity, by any relation, either way.
	OneHop = "1hop"
	// TwoHop: the entity's neighbours (any relation, either way) and theirs, with their names.
	TwoHop = "2hop"
	// ThreeHopCited: the links going out of the entity, out of the entities they reach, and out
	// of those (three hops), each with every citation that states it.
	ThreeHopCited = "3hop-cited"
	// Path: the length of a shortest connection between two entities (any relation, either
	// way, at most 4 hops).
	Path = "path"
)

// Questions lists the questions in the order they run.
var Questions = []string{Lookup, Search, OneHop, TwoHop, ThreeHopCited, Path}

// maxHops bounds the path question, as the API's paths(maxHops: 4) does.
const maxHops = 4

// Input is the start of one question.
type Input struct {
	ID   string // the entity the question starts from
	To   string // path: the other end
	Type string // 1hop: the entity type listed (Zone …)
	Text string // search: the text
}

func (in Input) String() string {
	switch {
	case in.Text != "":
		return fmt.Sprintf("%q", in.Text)
	case in.To != "":
		return in.ID + " → " + in.To
	case in.Type != "":
		return in.ID + " (" + in.Type + ")"
	}
	return in.ID
}

// relationPreds are the predicates of every relation: the questions follow all of them.
func relationPreds() []string {
	out := make([]string, len(graph.Relations))
	for i, r := range graph.Relations {
		out[i] = r.Pred
	}
	return out
}

// pickInputs chooses the start points of every question, n each, from one plan: the plan's
// entities in a seeded random order, keeping those the question can start from. The choice
// depends only on the plan and the seed, so every size, store and engine asks the same
// questions; starting in the Liwan plan keeps them the same when the store grows.
func pickInputs(snap *graph.Snapshot, plan string, n int, seed uint64) (map[string][]Input, error) {
	ents := snap.Entities(plan, nil)
	if len(ents) == 0 {
		return nil, fmt.Errorf("pick start points: plan %q has no entities", plan)
	}
	order := append([]*graph.Node(nil), ents...)
	sort.Slice(order, func(i, j int) bool { return order[i].ID < order[j].ID })
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	preds := relationPreds()
	linked := func(id string, dir graph.Dir) []graph.Edge { return snap.EdgesOf(id, preds, dir) }

	out := map[string][]Input{}
	add := func(q string, in Input) bool {
		if len(out[q]) >= n {
			return false
		}
		out[q] = append(out[q], in)
		return true
	}
	seenText := map[string]bool{}
	for _, e := range order {
		id := e.ID
		add(Lookup, Input{ID: id})
		if text := searchText(e.Str(graph.PropName)); text != "" && !seenText[text] && len(out[Search]) < n {
			seenText[text] = true
			add(Search, Input{Text: text})
		}
		both := linked(id, graph.Both)
		if len(both) == 0 {
			continue
		}
		add(OneHop, Input{ID: id, Type: commonKind(both)})
		add(TwoHop, Input{ID: id})
		if len(linked(id, graph.Out)) > 0 {
			add(ThreeHopCited, Input{ID: id})
		}
		if len(out[Path]) < n {
			want := 2 + len(out[Path])%(maxHops-1) // distances 2, 3, 4, 2, …
			if to := atDistance(snap, id, preds, want); to != "" {
				add(Path, Input{ID: id, To: to})
			}
		}
	}
	for _, q := range Questions {
		if len(out[q]) == 0 {
			return nil, fmt.Errorf("pick start points: no entity of plan %q can start the %s question", plan, q)
		}
	}
	return out, nil
}

// searchText is what an analyst types to find an entity: the first three characters of its
// name, when they are all Chinese (punctuation is not part of the search key).
func searchText(name string) string {
	r := []rune(name)
	if len(r) < 3 {
		return ""
	}
	for _, c := range r[:3] {
		if !unicode.Is(unicode.Han, c) {
			return ""
		}
	}
	return string(r[:3])
}

// commonKind is the entity type most of the edges lead to (ties: graph.EntityTypes order).
func commonKind(edges []graph.Edge) string {
	count := map[string]int{}
	for _, e := range edges {
		count[e.Kind]++
	}
	best := ""
	for _, t := range graph.EntityTypes {
		if count[t] > count[best] {
			best = t
		}
	}
	return best
}

// atDistance returns an entity exactly d hops from id (either way), or "" when there is none:
// the middle one of them in IRI order, nearer distances tried when d has none.
func atDistance(snap *graph.Snapshot, id string, preds []string, d int) string {
	dist := map[string]int{id: 0}
	frontier := []string{id}
	var levels [][]string
	for hop := 1; hop <= d && len(frontier) > 0; hop++ {
		var next []string
		for _, n := range frontier {
			for _, e := range snap.EdgesOf(n, preds, graph.Both) {
				if _, seen := dist[e.Node]; !seen {
					dist[e.Node] = hop
					next = append(next, e.Node)
				}
			}
		}
		sort.Strings(next)
		levels = append(levels, next)
		frontier = next
	}
	for hop := len(levels); hop >= 2; hop-- {
		if l := levels[hop-1]; len(l) > 0 {
			return l[len(l)/2]
		}
	}
	return ""
}

// typeEnum is the GraphQL EntityType value of a type: Zone → ZONE.
func typeEnum(t string) string { return strings.ToUpper(t) }
