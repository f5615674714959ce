package graph

import (
	"encoding/binary"

	"github.com/cayleygraph/cayley/graph/refs"
)

// valueTable finds a node's value by its hash while a store of millions of quads is read.
// Opening a store of ten million quads looks up forty million hashes among five million
// values, and those look-ups, not PostgreSQL, set the pace, so the table is built for them:
//   - the values lie in one slice in the order they were read; an open-addressed table of
//     sixteen-byte slots, keyed by the first eight bytes of the hash (already uniformly
//     spread: no hashing), holds their positions. A look-up touches one slot, where Go's map
//     of the values touched a control word and a slot of sixty-four bytes;
//   - a small direct-mapped cache in front of it answers the hashes that repeat from one quad
//     to the next (a plan's subjects, the few predicates) without probing;
//   - the whole hash kept beside each value confirms every answer. Two hashes that share their
//     first eight bytes (about one chance in a billion in a store of ten million values) go to
//     a map keyed by the whole hash.
type valueTable struct {
	vals    []hashedValue
	slots   []valueSlot // a power of two long, at most half full
	clashes map[string]storedValue
	recent  [recentSlots]valueSlot
	free    func() // gives the slots' memory back (see makeSlots)
}

// release gives back the memory of the table's slots; the table is not used after.
func (t *valueTable) release() {
	t.free()
	t.slots, t.free = nil, func() {}
}

const recentSlots = 4096 // 64 KiB: stays in the core's cache

type valueSlot struct {
	prefix uint64
	pos    uint32 // position in vals plus one; 0 is an empty slot
}

type hashedValue struct {
	hash refs.ValueHash
	storedValue
}

func newValueTable(n int) *valueTable {
	t := &valueTable{vals: make([]hashedValue, 0, n)}
	t.slots, t.free = makeSlots(slotsFor(n))
	return t
}

// slotsFor returns the table size for n values: a power of two at least twice n.
func slotsFor(n int) int {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return size
}

// find returns the slot that holds prefix k, or the empty slot where it would go.
func (t *valueTable) find(k uint64) *valueSlot {
	mask := uint64(len(t.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.pos == 0 || s.prefix == k {
			return s
		}
	}
}

func (t *valueTable) put(hash []byte, v storedValue) {
	k := prefix(hash)
	s := t.find(k)
	if s.pos != 0 {
		if hv := &t.vals[s.pos-1]; string(hv.hash[:]) == string(hash) {
			hv.storedValue = v // the same hash again: the last value wins, as in a map
			return
		}
		if t.clashes == nil {
			t.clashes = map[string]storedValue{}
		}
		t.clashes[string(hash)] = v
		return
	}
	hv := hashedValue{storedValue: v}
	copy(hv.hash[:], hash)
	t.vals = append(t.vals, hv)
	*s = valueSlot{prefix: k, pos: uint32(len(t.vals))}
	if 2*len(t.vals) > len(t.slots) {
		t.grow()
	}
}

// grow doubles the table (a table made without knowing how many values come).
func (t *valueTable) grow() {
	old, free := t.slots, t.free
	defer free()
	t.slots, t.free = makeSlots(2 * len(old))
	for _, s := range old {
		if s.pos != 0 {
			*t.find(s.prefix) = s
		}
	}
	t.recent = [recentSlots]valueSlot{}
}

// get returns the value of a hash, or a zero storedValue when the table does not hold it.
func (t *valueTable) get(hash []byte) storedValue {
	k := prefix(hash)
	r := &t.recent[k%recentSlots]
	if r.prefix == k && r.pos != 0 {
		if hv := &t.vals[r.pos-1]; string(hv.hash[:]) == string(hash) {
			return hv.storedValue
		}
	}
	if s := t.find(k); s.pos != 0 {
		if hv := &t.vals[s.pos-1]; string(hv.hash[:]) == string(hash) {
			*r = *s
			return hv.storedValue
		}
	}
	return t.clashes[string(hash)] // nil map: zero
}

func prefix(hash []byte) uint64 {
	if len(hash) < 8 {
		var b [8]byte
		copy(b[:], hash)
		return binary.LittleEndian.Uint64(b[:])
	}
	return binary.LittleEndian.Uint64(hash)
}
