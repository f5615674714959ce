package graph

import (
	"context"
	"os"
	"strings"

	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // cayley's "bolt"
)

// The bolt backend: a bbolt file in a directory, locked by the process that opens it; its
// creation is atomic (boltcreate.go).
func init() {
	register(&backend{
		name: "bolt",
		match: func(raw string) (string, bool, error) {
			path, ok := strings.CutPrefix(raw, "bolt://")
			if ok && path == "" {
				return "", false, Errorf(CodeInvalid, "store URL %q: bolt needs a path, e.g. bolt://./plangraph.db", raw)
			}
			return path, ok, nil
		},
		open: func(ctx context.Context, dir string) (opened, error) {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return opened{}, &Error{Code: CodeInvalid, Msg: "open", Err: err}
			}
			qs, err := openBoltStore(dir)
			return opened{qs: qs}, err
		},
	})
}
