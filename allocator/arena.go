package allocator

import (
	"reflect"
	"unsafe"
)

// The frame arena (also used by Scratch) keeps one typed slab per type T:
// chunks of type []T, so the garbage collector always sees T's real pointer
// layout. Each slab starts with a type-erased bump header, and a small
// direct-mapped cache on the arena maps the type descriptor of *T to that
// header, so the allocation fast path needs no map, no reflect and no
// interface call: one compare, one bounds check and a pointer bump.
//
// Budgets and accounting use one cumulative byte counter, total: an
// allocation of size bytes succeeds on the fast path when total+size <=
// limit, where limit is an absolute position on that counter computed from
// the budgets in force. Setting limit to 0 sends every allocation to the
// slow path, which checks everything exactly (tag budgets, the behavior
// filter).

// cacheBits is log2 of cacheSize.
const cacheBits = 6

// cacheSize is the number of entries of the per-arena type cache.
const cacheSize = 1 << cacheBits

// noLimit is the limit used when no budget applies.
const noLimit = ^uintptr(0)

// minChunkBytes is the size of the first chunk of a slab.
const minChunkBytes = 4 * KiB

// bump is the type-erased header at offset 0 of every slab.
type bump struct {
	base unsafe.Pointer // &cur[0]; keeps the chunk alive
	off  uintptr        // bytes used in the current chunk
	lim  uintptr        // usable bytes in the current chunk (0 when inactive)
}

// cacheEntry maps a type descriptor to a slab header.
type cacheEntry struct {
	key unsafe.Pointer // type descriptor of *T
	hdr unsafe.Pointer // *slab[T], whose bump header is at offset 0
}

// eface is the layout of an empty interface.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// typeKey returns the runtime type descriptor of *T: a unique word per type.
func typeKey[T any]() unsafe.Pointer {
	var x any = (*T)(nil)
	return (*eface)(unsafe.Pointer(&x)).typ
}

// ptrBits is the width of a pointer in bits: 32 or 64.
const ptrBits = 32 << (^uintptr(0) >> 63)

// fibMul is 2^ptrBits divided by the golden ratio, the multiplier of
// Fibonacci hashing at the pointer width.
const fibMul = uintptr(0x9E3779B97F4A7C15 >> (64 - ptrBits))

// slot maps a type key to a cache slot (Fibonacci hashing).
func slot(k unsafe.Pointer) uintptr {
	return (uintptr(k) * fibMul) >> (ptrBits - cacheBits)
}

// resetter is implemented by every slab.
type resetter interface {
	// reset hands the frame's memory back: typed clear, chunks kept for
	// reuse (or, in debug mode, poisoned and dropped).
	reset(debug bool)
	// inFrame reports whether p points into memory of the current frame.
	contains(p uintptr) bool
	// retiredContains reports whether p points into memory retired by
	// debug mode.
	retiredContains(p uintptr) bool
}

// arena is a set of typed slabs with one cumulative byte counter.
type arena struct {
	cache    [cacheSize]cacheEntry
	total    uintptr // cumulative bytes allocated
	limit    uintptr // absolute bound on total for the fast path
	count    int     // cumulative allocations
	slabs    map[unsafe.Pointer]resetter
	active   []resetter // slabs used since the last reset
	maxChunk int        // largest chunk, bytes
	debug    bool
}

func (a *arena) init(maxChunk int, debug bool) {
	a.slabs = make(map[unsafe.Pointer]resetter)
	a.maxChunk = max(maxChunk, minChunkBytes)
	a.debug = debug
	a.limit = noLimit
}

// reset hands back everything allocated since the last reset. It costs a
// few ns plus the typed clear of the memory used, per slab used.
func (a *arena) reset() {
	for i, s := range a.active {
		s.reset(a.debug)
		a.active[i] = nil
	}
	a.active = a.active[:0]
}

// release drops all memory of the arena.
func (a *arena) release() {
	a.reset()
	a.cache = [cacheSize]cacheEntry{}
	a.slabs = make(map[unsafe.Pointer]resetter)
}

// slab is the per-type frame slab of an arena.
type slab[T any] struct {
	bump
	cur     []T
	used    [][]T // full chunks of this frame
	spare   [][]T // cleared chunks ready for reuse
	large   [][]T // dedicated slices larger than a chunk
	retired [][]T // debug mode: poisoned chunks of the last frames
	elem    uintptr
	nextLen int // elements of the next new chunk
	maxLen  int // elements of the largest chunk
	active  bool
	ptrs    bool // T holds pointers
}

