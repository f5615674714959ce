package graph

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// backend is one kind of store: which URLs name it, how to open it, and what it can do. Each
// backend registers itself from a file of its own (store_memory.go, store_bolt.go,
// store_postgres.go); Open and the rest of the package ask the registry, not the URL.
type backend struct {
	name string
	// match says whether a store URL names this backend, and returns what its open needs.
	match func(raw string) (addr string, ok bool, err error)
	open  func(ctx context.Context, addr string) (opened, error)
	// shared: several processes may write the store at once, so a reader checks for writes
	// it did not make (Store.Refresh).
	shared bool
}

// opened is what a backend's open returns: cayley's store and, for a SQL backend, a pool of
// our own for the bulk reads and writes cayley does one value at a time.
type opened struct {
	qs cgraph.QuadStore
	db *sql.DB
}

var backends []*backend

func register(b *backend) { backends = append(backends, b) }

// backendFor finds the backend a store URL names.
func backendFor(raw string) (*backend, string, error) {
	var names []string
	for _, b := range backends {
		addr, ok, err := b.match(raw)
		if err != nil {
			return nil, "", err
		}
		if ok {
			return b, addr, nil
		}
		names = append(names, b.name)
	}
	sort.Strings(names)
	return nil, "", Errorf(CodeInvalid, "store URL %q: no backend takes it (registered: %s; e.g. memory, bolt://PATH, postgres://…)", redact(raw), strings.Join(names, ", "))
}
