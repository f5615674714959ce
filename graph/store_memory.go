package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/memstore" // cayley's "memstore"
)

// The memory backend: cayley's memstore, private to this process.
func init() {
	register(&backend{
		name: "memory",
		match: func(raw string) (string, bool, error) {
			return "", raw == "" || raw == "memory" || raw == "memory://" || raw == "mem", nil
		},
		open: func(ctx context.Context, _ string) (opened, error) {
			qs, err := cgraph.NewQuadStore("memstore", "", nil)
			return opened{qs: qs}, err
		},
	})
}
