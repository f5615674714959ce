package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/plangraph/plangraph/graph"
)

// Answers are compared as sets of tuples, one string each, the same whatever the engine:
//
//	lookup      name
//	search      entity IRI
//	1hop        entity IRI
//	2hop        neighbour IRI, space, neighbour's neighbour IRI
//	3hop-cited  depth, from IRI, RELATION, to IRI, citation IRI (plan/ch3/p1#char=4,20)
//	path        "length N" (two engines may find different paths of the same length)
//
// Sets, because engines differ in how often they repeat an item (cayley returns a neighbour
// once per quad, and a link cited twice is two quads; our API returns it once per relation).

// tupleSet sorts and deduplicates tuples.
func tupleSet(ts []string) []string {
	sort.Strings(ts)
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// diff describes how two tuple sets differ, or returns "" when they are equal.
func diff(want, got []string) string {
	if len(want) == len(got) {
		same := true
		for i := range want {
			if want[i] != got[i] {
				same = false
				break
			}
		}
		if same {
			return ""
		}
	}
	in := func(set []string, t string) bool {
		i := sort.SearchStrings(set, t)
		return i < len(set) && set[i] == t
	}
	var missing, extra []string
	for _, t := range want {
		if !in(got, t) && len(missing) < 3 {
			missing = append(missing, t)
		}
	}
	for _, t := range got {
		if !in(want, t) && len(extra) < 3 {
			extra = append(extra, t)
		}
	}
	return fmt.Sprintf("%d results instead of %d (missing e.g. %q; extra e.g. %q)", len(got), len(want), missing, extra)
}

// relationOf returns the API name of a relation predicate (pg:serves → SERVES), or the
// predicate itself when it is no relation.
func relationOf(pred string) string {
	if r, ok := graph.RelationByPred(strings.Trim(pred, "<>")); ok {
		return r.Name
	}
	return pred
}

// Tuples of our executor's JSON responses.
func (e *graphqlEngine) Tuples(q string, out any) ([]string, error) {
	b, ok := out.([]byte)
	if !ok {
		return nil, fmt.Errorf("graphql answer is %T, not JSON", out)
	}
	var resp struct {
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		return nil, fmt.Errorf("graphql answer: %w", err)
	}
	if err := checkNotCut(resp.Data); err != nil {
		return nil, err
	}
	var ts []string
	ent := jobj(resp.Data["entity"])
	switch q {
	case Lookup:
		ts = append(ts, jstr(ent["name"]))
	case Search:
		for _, h := range jlist(resp.Data["search"]) {
			ts = append(ts, jstr(jobj(jobj(h)["entity"])["id"]))
		}
	case OneHop:
		for _, l := range jlist(ent["links"]) {
			ts = append(ts, jstr(jobj(jobj(l)["entity"])["id"]))
		}
	case TwoHop:
		for _, l := range jlist(ent["links"]) {
			y := jobj(jobj(l)["entity"])
			for _, l2 := range jlist(y["links"]) {
				ts = append(ts, jstr(y["id"])+" "+jstr(jobj(jobj(l2)["entity"])["id"]))
			}
		}
	case ThreeHopCited:
		var walk func(depth int, from map[string]any)
		walk = func(depth int, from map[string]any) {
			for _, l := range jlist(from["links"]) {
				link := jobj(l)
				to := jobj(link["entity"])
				for _, ev := range jlist(link["evidence"]) {
					c := jobj(ev)
					off, _ := c["offset"].(float64)
					n, _ := c["length"].(float64)
					span := graph.SpanIRI(jstr(jobj(c["paragraph"])["id"]), int(off), int(off)+int(n))
					ts = append(ts, citedTuple(depth, jstr(from["id"]), jstr(link["relation"]), jstr(to["id"]), span))
				}
				walk(depth+1, to)
			}
		}
		walk(1, ent)
	case Path:
		for _, p := range jlist(resp.Data["paths"]) {
			n, _ := jobj(p)["length"].(float64)
			ts = append(ts, pathTuple(int(n)))
		}
	default:
		return nil, fmt.Errorf("unknown question %q", q)
	}
	return tupleSet(ts), nil
}

func citedTuple(depth int, from, rel, to, span string) string {
	return strconv.Itoa(depth) + " " + from + " " + rel + " " + to + " " + span
}

func pathTuple(length int) string { return "length " + strconv.Itoa(length) }

// errAnswerCut is checkNotCut's error: the answer may be cut short, so it cannot be compared.
var errAnswerCut = errors.New("a list of the answer reached first: 1000; the question is too big to answer in full")

// checkNotCut fails when a list of a response holds as many items as the largest `first` the
// questions ask for: the answer may then be cut short, and would not be the whole answer the
// other engines give.
func checkNotCut(v any) error {
	switch v := v.(type) {
	case []any:
		if len(v) >= 1000 {
			return errAnswerCut
		}
		for _, x := range v {
			if err := checkNotCut(x); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, x := range v {
			if err := checkNotCut(x); err != nil {
				return err
			}
		}
	}
	return nil
}

// JSON accessors that tolerate missing values (a missing value makes a tuple that will not
// match, which the comparison reports).
func jobj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func jlist(v any) []any         { l, _ := v.([]any); return l }
func jstr(v any) string         { s, _ := v.(string); return s }
