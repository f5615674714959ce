package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// ApplyDeltas writes deltas to the backend as a plan write does, without the read that makes a
// plan write add only what is missing: tests use it to write quads already stored.
func (s *Store) ApplyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	return s.applyDeltas(ctx, deltas)
}

// WriteLikeAnOlderServer writes deltas and changes the store's generation token only, as a
// server from before plans carried their own token did.
func (s *Store) WriteLikeAnOlderServer(ctx context.Context, deltas []cgraph.Delta) error {
	cur, err := s.readGeneration(ctx)
	if err != nil {
		return err
	}
	gen := quad.Quad{Subject: quad.IRI(MetaNode), Predicate: quad.IRI(PredGeneration)}
	if cur != "" {
		gen.Object = quad.String(cur)
		deltas = append(deltas, cgraph.Delta{Quad: gen, Action: cgraph.Delete})
	}
	gen.Object = quad.String(cur + "+older")
	return s.applyDeltas(ctx, append(deltas, cgraph.Delta{Quad: gen, Action: cgraph.Add}))
}
