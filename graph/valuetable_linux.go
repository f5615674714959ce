package graph

import (
	"syscall"
	"unsafe"
)

// makeSlots returns n zeroed slots in memory of their own, backed by huge pages where the
// kernel allows them, and the function that gives the memory back. The slots are probed at
// random, and with 4 KiB pages nearly every probe of a table of hundreds of megabytes also
// misses the TLB and walks the page tables: that walk, not the probe, was most of the time of
// opening a store of ten million quads. Slots hold no pointers, so memory outside Go's heap is
// safe for them. Where the kernel refuses the mapping, the slots come from Go's heap.
func makeSlots(n int) ([]valueSlot, func()) {
	size := n * int(unsafe.Sizeof(valueSlot{}))
	if size < 4<<20 {
		return make([]valueSlot, n), func() {}
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]valueSlot, n), func() {}
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE) // a hint: without it the table still works
	return unsafe.Slice((*valueSlot)(unsafe.Pointer(&mem[0])), n), func() { _ = syscall.Munmap(mem) }
}
