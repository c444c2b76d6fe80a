package allocator

import (
	"fmt"
	"slices"
	"sync"
	"unsafe"
)

// Pools keep, per Local and per type, typed []T chunks and a LIFO free
// list of freed objects. Freed objects are zeroed at PoolFree (a typed
// store, so they pin nothing), so Pool always returns zeroed memory.

// poolBase is the type-erased head of a pool (offset 0 of pool[T]).
type poolBase struct {
	free []unsafe.Pointer
	elem uintptr
	lo   uintptr                     // newest chunk: PoolFree fast path ownership test
	span uintptr                     // its size in bytes; 0 disables the fast path
	real uintptr                     // span when the fast path is on
	hlo  uintptr                     // the chunk PoolFree's slow path found last
	hspn uintptr                     // its size in bytes when the fast path is on, else 0
	key  unsafe.Pointer              // type key of T
	dbl  map[unsafe.Pointer]struct{} // debug: objects on the free list
	// ranges are the pool's chunks sorted by address, for PoolFree of an
	// object of an older chunk (the fast path only knows the newest).
	ranges []chunkRange
}

// chunkRange is the address range of one chunk of a pool.
type chunkRange struct {
	lo, hi uintptr
	chunk  int // index in pool.chunks
}

// chunkOf returns the index of the chunk holding address u, or -1.
func (b *poolBase) chunkOf(u uintptr) int {
	rs := b.ranges
	lo, hi := 0, len(rs) // the first range with hi > u is in [lo, hi]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rs[m].hi <= u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(rs) && rs[lo].lo <= u {
		return rs[lo].chunk
	}
	return -1
}

// addRange records chunk i, at [lo, hi), in the sorted ranges.
func (b *poolBase) addRange(lo, hi uintptr, i int) {
	j, _ := slices.BinarySearchFunc(b.ranges, lo, func(r chunkRange, lo uintptr) int {
		switch {
		case r.lo < lo:
			return -1
		case r.lo > lo:
			return 1
		}
		return 0
	})
	b.ranges = slices.Insert(b.ranges, j, chunkRange{lo, hi, i})
}

// poolOps is the type-erased interface of a pool.
type poolOps interface {
	setFast(on bool)
	base() *poolBase
}

type pool[T any] struct {
	poolBase
	chunks  [][]T
	next    int // next unused element of the newest chunk
	nextLen int
	maxLen  int
}

func (p *pool[T]) base() *poolBase { return &p.poolBase }

func (p *pool[T]) setFast(on bool) {
	if on {
		p.span = p.real
	} else {
		p.span = 0
		p.hspn = 0
	}
}

// ownPool returns l's pool for T, nil when l has none.
func ownPool[T any](l *Local) *pool[T] {
	k := typeKey[T]()
	if e := &l.pcache[slot(k)]; e.key == k {
		return (*pool[T])(e.hdr)
	}
	if r, ok := l.pools[k]; ok {
		return r.(*pool[T])
	}
	return nil
}

func poolFor[T any](l *Local) *pool[T] {
	k := typeKey[T]()
	e := &l.pcache[slot(k)]
	if e.key == k {
		return (*pool[T])(e.hdr)
	}
	r, ok := l.pools[k]
	if !ok {
		var z T
		p := &pool[T]{}
		p.elem = unsafe.Sizeof(z)
		p.key = k
		esz := max(int(p.elem), 1)
		p.maxLen = max(l.a.cfg.PoolSize/esz, 1)
		p.nextLen = min(max(minChunkBytes/esz, 1), p.maxLen)
		if l.debug {
			p.dbl = make(map[unsafe.Pointer]struct{})
		}
		r = p
		l.pools[k] = r
	}
	p := r.(*pool[T])
	e.key, e.hdr = k, unsafe.Pointer(p)
	return p
}

// Pool returns a zeroed *T from l's pool for T, reusing a freed object when
// there is one. It lives until PoolFree (from any goroutine). Pool panics
// with a *BudgetError past the pool budget or a tag's hard budget.
func Pool[T any](l *Local) *T {
	k := typeKey[T]()
	e := &l.pcache[slot(k)]
	if e.key == k {
		b := (*poolBase)(e.hdr)
		if n := len(b.free); n > 0 {
			if no := l.pOut + b.elem; no <= l.pLimit {
				x := b.free[n-1]
				b.free = b.free[:n-1]
				l.pOut = no
				l.pTotal += b.elem
				l.pCount++
				return (*T)(x)
			}
		}
	}
	p, err := poolSlow[T](l)
	if err != nil {
		panic(err)
	}
	return p
}

