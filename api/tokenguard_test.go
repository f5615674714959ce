package api

import (
	"fmt"
	"testing"
	"time"
)

// The guard forgets an address when its window ends, and its memory stays bounded.
func TestTokenGuardWindow(t *testing.T) {
	g := newTokenGuard()
	now := time.Unix(1000, 0)
	for range maxTokenFailures {
		g.fail("a", now)
	}
	if b, _ := g.blocked("a", now.Add(tokenWindow/2)); !b {
		t.Error("not blocked within the window")
	}
	if b, _ := g.blocked("b", now); b {
		t.Error("another address blocked")
	}
	if b, _ := g.blocked("a", now.Add(tokenWindow)); b {
		t.Error("still blocked after the window")
	}
	for i := range 3 * maxGuarded {
		g.fail(fmt.Sprint(i), now)
	}
	if len(g.fails) > maxGuarded {
		t.Errorf("%d addresses remembered, more than %d", len(g.fails), maxGuarded)
	}
}
