package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// ApplyDeltas writes deltas to the backend as a plan write does, without the read that makes a
// plan write add only what is missing: tests use it to write quads already stored.
func (s *Store) ApplyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	return s.applyDeltas(ctx, deltas)
}
