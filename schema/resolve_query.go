package schema

import (
	"encoding/base64"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/schema/engine"
)

func init() {
	goResolvers["Query"] = map[string]batchFunc{
		"entity": engine.Root(func(rq request, c *fieldCall) (any, error) {
			n, err := rq.one(argString(c.Args, "id"))
			if err != nil || n == nil || !n.IsEntity() {
				return nil, err
			}
			return n, nil
		}),
		"node": engine.Root(func(rq request, c *fieldCall) (any, error) {
			n, err := rq.one(argString(c.Args, "id"))
			if err != nil || n == nil || nodeKinds(typeOfKind(n.Kind)) == nil {
				return nil, err // a node of no GraphQL type (a citation span, the store's meta node)
			}
			return n, nil
		}),
		"paragraph": engine.Root(func(rq request, c *fieldCall) (any, error) {
			n, err := rq.one(argString(c.Args, "id"))
			if err != nil || n == nil || n.Kind != graph.KindParagraph {
				return nil, err
			}
			return n, nil
		}),
		"plan": engine.Root(func(rq request, c *fieldCall) (any, error) {
			n, err := rq.one(argString(c.Args, "id"))
			if err != nil || n == nil || n.Kind != graph.KindPlan {
				return nil, err
			}
			return n, nil
		}),
		"plans": engine.Root(func(rq request, c *fieldCall) (any, error) {
			ids := rq.r().PlanIDs()
			out := make([]any, len(ids))
			for i, id := range ids {
				out[i] = nodeID(id)
			}
			return out, nil
		}),
		"stats": engine.Root(func(rq request, c *fieldCall) (any, error) {
			plan := argString(c.Args, "plan")
			plans := len(rq.r().PlanIDs())
			if plan != "" {
				plans = 0
				for _, id := range rq.r().PlanIDs() {
					if id == plan {
						plans = 1
					}
				}
			}
			return &statsVal{PlanStats: rq.r().Stats(plan), plans: plans}, nil
		}),
		"search": engine.Root(func(rq request, c *fieldCall) (any, error) {
			first, err := argInt(c.Args, "first", 10)
			if err != nil || first == 0 {
				return []any{}, err // first: 0 asks for none, as on every field
			}
			kinds, err := kindsArg(argStrings(c.Args, "types"))
			if err != nil {
				return nil, err
			}
			hits := rq.r().Search(argString(c.Args, "text"), graph.SearchOptions{Types: kinds, Plan: argString(c.Args, "plan"), Limit: first})
			out := make([]any, len(hits))
			for i := range hits {
				out[i] = &hitVal{hits[i]}
			}
			return out, nil
		}),
		"searchText": engine.Root(func(rq request, c *fieldCall) (any, error) {
			first, err := argInt(c.Args, "first", 10)
			if err != nil || first == 0 {
				return []any{}, err // first: 0 asks for none, as on every field
			}
			hits, err := rq.r().SearchText(rq.Context(), argString(c.Args, "text"), graph.TextOptions{Plan: argString(c.Args, "plan"), Limit: first})
			if err != nil {
				return nil, err
			}
			out := make([]any, len(hits))
			for i := range hits {
				out[i] = &textHitVal{hits[i]}
			}
			return out, nil
		}),
		"entities": engine.Root(resolveEntities),
		"paths":    engine.Root(resolvePaths),
	}
}

func (rq request) one(id string) (*graph.Node, error) {
	nodes, err := rq.r().Nodes(rq.Context(), []string{id})
	if err != nil {
		return nil, err
	}
	return nodes[0], nil
}

func kindsArg(enums []string) ([]string, error) {
	var out []string
	for _, t := range enums {
		k, ok := kindOfEnum(t)
		if !ok {
			return nil, badInput("unknown entity type %q", t)
		}
		out = append(out, k)
	}
	return out, nil
}