// TryPool is Pool returning an error wrapping ErrBudgetExceeded instead of
// panicking.
func TryPool[T any](l *Local) (*T, error) {
	return poolSlow[T](l)
}

//go:noinline
func poolSlow[T any](l *Local) (*T, error) {
	l.mustOpen()
	p := poolFor[T](l)
	if l.poolBudget > 0 && int(l.pOut+p.elem) > l.poolBudget {
		return nil, &BudgetError{Kind: "pool", Budget: l.poolBudget, Used: int(l.pOut), Requested: int(p.elem)}
	}
	if err := l.checkTags(int(p.elem)); err != nil {
		return nil, err
	}
	if len(p.free) == 0 && l.deferredQ.pending.Load() != 0 {
		l.drainOverflow()
	}
	var x *T
	if n := len(p.free); n > 0 {
		x = (*T)(p.free[n-1])
		p.free[n-1] = nil
		p.free = p.free[:n-1]
		if p.dbl != nil {
			delete(p.dbl, unsafe.Pointer(x))
		}
	} else if p.elem == 0 {
		x = (*T)(unsafe.Pointer(&zeroSized))
	} else {
		if len(p.chunks) == 0 || p.next == len(p.chunks[len(p.chunks)-1]) {
			c := make([]T, p.nextLen)
			p.nextLen = min(p.nextLen*2, p.maxLen)
			p.chunks = append(p.chunks, c)
			p.next = 0
			p.lo = uintptr(unsafe.Pointer(unsafe.SliceData(c)))
			p.real = uintptr(len(c)) * p.elem
			p.setFast(l.poolFast)
			p.addRange(p.lo, p.lo+p.real, len(p.chunks)-1)
			l.a.owners.add(p.lo, p.lo+p.real, l, &p.poolBase)
		}
		x = &p.chunks[len(p.chunks)-1][p.next]
		p.next++
	}
	l.pOut += p.elem
	l.pTotal += p.elem
	l.pCount++
	if l.track {
		l.a.bf.poolAlloc(l, unsafe.Pointer(x))
	}
	return x, nil
}

// PoolFree returns p, obtained from Pool or TryPool of any Local of the
// same Allocator, to its pool. p is zeroed at once and must not be used
// afterwards. When l owns p, p is reusable at once; otherwise it travels
// through the owner's deferred queue (see DeferredConfig), and with
// QueueFail a full queue refuses the free (counted in Stats; use
// TryPoolFree to see it). PoolFree(l, nil) does nothing; a pointer no
// pool handed out makes it panic; with Config.Debug a double free panics.
func PoolFree[T any](l *Local, p *T) {
	if err := poolFree(l, p); err != nil && err != errQueueRefused {
		panic(err)
	}
}

// TryPoolFree is PoolFree returning ErrDeferredQueueFull when the owner's
// deferred queue is full under QueueFail; the object then stays allocated
// (not zeroed) and may be freed again later.
func TryPoolFree[T any](l *Local, p *T) error {
	err := poolFree(l, p)
	if err == errQueueRefused {
		return fmt.Errorf("%w: PoolFree of a %T", ErrDeferredQueueFull, p)
	}
	return err
}

func poolFree[T any](l *Local, p *T) error {
	if p == nil {
		return nil
	}
	k := typeKey[T]()
	e := &l.pcache[slot(k)]
	if e.key == k {
		b := (*poolBase)(e.hdr)
		if u := uintptr(unsafe.Pointer(p)); u-b.lo < b.span || u-b.hlo < b.hspn {
			var z T
			*p = z
			b.free = append(b.free, unsafe.Pointer(p))
			l.pOut -= b.elem
			l.pFrees++
			return nil
		}
	}
	return poolFreeSlow(l, p)
}

