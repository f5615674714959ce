package api

import (
	"context"
	"sync"
	"time"
)

// freshness keeps the read index current with a store shared by several servers: at most once
// per interval a request checks the store's generation (one small read) and rebuilds the index
// when another server wrote. If the store cannot be reached the request fails with a clear
// error instead of answering from an index that may be stale.
type freshness struct {
	store Store
	every time.Duration

	mu      sync.Mutex
	checked time.Time
	lastErr error
}

// storeDownMessage answers a request when the store cannot be reached to check freshness.
const storeDownMessage = "the graph store cannot be reached; try again shortly"

func (f *freshness) check(ctx context.Context, force bool) (bool, error) {
	if !f.store.Shared() { // only a shared backend can change under us
		return false, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !force && time.Since(f.checked) < f.every {
		return false, f.lastErr
	}
	changed, err := f.store.Refresh(ctx)
	f.checked = time.Now()
	f.lastErr = err
	return changed, err
}