// slabFor returns a's slab for T, creating it on first use.
func slabFor[T any](a *arena) *slab[T] {
	k := typeKey[T]()
	e := &a.cache[slot(k)]
	if e.key == k {
		return (*slab[T])(e.hdr)
	}
	r, ok := a.slabs[k]
	if !ok {
		var z T
		elem := unsafe.Sizeof(z)
		s := &slab[T]{elem: elem, ptrs: hasPointers(reflect.TypeFor[T]())}
		esz := max(int(elem), 1)
		s.maxLen = max(a.maxChunk/esz, 1)
		s.nextLen = min(max(minChunkBytes/esz, 1), s.maxLen)
		r = s
		a.slabs[k] = r
	}
	s := r.(*slab[T])
	e.key, e.hdr = k, unsafe.Pointer(s)
	return s
}

// activate registers s as used in this frame.
func (s *slab[T]) activate(a *arena) {
	if !s.active {
		s.active = true
		a.active = append(a.active, s)
		s.lim = uintptr(len(s.cur)) * s.elem
	}
}

// alloc returns n zeroed elements from s (n >= 1, elem > 0). Budgets are
// the caller's business.
func (s *slab[T]) alloc(a *arena, n int) unsafe.Pointer {
	s.activate(a)
	need := uintptr(n) * s.elem
	if s.lim-s.off >= need {
		p := unsafe.Add(s.base, s.off)
		s.off += need
		return p
	}
	if n > s.maxLen {
		big := make([]T, n)
		s.large = append(s.large, big)
		return unsafe.Pointer(unsafe.SliceData(big))
	}
	s.refill(n)
	p := unsafe.Add(s.base, s.off)
	s.off += need
	return p
}

// refill makes a chunk of at least n elements current.
func (s *slab[T]) refill(n int) {
	if s.cur != nil {
		s.used = append(s.used, s.cur[:s.off/s.elem])
	}
	if k := len(s.spare); k > 0 && cap(s.spare[k-1]) >= n {
		s.cur = s.spare[k-1][:cap(s.spare[k-1])]
		s.spare[k-1] = nil
		s.spare = s.spare[:k-1]
	} else {
		ln := max(s.nextLen, n)
		s.cur = make([]T, ln)
		if s.nextLen < s.maxLen {
			s.nextLen = min(s.nextLen*2, s.maxLen)
		}
	}
	s.base = unsafe.Pointer(unsafe.SliceData(s.cur))
	s.off = 0
	s.lim = uintptr(len(s.cur)) * s.elem
}

// poisonByte fills pointer-free frame memory retired in debug mode.
const poisonByte = 0xDB

func (s *slab[T]) reset(debug bool) {
	s.active = false
	if debug {
		s.retire()
		return
	}
	if s.cur != nil {
		clear(s.cur[:s.off/s.elem])
	}
	for i, c := range s.used {
		clear(c)
		s.spare = append(s.spare, c[:cap(c)])
		s.used[i] = nil
	}
	s.used = s.used[:0]
	for i, c := range s.large {
		if s.ptrs {
			clear(c) // drop references held by a stale pointer's target
		}
		s.large[i] = nil
	}
	s.large = s.large[:0]
	s.off = 0
	s.lim = 0
}

// retire is reset in debug mode: the frame's chunks are poisoned (pointer-
// free types: every byte poisonByte) or cleared (pointerful types, whose
// memory must never be written through a byte view), then kept aside for
// one frame so that FrameCheck can name them, and never reused.
func (s *slab[T]) retire() {
	var chunks [][]T
	if s.cur != nil {
		chunks = append(chunks, s.cur[:cap(s.cur)])
	}
	chunks = append(chunks, s.used...)
	chunks = append(chunks, s.large...)
	for _, c := range chunks {
		if s.ptrs {
			clear(c)
		} else if len(c) > 0 {
			b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c))), uintptr(len(c))*s.elem)
			for i := range b {
				b[i] = poisonByte
			}
		}
	}
	s.retired = chunks
	s.cur, s.used, s.large, s.spare = nil, nil, nil, nil
	s.base, s.off, s.lim = nil, 0, 0
}

func chunkHas[T any](c []T, elem uintptr, p uintptr) bool {
	if cap(c) == 0 || elem == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(c)))
	return p >= lo && p < lo+uintptr(cap(c))*elem
}

func (s *slab[T]) contains(p uintptr) bool {
	if s.cur != nil {
		lo := uintptr(s.base)
		if p >= lo && p < lo+s.off {
			return true
		}
	}
	for _, c := range s.used {
		if chunkHas(c, s.elem, p) {
			return true
		}
	}
	for _, c := range s.large {
		if chunkHas(c, s.elem, p) {
			return true
		}
	}
	return false
}

func (s *slab[T]) retiredContains(p uintptr) bool {
	for _, c := range s.retired {
		if chunkHas(c, s.elem, p) {
			return true
		}
	}
	return false
}

// hasPointers reports whether values of t hold pointers the garbage
// collector must see.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Slice, reflect.String,
		reflect.Interface, reflect.Chan, reflect.Func:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// efaceData returns the data word of an interface holding a pointer.
func efaceData(x any) unsafe.Pointer {
	return (*eface)(unsafe.Pointer(&x)).data
}
