package allocator

import (
	"fmt"
	"unsafe"
)

// Scratch is a named bump arena of bounded size for temporary work,
// independent of frames: what ScratchAlloc hands out lives until the
// outermost Scope returns. A Scratch is not safe for concurrent use.
type Scratch struct {
	name  string
	size  int
	ar    arena
	depth int
	peak  int
}

// NewScratch returns a Scratch named name that holds at most size bytes
// per outermost scope (size <= 0 means 1 MiB).
func (a *Allocator) NewScratch(name string, size int) *Scratch {
	if size <= 0 {
		size = MiB
	}
	s := &Scratch{name: name, size: size}
	s.ar.init(min(size, a.cfg.FrameSize), a.debug)
	s.ar.limit = uintptr(size)
	return s
}

// Name returns the name given to NewScratch.
func (s *Scratch) Name() string { return s.name }

// Used returns the bytes allocated in the current scope.
func (s *Scratch) Used() int { return int(s.ar.total) }

// Scope runs fn(s); when the outermost Scope returns (even by panic),
// everything allocated in s is cleared and reused. Nested scopes share
// the outermost scope's lifetime.
func (s *Scratch) Scope(fn func(s *Scratch)) {
	s.depth++
	defer func() {
		s.depth--
		if s.depth == 0 {
			s.peak = max(s.peak, int(s.ar.total))
			s.ar.reset()
			s.ar.total = 0
			s.ar.count = 0
		}
	}()
	fn(s)
}

// ScratchAlloc returns a zeroed *T in s, valid until the outermost Scope
// returns. It panics with a *BudgetError when s is full, and when called
// outside Scope.
func ScratchAlloc[T any](s *Scratch) *T {
	if s.depth == 0 {
		panic(fmt.Sprintf("allocator: ScratchAlloc on scratch %q outside Scope", s.name))
	}
	sl := slabFor[T](&s.ar)
	if sl.elem == 0 {
		return (*T)(unsafe.Pointer(&zeroSized))
	}
	if s.ar.total+sl.elem > s.ar.limit {
		panic(&BudgetError{Kind: "scratch", Tag: s.name, Budget: s.size, Used: int(s.ar.total), Requested: int(sl.elem)})
	}
	p := sl.alloc(&s.ar, 1)
	s.ar.total += sl.elem
	s.ar.count++
	return (*T)(p)
}
