package api

import (
	"context"
	"io"
	"net/http"
	"time"
)

// workSlots bounds the GraphQL requests executing at once, so that a burst of expensive
// requests queues (briefly) instead of taking every core and all the memory: each request's
// own cost is bounded by the executor's limits, and this bounds their sum.
type workSlots struct {
	slots chan struct{}
	wait  time.Duration // how long a request waits for a slot before it is told the server is busy
}

// heavyBytes is the size past which a GraphQL request (its body, or a GET's query string) goes
// to the heavy lane. Every reproduction of an expensive request was larger; the queries people
// and clients send are a few hundred bytes.
const heavyBytes = 4 << 10

// slotFor picks the lane of a request by its size, known before its body is read (a body of
// unknown length is taken to be large).
func (s *Server) slotFor(r *http.Request) *workSlots {
	if len(r.URL.RawQuery) > heavyBytes || r.Method != http.MethodGet && (r.ContentLength < 0 || r.ContentLength > heavyBytes) {
		return s.heavy
	}
	return s.light
}

// busyMessage is the answer, with Retry-After: 1, of a request that found no slot in time.
const busyMessage = "the server is running as many requests as it allows; try again shortly"

func newWorkSlots(n int, wait time.Duration) *workSlots {
	return &workSlots{slots: make(chan struct{}, n), wait: wait}
}

// acquire takes a slot, waiting at most w.wait or until ctx ends; release gives it back.
func (w *workSlots) acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case w.slots <- struct{}{}:
		return w.release, true
	default:
	}
	t := time.NewTimer(w.wait)
	defer t.Stop()
	select {
	case w.slots <- struct{}{}:
		return w.release, true
	case <-t.C:
		return nil, false
	case <-ctx.Done():
		return nil, false
	}
}

func (w *workSlots) release() { <-w.slots }

// maxDrain is how much of an over-limit body is read and thrown away before answering 413.
// Clients such as Python's urllib and requests send the whole body before reading the answer;
// closing with their data unread makes the kernel reset the connection, and they report
// "connection reset" instead of the 413. Past this bound the connection is closed anyway.
const maxDrain = 16 << 20

// drain reads and discards what is left of a request body, up to maxDrain.
func drain(body io.Reader) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
}
