package allocator

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrNotInFrame is wrapped by the error a frame allocation panics with,
// with Config.Debug, when its Local is not between BeginFrame and
// EndFrame.
var ErrNotInFrame = errors.New("allocator: frame allocation outside BeginFrame/EndFrame")

// zeroSized is the address returned for zero-size allocations. It is never
// written: a zero-size value has no bytes.
var zeroSized struct{}

// Frame returns a pointer to a zeroed T in l's frame arena, valid until
// l's next EndFrame. T may be any type, pointerful or not: the memory is a
// typed []T chunk the garbage collector scans as T. Frame panics with a
// *BudgetError when a hard budget (frame or tag) would be exceeded.
//
// A frame allocation made outside BeginFrame/EndFrame (see
// Local.InFrame) is not refused: it lives until the next EndFrame, like
// the allocations of the frame that follows (it is counted in the
// statistics; the frame budget of that frame counts from its BeginFrame).
// With Config.Debug it panics with an error wrapping ErrNotInFrame
// instead, for every frame allocation (Frame, FrameSlice,
// FrameBytes, FrameAppend when it needs memory, FrameRetained, the Try
// forms and TransferHandle.Receive).
func Frame[T any](l *Local) *T {
	var z T
	size := unsafe.Sizeof(z)
	a := &l.fa
	k := typeKey[T]()
	e := &a.cache[slot(k)]
	if e.key == k {
		b := (*bump)(e.hdr)
		off := b.off
		if nt := a.total + size; b.lim-off >= size && nt <= a.limit && size != 0 {
			b.off = off + size
			a.total = nt
			a.count++
			return (*T)(unsafe.Add(b.base, off))
		}
	}
	p, err := frameSlow[T](l, 1)
	if err != nil {
		panic(err)
	}
	return (*T)(p)
}

// TryFrame is Frame returning an error wrapping ErrBudgetExceeded (a
// *BudgetError) instead of panicking when a hard budget would be exceeded.
func TryFrame[T any](l *Local) (*T, error) {
	var z T
	size := unsafe.Sizeof(z)
	a := &l.fa
	k := typeKey[T]()
	e := &a.cache[slot(k)]
	if e.key == k {
		b := (*bump)(e.hdr)
		off := b.off
		if nt := a.total + size; b.lim-off >= size && nt <= a.limit && size != 0 {
			b.off = off + size
			a.total = nt
			a.count++
			return (*T)(unsafe.Add(b.base, off)), nil
		}
	}
	p, err := frameSlow[T](l, 1)
	if err != nil {
		return nil, err
	}
	return (*T)(p), nil
}

// FrameSlice returns a zeroed []T of length and capacity n in l's frame
// arena, valid until l's next EndFrame. A slice larger than the frame
// chunk size (Config.FrameSize) gets dedicated memory for the frame. It
// panics with a *BudgetError when a hard budget would be exceeded, and if
// n is negative.
func FrameSlice[T any](l *Local, n int) []T {
	s, err := TryFrameSlice[T](l, n)
	if err != nil {
		panic(err)
	}
	return s
}

// TryFrameSlice is FrameSlice returning an error wrapping
// ErrBudgetExceeded instead of panicking when a hard budget would be
// exceeded.
func TryFrameSlice[T any](l *Local, n int) ([]T, error) {
	var z T
	size := unsafe.Sizeof(z)
	a := &l.fa
	k := typeKey[T]()
	e := &a.cache[slot(k)]
	if e.key == k && n > 0 {
		b := (*bump)(e.hdr)
		need := size * uintptr(n)
		off := b.off
		if nt := a.total + need; b.lim-off >= need && nt <= a.limit && need/uintptr(n) == size && size != 0 {
			b.off = off + need
			a.total = nt
			a.count++
			return unsafe.Slice((*T)(unsafe.Add(b.base, off)), n), nil
		}
	}
	if n < 0 {
		panic(fmt.Sprintf("allocator: FrameSlice with negative length %d", n))
	}
	p, err := frameSlow[T](l, n)
	if err != nil {
		return nil, err
	}
	return unsafe.Slice((*T)(p), n), nil
}

// FrameBytes returns a zeroed []byte of length n in l's frame arena, valid
// until l's next EndFrame. It is FrameSlice[byte].
func FrameBytes(l *Local, n int) []byte {
	return FrameSlice[byte](l, n)
}

// frameSlow is the out-of-line path of every frame allocation: first use
// of a type, chunk refill, budgets, zero sizes, the behavior filter.
//
//go:noinline
func frameSlow[T any](l *Local, n int) (unsafe.Pointer, error) {
	l.mustOpen()
	if l.debug && !l.inFrame {
		panic(notInFrame[T](l))
	}
	s := slabFor[T](&l.fa)
	if s.elem == 0 || n == 0 {
		return unsafe.Pointer(&zeroSized), nil
	}
	need := uintptr(n) * s.elem
	if need/uintptr(n) != s.elem {
		panic(fmt.Sprintf("allocator: FrameSlice length %d overflows", n))
	}
	if err := l.checkFrame(int(need)); err != nil {
		return nil, err
	}
	p := s.alloc(&l.fa, n)
	l.fa.total += need
	l.fa.count++
	if l.track {
		l.a.bf.frameAlloc(l)
	}
	return p, nil
}

// notInFrame is the error a frame allocation of a T outside a frame
// panics with in debug mode.
func notInFrame[T any](l *Local) error {
	var p *T
	return fmt.Errorf("%w: %s allocated after EndFrame of frame %d (Config.Debug); call BeginFrame first",
		ErrNotInFrame, fmt.Sprintf("%T", p)[1:], l.frame)
}

// checkFrame checks a frame allocation of need bytes against the frame
// budget and the budgets of the tags on the stack.
func (l *Local) checkFrame(need int) error {
	used := int(l.fa.total - l.frameStart)
	if l.frameBudget > 0 && used+need > l.frameBudget {
		return &BudgetError{Kind: "frame", Budget: l.frameBudget, Used: used, Requested: need}
	}
	return l.checkTags(need)
}
