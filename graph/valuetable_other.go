//go:build !linux

package graph

// makeSlots returns n zeroed slots and a function that does nothing (see the Linux version).
func makeSlots(n int) ([]valueSlot, func()) {
	return make([]valueSlot, n), func() {}
}
