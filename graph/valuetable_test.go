package graph

import (
	"testing"

	"github.com/cayleygraph/quad"
)

// Hashes that share their first eight bytes each find their own value, and a hash the table
// does not hold finds none, even when its first eight bytes are a stored hash's.
func TestValueTableTellsHashesApart(t *testing.T) {
	h := func(last byte) []byte {
		b := make([]byte, 20)
		copy(b, "samefirst8")
		b[19] = last
		return b
	}
	tab := newValueTable(0)
	tab.put(h(1), storedValue{v: quad.IRI("a/x"), plan: "a"})
	tab.put(h(2), storedValue{v: quad.IRI("b/y"), plan: "b"})
	for _, tc := range []struct {
		hash []byte
		want quad.Value
	}{{h(1), quad.IRI("a/x")}, {h(2), quad.IRI("b/y")}, {h(3), nil}, {[]byte("short"), nil}} {
		if got := tab.get(tc.hash).v; got != tc.want {
			t.Errorf("get(%x) = %v, want %v", tc.hash, got, tc.want)
		}
	}
}
