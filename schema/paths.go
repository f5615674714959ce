package schema

import (
	"context"
	"sort"

	"github.com/plangraph/plangraph/graph"
)

// maxPathFrontier bounds the partial paths kept at one depth, so that a hub with hundreds of
// links cannot make a path query explode; the distance pruning below keeps it far under this
// for real questions.
const maxPathFrontier = 20000

// resolvePaths finds the shortest connections between two entities over the chosen relations,
// in both directions. For a limit of 1, 2 … maxHops hops in turn, it walks breadth-first from
// the target to learn every node's distance to it (one Reader.Edges call per hop, each level
// kept for the next limit), then extends paths from the source only through nodes that can
// still reach the target within the limit; it stops at the first limit that gives `first`
// paths, so a short answer costs a short search. Paths come shortest first;
// paths that visit the same nodes in the same order through different relations are one path
// (its links carry the first relation; ask links() for all of them).
func resolvePaths(rq request, c *fieldCall) (any, error) {
	from, to := argString(c.Args, "from"), argString(c.Args, "to")
	maxHops, err := argInt(c.Args, "maxHops", 4)
	if err != nil {
		return nil, err
	}
	first, err := argInt(c.Args, "first", 5)
	if err != nil {
		return nil, err
	}
	if maxHops < 1 || maxHops > rq.Limits().MaxPathHops {
		return nil, badInput("maxHops must be between 1 and %d", rq.Limits().MaxPathHops)
	}
	rels := argStrings(c.Args, "relations")
	if len(rels) == 0 {
		rels = graph.RelationNames()
	}
	preds, err := relPreds(rels)
	if err != nil {
		return nil, badInput("%v", err)
	}
	periods, err := periodsArg(c.Args)
	if err != nil {
		return nil, err
	}
	ends, err := rq.r().Nodes(rq.Context(), []string{from, to})
	if err != nil {
		return nil, err
	}
	for i, n := range ends {
		if n == nil || !n.IsEntity() {
			return nil, badInput("%s: no entity has the id %q", []string{"from", "to"}[i], []string{from, to}[i])
		}
	}
	if from == to {
		return []any{&pathVal{nodes: []string{from}}}, nil
	}
	neighbours := func(ids []string) ([][]graph.Edge, error) {
		edges, err := rq.r().Edges(rq.Context(), ids, preds, graph.Both)
		if err == nil && periods != nil {
			edges, err = rq.inPeriods(edges, periods)
		}
		if err != nil {
			return nil, err
		}
		for i, list := range edges {
			kept := list[:0:0]
			for _, e := range list {
				if graph.IsEntityType(e.Kind) {
					kept = append(kept, e)
				}
			}
			edges[i] = kept
		}
		return edges, nil
	}
	// Distances to the target, one level more for each longer limit below.
	dist := map[string]int{to: 0}
	frontier := []string{to}
	depth := 0
	extend := func(d int) error {
		for ; depth < d && len(frontier) > 0; depth++ {
			edges, err := neighbours(frontier)
			if err != nil {
				return err
			}
			var next []string
			for _, list := range edges {
				for _, e := range list {
					if _, seen := dist[e.Node]; !seen {
						dist[e.Node] = depth + 1
						next = append(next, e.Node)
					}
				}
			}
			frontier = next
		}
		return nil
	}
	// Iterative deepening: look for paths of at most 1, 2 … hops and stop at the first limit that
	// gives enough. A question whose answer is short costs a short search, not one to maxHops.
	var found []any
	for limit := 1; limit <= maxHops; limit++ {
		if err := extend(limit - 1); err != nil {
			return nil, err
		}
		if found, err = enumeratePaths(rq.Context(), neighbours, dist, from, to, limit, first); err != nil {
			return nil, err
		}
		if len(found) >= first {
			break
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return len(found[i].(*pathVal).links) < len(found[j].(*pathVal).links) })
	if len(found) > first {
		found = found[:first]
	}
	if found == nil {
		found = []any{}
	}
	return found, nil
}

// enumeratePaths extends paths from the source hop by hop, through nodes that can still reach
// the target within limit hops (dist holds the distances to the target up to limit − 1), and
// returns the paths that reach it, at most first of the shortest.
// It honours ctx between batches of partial paths: a hub can make one hop long.
func enumeratePaths(ctx context.Context, neighbours func([]string) ([][]graph.Edge, error), dist map[string]int, from, to string, limit, first int) ([]any, error) {
	type partial struct {
		nodes []string
		links []*linkVal
	}
	var found []any
	paths := []partial{{nodes: []string{from}}}
	seenSeq := map[string]bool{}
	for hop := 1; hop <= limit && len(paths) > 0 && len(found) < first; hop++ {
		var ends []string
		seenEnd := map[string]bool{}
		for _, p := range paths {
			last := p.nodes[len(p.nodes)-1]
			if !seenEnd[last] {
				seenEnd[last] = true
				ends = append(ends, last)
			}
		}
		edges, err := neighbours(ends)
		if err != nil {
			return nil, err
		}
		byEnd := make(map[string][]graph.Edge, len(ends))
		for i, id := range ends {
			byEnd[id] = edges[i]
		}
		var next []partial
		// Paths through the same nodes by other relations are one path: extend each node
		// sequence once, so that parallel links do not multiply the frontier.
		seenNext := map[string]bool{}
		steps := 0
		for _, p := range paths {
			last := p.nodes[len(p.nodes)-1]
			for _, e := range byEnd[last] {
				if steps++; steps%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
				}
				d, reachable := dist[e.Node]
				if !reachable || hop+d > limit || contains(p.nodes, e.Node) {
					continue
				}
				np := partial{
					nodes: append(append(make([]string, 0, len(p.nodes)+1), p.nodes...), e.Node),
					links: append(append(make([]*linkVal, 0, len(p.links)+1), p.links...), linkOf(e)),
				}
				key := seqKey(np.nodes)
				if e.Node == to {
					if !seenSeq[key] {
						seenSeq[key] = true
						found = append(found, &pathVal{nodes: np.nodes, links: np.links})
						if len(found) >= first {
							return found, nil // every path found at this hop is as short
						}
					}
					continue
				}
				if len(next) < maxPathFrontier && !seenNext[key] {
					seenNext[key] = true
					next = append(next, np)
				}
			}
		}
		paths = next
	}
	return found, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func seqKey(nodes []string) string {
	n := 0
	for _, s := range nodes {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	for _, s := range nodes {
		b = append(b, s...)
		b = append(b, 0)
	}
	return string(b)
}
