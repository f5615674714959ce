package api

import (
	"sync"
	"time"
)

// tokenGuard throttles guessing of the admin token: a client address that sent
// maxTokenFailures wrong tokens within tokenWindow is refused (429) until the window ends, and
// the log says so once per window instead of once per attempt.
type tokenGuard struct {
	mu    sync.Mutex
	fails map[string]*failWindow
}

type failWindow struct {
	start time.Time
	n     int
}

// over reports whether the window has ended at now.
func (w *failWindow) over(now time.Time) bool { return now.Sub(w.start) >= tokenWindow }

const (
	maxTokenFailures = 10
	tokenWindow      = time.Minute
	// maxGuarded bounds the addresses remembered: past it, expired windows are dropped, and if
	// none has expired the oldest-looking state is cleared rather than grown without end.
	maxGuarded = 10000
)

func newTokenGuard() *tokenGuard { return &tokenGuard{fails: map[string]*failWindow{}} }

// blocked reports whether addr must wait, and how long.
func (g *tokenGuard) blocked(addr string, now time.Time) (bool, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if w := g.fails[addr]; w != nil && !w.over(now) && w.n >= maxTokenFailures {
		return true, tokenWindow - now.Sub(w.start)
	}
	return false, 0
}

// fail records a wrong token from addr and returns how many it sent in this window; the
// caller logs the first and the one that starts the refusals, not every attempt.
func (g *tokenGuard) fail(addr string, now time.Time) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	w := g.fails[addr]
	if w == nil || w.over(now) {
		if len(g.fails) >= maxGuarded {
			g.prune(now)
		}
		w = &failWindow{start: now}
		g.fails[addr] = w
	}
	w.n++
	return w.n
}

func (g *tokenGuard) prune(now time.Time) {
	for a, w := range g.fails {
		if w.over(now) {
			delete(g.fails, a)
		}
	}
	if len(g.fails) >= maxGuarded {
		clear(g.fails)
	}
}
