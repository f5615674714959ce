package loader

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/plangraph/plangraph/graph"
)

// Store is what LoadInto needs of a graph store: replacing one plan's quads in one
// transaction, which also builds the plan's read index (graph.Store does).
type Store interface {
	ReplacePlan(ctx context.Context, plan string, quads []quad.Quad) (graph.ReplaceResult, error)
}

// Loaded is a dataset validated and written to a store.
type Loaded struct {
	*Result
	Write graph.ReplaceResult
}

// LoadInto validates the dataset in dir of fsys and replaces its plan in the store, in one
// transaction: nothing is written unless the whole dataset is valid. It is the one way a
// dataset reaches a store — the CLI, the admin API, the tests and the bench all use it.
// progress, when set, is told of each phase, the write included.
func LoadInto(ctx context.Context, st Store, fsys fs.FS, dir string, progress func(Timing)) (*Loaded, error) {
	res, err := LoadContext(ctx, fsys, dir, progress)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		progress(Timing{Phase: fmt.Sprintf("writing %d quads", len(res.Quads))})
	}
	start := time.Now()
	rep, err := st.ReplacePlan(ctx, res.Meta.ID, res.Quads)
	if err != nil {
		return nil, fmt.Errorf("write plan %s: %w", res.Meta.ID, err)
	}
	t := Timing{Phase: "written", Took: time.Since(start)}
	res.Timings = append(res.Timings, t)
	if progress != nil {
		progress(t)
	}
	return &Loaded{Result: res, Write: rep}, nil
}
