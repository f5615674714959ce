package graph

import (
	"runtime"
	"sort"
	"sync"

	"github.com/cayleygraph/quad"
)

// indexer builds the read index of many plans on every core, and can start on a plan while
// the store is still being read. A store of ten million quads holds thousands of plans, and a
// server opening it is not serving until every one is indexed: on PostgreSQL a plan's rows lie
// together in the table, so a plan whose rows have gone by is indexed while the next ones are
// read. A plan can come back further on (rows written by a later change); only an index built
// from all of its quads is kept.
type indexer struct {
	jobs chan indexJob
	wg   sync.WaitGroup

	mu    sync.Mutex
	built map[string]indexJob // the latest index of each plan, with how many quads it saw
}

type indexJob struct {
	plan  string
	quads []quad.Quad
	ix    *PlanIndex
	err   error
}

func newIndexer() *indexer {
	b := &indexer{jobs: make(chan indexJob, 2*runtime.GOMAXPROCS(0)), built: map[string]indexJob{}}
	for range runtime.GOMAXPROCS(0) {
		b.wg.Go(func() {
			for j := range b.jobs {
				j.ix, j.err = BuildPlanIndex(j.plan, j.quads)
				b.mu.Lock()
				if have, ok := b.built[j.plan]; !ok || len(have.quads) < len(j.quads) {
					b.built[j.plan] = j
				}
				b.mu.Unlock()
			}
		})
	}
	return b
}

// early indexes a plan from the quads read so far; the store's own quads are not a plan.
func (b *indexer) early(plan string, quads []quad.Quad) {
	if plan != MetaNode {
		b.jobs <- indexJob{plan: plan, quads: quads}
	}
}

// finish returns the indexes of plans in the order of their ids, building those that early
// did not see whole.
func (b *indexer) finish(plans map[string][]quad.Quad) ([]*PlanIndex, error) {
	b.abandon() // every early index is built
	rest := newIndexer()
	ids := make([]string, 0, len(plans))
	for id, quads := range plans {
		ids = append(ids, id)
		if j, ok := b.built[id]; !ok || len(j.quads) != len(quads) {
			rest.jobs <- indexJob{plan: id, quads: quads}
		}
	}
	rest.abandon()
	sort.Strings(ids)
	out := make([]*PlanIndex, len(ids))
	for i, id := range ids {
		j, ok := rest.built[id]
		if !ok {
			j = b.built[id]
		}
		if j.err != nil {
			return nil, &Error{Code: CodeInternal, Msg: "index stored plan " + id, Err: j.err}
		}
		out[i] = j.ix
	}
	return out, nil
}

// abandon lets the workers finish what they were given and stops them (also when the read
// failed).
func (b *indexer) abandon() {
	close(b.jobs)
	b.wg.Wait()
}