// resolveEntities lists entities with a filter, an order and a Relay cursor. Conditions on
// links are evaluated for every candidate in one Reader call each.
func resolveEntities(rq request, c *fieldCall) (any, error) {
	first, err := argInt(c.Args, "first", 50)
	if err != nil {
		return nil, err
	}
	var types []string
	if t := argString(c.Args, "type"); t != "" {
		if types, err = kindsArg([]string{t}); err != nil {
			return nil, err
		}
	}
	filter := argObject(c.Args, "filter")
	plan := argString(filter, "plan")
	list := rq.r().Entities(plan, types)
	if text := strings.TrimSpace(argString(filter, "text")); text != "" {
		hits := rq.r().Search(text, graph.SearchOptions{Types: types, Plan: plan})
		keep := make(map[string]bool, len(hits))
		for _, h := range hits {
			keep[h.Node.ID] = true
		}
		list = keepIf(list, func(n *graph.Node) bool { return keep[n.ID] })
	}
	if to := argString(filter, "linkedTo"); to != "" {
		q, err := linkQueryOf(map[string]any{"relations": filter["linkedVia"], "direction": filter["linkDirection"]})
		if err != nil {
			return nil, err
		}
		// Read from the other end: an entity linked OUT to X is one X has an IN link from.
		edges, err := rq.r().Edges(rq.Context(), []string{to}, q.preds, flip(q.dir))
		if err != nil {
			return nil, err
		}
		keep := map[string]bool{}
		for _, e := range edges[0] {
			keep[e.Node] = true
		}
		list = keepIf(list, func(n *graph.Node) bool { return keep[n.ID] })
	}
	has, lacks := argStrings(filter, "hasLink"), argStrings(filter, "lacksLink")
	if len(has) > 0 || len(lacks) > 0 {
		dir := argString(filter, "hasLinkDirection")
		list, err = rq.filterByLinks(list, has, lacks, dir)
		if err != nil {
			return nil, err
		}
	}
	if err := rq.sortEntities(list, argObject(c.Args, "orderBy")); err != nil {
		return nil, err
	}
	start := 0
	if after := argString(c.Args, "after"); after != "" {
		id, err := decodeCursor(after)
		if err != nil {
			return nil, err
		}
		start = -1
		for i, n := range list {
			if n.ID == id {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, badInput("after: cursor %q does not point into this list (was it made for another filter or order?)", clip(after))
		}
	}
	end := start + first
	if end > len(list) {
		end = len(list)
	}
	conn := &connVal{total: len(list), hasNext: end < len(list), hasPrev: start > 0}
	for _, n := range list[start:end] {
		conn.edges = append(conn.edges, &edgeVal{cursor: encodeCursor(n.ID), node: n})
	}
	return conn, nil
}

func keepIf(list []*graph.Node, keep func(*graph.Node) bool) []*graph.Node {
	out := make([]*graph.Node, 0, len(list))
	for _, n := range list {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}

func flip(d graph.Dir) graph.Dir {
	switch d {
	case graph.Out:
		return graph.In
	case graph.In:
		return graph.Out
	}
	return d
}

func (rq request) filterByLinks(list []*graph.Node, has, lacks []string, dirArg string) ([]*graph.Node, error) {
	dir := graph.Both
	if dirArg != "" {
		var err error
		if dir, err = dirOf(dirArg); err != nil {
			return nil, badInput("%v", err)
		}
	}
	rels := append(append([]string{}, has...), lacks...)
	preds, err := relPreds(rels)
	if err != nil {
		return nil, badInput("%v", err)
	}
	ids := make([]string, len(list))
	for i, n := range list {
		ids[i] = n.ID
	}
	edges, err := rq.r().Edges(rq.Context(), ids, preds, dir)
	if err != nil {
		return nil, err
	}
	out := list[:0:0]
	for i, n := range list {
		present := map[string]bool{}
		for _, e := range edges[i] {
			if graph.IsEntityType(e.Kind) {
				r, _ := graph.RelationByPred(e.Pred)
				present[r.Name] = true
			}
		}
		ok := true
		for _, r := range has {
			ok = ok && present[r]
		}
		for _, r := range lacks {
			ok = ok && !present[r]
		}
		if ok {
			out = append(out, n)
		}
	}
	return out, nil
}

func (rq request) sortEntities(list []*graph.Node, order map[string]any) error {
	field, _ := order["field"].(string)
	desc := order["direction"] == "DESC"
	var key map[string]int
	switch field {
	case "LINK_COUNT", "MENTION_COUNT":
		ids := make([]string, len(list))
		for i, n := range list {
			ids[i] = n.ID
		}
		preds := []string{graph.PredMentionedIn}
		dir := graph.Out
		if field == "LINK_COUNT" {
			preds, _ = relPreds(graph.RelationNames())
			dir = graph.Both
		}
		edges, err := rq.r().Edges(rq.Context(), ids, preds, dir)
		if err != nil {
			return err
		}
		key = make(map[string]int, len(list))
		for i, n := range list {
			if field == "LINK_COUNT" {
				key[n.ID] = countLinked(edges[i], linkQuery{})
			} else {
				for _, e := range edges[i] {
					key[n.ID] += len(e.Labels)
				}
			}
		}
	}
	less := func(a, b *graph.Node) bool {
		switch field {
		case "ID":
			return a.ID < b.ID
		case "LINK_COUNT", "MENTION_COUNT":
			if key[a.ID] != key[b.ID] {
				return key[a.ID] < key[b.ID]
			}
		}
		an, bn := a.Str(graph.PropPinyin), b.Str(graph.PropPinyin)
		if an != bn {
			return an < bn
		}
		return a.ID < b.ID
	}
	sort.SliceStable(list, func(i, j int) bool {
		if desc {
			return less(list[j], list[i])
		}
		return less(list[i], list[j])
	})
	return nil
}

// Cursors are opaque to clients; inside they name the last entity of the page, so a page stays
// valid when entities are added elsewhere in the list.
func encodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("entity:" + id))
}

func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "entity:") {
		return "", badInput("after: %q is not a cursor of this list", clip(c))
	}
	return strings.TrimPrefix(string(b), "entity:"), nil
}

// clip shortens a value echoed in an error message: the message names it, it need not repeat
// a megabyte of it.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
