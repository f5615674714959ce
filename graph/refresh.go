package graph

import (
	"context"
	"database/sql"
	"fmt"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// Refresh checks whether another process changed the backend since the index was built and
// brings the index up to date if so. It is one round trip when nothing changed; an error means
// the backend cannot be reached.
//
// Every write records its generation token twice: as the store's, and as the plan's. A server
// that sees the store's token change reads the plans' tokens (one query) and reads again only
// the plans whose token changed, added or went: at ten million quads, a write of one plan by
// another server costs the others that plan, not a whole open (about 16 s of both cores). A
// change it cannot place (no plan's token changed: a writer that records none; or a plan held
// with no token) makes it read the whole store, as before.
func (s *Store) Refresh(ctx context.Context) (changed bool, err error) {
	if !s.kind.shared {
		return false, nil // memory is private to this process, and bolt is locked by it
	}
	s.mu.RLock()
	gen, err := s.readGeneration(ctx)
	same := gen == s.gen
	s.mu.RUnlock()
	if err != nil || same {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	gen, err = s.readGeneration(ctx)
	if err != nil || gen == s.gen {
		return false, err
	}
	if ok, err := s.refreshPlansLocked(ctx, gen); ok || err != nil {
		return true, err
	}
	return true, s.reloadLocked(ctx)
}

// refreshPlansLocked reads again the plans whose generation changed, and reports false when
// the change cannot be placed that way (the caller then reads the whole store).
func (s *Store) refreshPlansLocked(ctx context.Context, gen string) (bool, error) {
	if s.db == nil {
		return false, nil
	}
	for _, id := range s.Snapshot().PlanIDs() {
		if s.planGens[id] == "" {
			return false, nil // held since before plans carried their generation
		}
	}
	// The plans' tokens are read after the store's: a write that lands in between is seen
	// here or at the next refresh, never lost (a plan read newer than its token is only read
	// once more).
	gens, err := readSQLPlanGenerations(ctx, s.db)
	if err != nil {
		return false, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
	}
	var stale []string
	for id, g := range gens {
		if s.planGens[id] != g {
			stale = append(stale, id)
		}
	}
	for id := range s.planGens {
		if _, ok := gens[id]; !ok {
			stale = append(stale, id)
		}
	}
	if len(stale) == 0 {
		return false, nil
	}
	// The new state is made apart and swapped in whole: a read that fails half way leaves the
	// index and the tokens it was built from as they were.
	plans := make(map[string]*PlanIndex, len(s.Snapshot().plans)+len(stale))
	for id, p := range s.Snapshot().plans {
		plans[id] = p
	}
	planGens := make(map[string]string, len(gens))
	for id, g := range s.planGens {
		planGens[id] = g
	}
	for _, id := range stale {
		quads, err := readSQLQuads(ctx, s.db, id)
		if err != nil {
			return false, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
		}
		var ix *PlanIndex
		if len(quads) > 0 {
			if ix, err = BuildPlanIndex(id, quads); err != nil {
				return false, &Error{Code: CodeInternal, Msg: "index stored plan " + id, Err: err}
			}
		}
		delete(plans, id)
		if ix != nil {
			plans[id] = ix
		}
		if g, ok := gens[id]; ok && ix != nil {
			planGens[id] = g
		} else {
			delete(planGens, id)
		}
	}
	s.gen, s.planGens = gen, planGens
	list := make([]*PlanIndex, 0, len(plans))
	for _, p := range plans {
		list = append(list, p)
	}
	s.snap.Store(NewSnapshot(s.version.Add(1), list...))
	return true, nil
}

// generations returns the store's generation token and each plan's, from the store's own
// quads.
func generations(meta []quad.Quad) (store string, plans map[string]string) {
	plans = map[string]string{}
	for _, q := range meta {
		if q.Predicate != quad.IRI(PredGeneration) {
			continue
		}
		sub, _ := q.Subject.(quad.IRI)
		if string(sub) == MetaNode {
			store = quad.ToString(q.Object)
		} else if plan, ok := planOfMetaNode(string(sub)); ok {
			plans[plan] = quad.ToString(q.Object)
		}
	}
	return store, plans
}

// readSQLPlanGenerations returns each plan's generation token, in one query on cayley's
// predicate index.
func readSQLPlanGenerations(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT s.value_string, o.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND s.iri AND s.value_string LIKE $2`,
		csql.HashOf(quad.IRI(PredGeneration)).SQLValue(), MetaNode+"/%")
	if err != nil {
		return nil, fmt.Errorf("read plan generations: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var sub, gen sql.NullString
		if err := rows.Scan(&sub, &gen); err != nil {
			return nil, fmt.Errorf("read plan generations: %w", err)
		}
		if plan, ok := planOfMetaNode(sub.String); ok {
			out[plan] = gen.String
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read plan generations: %w", err)
	}
	return out, nil
}