//go:noinline
func poolFreeSlow[T any](l *Local, p *T) error {
	l.mustOpen()
	var z T
	if unsafe.Sizeof(z) == 0 {
		return nil
	}
	u := uintptr(unsafe.Pointer(p))
	if pp := ownPool[T](l); pp != nil {
		if i := pp.chunkOf(u); i >= 0 {
			if pp.dbl != nil {
				pp.debugCheckFree(p, i)
			}
			if pp.span != 0 { // fast path on: the next free of this chunk takes it
				c := pp.chunks[i]
				pp.hlo = uintptr(unsafe.Pointer(unsafe.SliceData(c)))
				pp.hspn = uintptr(len(c)) * pp.elem
			}
			if l.track {
				l.a.bf.poolFree(l, unsafe.Pointer(p))
			}
			*p = z
			pp.free = append(pp.free, unsafe.Pointer(p))
			l.pOut -= pp.elem
			l.pFrees++
			return nil
		}
	}
	r, ok := l.a.owners.find(u)
	if !ok {
		panic(fmt.Sprintf("allocator: PoolFree of %T %p, which no pool of this Allocator handed out", p, p))
	}
	owner, base := r.l, r.b
	if owner == nil { // owner closed: its memory is gone, drop the object
		*p = z
		return nil
	}
	if owner == l {
		panic(fmt.Sprintf("allocator: PoolFree of %T %p: pool type mismatch", p, p))
	}
	if l.debug {
		if base.key != typeKey[T]() {
			panic(fmt.Sprintf("allocator: PoolFree of %T %p, which a pool of another type handed out (Config.Debug)", p, p))
		}
		if (u-r.lo)%base.elem != 0 {
			panic(fmt.Sprintf("allocator: PoolFree of %T %p, which is not the start of an object of its pool (Config.Debug)", p, p))
		}
	}
	return owner.deferredQ.enqueue(base, p, func() { *p = z })
}

// debugCheckFree panics, in debug mode, when p (in chunk i) is not an
// object this pool handed out and has not taken back: a pointer between
// objects, an object never handed out, or one already freed.
func (pp *pool[T]) debugCheckFree(p *T, i int) {
	c := pp.chunks[i]
	off := uintptr(unsafe.Pointer(p)) - uintptr(unsafe.Pointer(unsafe.SliceData(c)))
	switch {
	case off%pp.elem != 0:
		panic(fmt.Sprintf("allocator: PoolFree of %T %p, which is not the start of an object of its pool (Config.Debug)", p, p))
	case i == len(pp.chunks)-1 && int(off/pp.elem) >= pp.next:
		panic(fmt.Sprintf("allocator: PoolFree of %T %p, which its pool never handed out (Config.Debug)", p, p))
	}
	if _, dup := pp.dbl[unsafe.Pointer(p)]; dup {
		panic(fmt.Sprintf("allocator: double PoolFree of %T %p", p, p))
	}
	pp.dbl[unsafe.Pointer(p)] = struct{}{}
}

// ownerIndex maps pool chunk address ranges to their Local, so that a
// PoolFree on another goroutine finds the owner's deferred queue.
type ownerIndex struct {
	mu     sync.RWMutex
	ranges []ownerRange // sorted by lo
}

type ownerRange struct {
	lo, hi uintptr
	l      *Local // nil once the Local is closed
	b      *poolBase
}

func (o *ownerIndex) add(lo, hi uintptr, l *Local, b *poolBase) {
	o.mu.Lock()
	defer o.mu.Unlock()
	i, _ := slices.BinarySearchFunc(o.ranges, lo, func(r ownerRange, lo uintptr) int {
		switch {
		case r.lo < lo:
			return -1
		case r.lo > lo:
			return 1
		}
		return 0
	})
	o.ranges = slices.Insert(o.ranges, i, ownerRange{lo, hi, l, b})
}

// find returns the range holding u.
func (o *ownerIndex) find(u uintptr) (ownerRange, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	i, _ := slices.BinarySearchFunc(o.ranges, u+1, func(r ownerRange, t uintptr) int {
		switch {
		case r.lo < t:
			return -1
		case r.lo > t:
			return 1
		}
		return 0
	})
	if i == 0 {
		return ownerRange{}, false
	}
	r := o.ranges[i-1]
	if u >= r.hi {
		return ownerRange{}, false
	}
	return r, true
}

// removeLocal marks l's ranges as closed: later frees of its objects are
// recognised and dropped.
func (o *ownerIndex) removeLocal(l *Local) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := range o.ranges {
		if o.ranges[i].l == l {
			o.ranges[i].l = nil
			o.ranges[i].b = nil
		}
	}
}

// Heap returns a zeroed *T from the Go heap (new(T)), counted in l's
// statistics, tags and phases; the garbage collector frees it. It panics
// with a *BudgetError past a tag's hard budget.
func Heap[T any](l *Local) *T {
	l.mustOpen()
	var z T
	size := int(unsafe.Sizeof(z))
	if l.budgetTag > 0 {
		if err := l.checkTags(size); err != nil {
			panic(err)
		}
	}
	p := new(T)
	l.hBytes += size
	l.hCount++
	if l.inFrame {
		l.frameHeapAllocs++
	}
	if l.track {
		l.a.bf.heapAlloc(l)
	}
	return p
}
