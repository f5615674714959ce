package graph

import (
	"crypto/sha1"
	"strconv"
	"testing"

	"github.com/cayleygraph/quad"
)

// Hashes that share their first eight bytes each find their own value, and a hash the table
// does not hold finds none, even when its first eight bytes are a stored hash's; asked again, a hash
// is answered from the cache of recent look-ups with the same value.
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
	}{{h(1), quad.IRI("a/x")}, {h(2), quad.IRI("b/y")}, {h(3), nil}, {[]byte("short"), nil}, {h(1), quad.IRI("a/x")}, {h(1), quad.IRI("a/x")}} {
		if got := tab.get(tc.hash).v; got != tc.want {
			t.Errorf("get(%x) = %v, want %v", tc.hash, got, tc.want)
		}
	}
}

// A table made for many values (its slots outside Go's heap on Linux), and one made for none
// that grows past that size, find every value they hold and none they do not; released, they
// give their memory back without harm to the values already read from them.
func TestValueTableManyValues(t *testing.T) {
	const n = 300_000
	hashOf := func(i int) []byte {
		b := sha1.Sum([]byte(strconv.Itoa(i)))
		return b[:]
	}
	for _, hint := range []int{n, 0} {
		tab := newValueTable(hint)
		for i := range n {
			tab.put(hashOf(i), storedValue{v: quad.Int(i)})
		}
		for i := range n + 1000 {
			got := tab.get(hashOf(i)).v
			if i < n && got != quad.Int(i) || i >= n && got != nil {
				t.Fatalf("hint %d: get(%d) = %v", hint, i, got)
			}
		}
		v := tab.get(hashOf(7)).v
		tab.release()
		if v != quad.Int(7) {
			t.Fatalf("hint %d: a value read before release changed: %v", hint, v)
		}
	}
}
