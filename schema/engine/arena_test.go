package engine

import (
	"testing"
)

// take hands out zeroed, disjoint slices whose capacity is what was asked, and reset zeroes
// what was handed out and keeps at most the chunks asked to.
func TestChunkedTake(t *testing.T) {
	var c chunked[int]
	const size = 16
	var got [][]int
	for i, n := range []int{1, 4, 3, 4, 4, 2, 1, 5, 4} { // 5 is over a quarter of a chunk
		s := c.take(n, size)
		if len(s) != n || cap(s) != n {
			t.Fatalf("take(%d): len %d cap %d", n, len(s), cap(s))
		}
		for j := range s {
			if s[j] != 0 {
				t.Fatalf("take %d: item %d is %d, not zeroed", i, j, s[j])
			}
			s[j] = i + 1
		}
		got = append(got, s)
	}
	for i, s := range got {
		for _, v := range s {
			if v != i+1 {
				t.Fatalf("slice %d was overwritten by another: %v", i, s)
			}
		}
	}
	if len(c.chunks) < 2 {
		t.Fatalf("%d chunks for 24 items in chunks of 16", len(c.chunks))
	}
	c.reset(1)
	if len(c.chunks) != 1 || c.cur != 0 || c.used != 0 {
		t.Fatalf("after reset(1): %d chunks, cur %d, used %d", len(c.chunks), c.cur, c.used)
	}
	for _, v := range c.chunks[0] {
		if v != 0 {
			t.Fatalf("reset left %d in a kept chunk", v)
		}
	}
}
