package allocator

import (
	"fmt"
	"unsafe"
)

// minAppendBytes is the smallest backing array, in bytes, FrameAppend
// takes from the frame when it grows a slice.
const minAppendBytes = 64

// FrameAppend appends vs to s as the built-in append does and returns the
// extended slice, taking any new backing array from l's frame arena: the
// result is frame memory, valid until l's next EndFrame. When s has room
// (len+len(vs) <= cap), vs are copied into s's own backing array, whatever
// memory that is, and nothing is allocated. Otherwise the capacity at
// least doubles: appending one element at a time costs amortised O(1).
// When s's backing array is the last frame allocation of its type, it
// grows in place; else a new array is taken from the frame, s is copied
// into it and the old array is simply left to the frame (or, if it was
// not frame memory, to its owner). Like FrameSlice it panics with a
// *BudgetError past a hard budget.
//
//	contacts := allocator.FrameAppend(l, []Contact(nil), c1, c2)
//	contacts = allocator.FrameAppend(l, contacts, c3)
func FrameAppend[T any](l *Local, s []T, vs ...T) []T {
	if n := len(s) + len(vs); n <= cap(s) {
		s = s[:n]
		copy(s[n-len(vs):], vs)
		return s
	}
	return frameGrow(l, s, vs)
}

// frameGrow is FrameAppend when s has no room for vs.
//
//go:noinline
func frameGrow[T any](l *Local, s, vs []T) []T {
	n := len(s) + len(vs)
	if n < len(s) {
		panic(fmt.Sprintf("allocator: FrameAppend of %d elements to %d overflows", len(vs), len(s)))
	}
	var z T
	elem := unsafe.Sizeof(z)
	if elem == 0 {
		p, err := frameSlow[T](l, n)
		if err != nil {
			panic(err)
		}
		return unsafe.Slice((*T)(p), n)
	}
	newCap := max(n, 2*cap(s), int(minAppendBytes/elem))
	if grown, ok := frameGrowInPlace(l, s, newCap); ok {
		copy(grown[len(s):n], vs)
		return grown[:n]
	}
	grown, err := TryFrameSlice[T](l, newCap)
	if err != nil {
		panic(err)
	}
	copy(grown, s)
	copy(grown[len(s):n], vs)
	return grown[:n]
}

// frameGrowInPlace extends s's backing array to newCap elements when it
// ends where the current chunk of T's frame slab is bumped to and the
// chunk has room, and the budgets allow it.
func frameGrowInPlace[T any](l *Local, s []T, newCap int) ([]T, bool) {
	if cap(s) == 0 || l.closed {
		return nil, false
	}
	a := &l.fa
	k := typeKey[T]()
	e := &a.cache[slot(k)]
	if e.key != k {
		return nil, false // T was not allocated from this frame lately
	}
	b := (*bump)(e.hdr)
	elem := unsafe.Sizeof(*unsafe.SliceData(s))
	end := uintptr(unsafe.Pointer(unsafe.SliceData(s))) + uintptr(cap(s))*elem
	if b.lim == 0 || end != uintptr(b.base)+b.off {
		return nil, false
	}
	extra := uintptr(newCap-cap(s)) * elem
	if b.lim-b.off < extra || extra/elem != uintptr(newCap-cap(s)) {
		return nil, false
	}
	if a.total+extra > a.limit {
		if l.debug && !l.inFrame {
			panic(notInFrame[T](l))
		}
		if err := l.checkFrame(int(extra)); err != nil {
			panic(err)
		}
	}
	b.off += extra
	a.total += extra
	a.count++
	if l.track {
		l.a.bf.frameAlloc(l)
	}
	return unsafe.Slice(unsafe.SliceData(s), newCap), true
}
