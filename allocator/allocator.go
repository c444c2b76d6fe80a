package allocator

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Size units for Config fields and budgets. All sizes in this package are
// int byte counts.
const (
	// KiB is 1024 bytes.
	KiB = 1024
	// MiB is 1024 KiB.
	MiB = 1024 * KiB
)

// Default sizes used when the corresponding Config field is zero.
const (
	// DefaultFrameSize is the default Config.FrameSize: the largest chunk a
	// per-type frame slab grows to.
	DefaultFrameSize = 1 * MiB
	// DefaultPoolSize is the default Config.PoolSize: the largest chunk a
	// per-type pool grows by.
	DefaultPoolSize = 256 * KiB
)

// Config configures an Allocator. The zero value is usable.
type Config struct {
	// FrameSize bounds the chunk size, in bytes, of the per-type frame
	// slabs. Each type's frame memory starts with a small chunk and doubles
	// up to FrameSize; a FrameSlice larger than FrameSize gets a dedicated
	// slice for the frame. Zero means DefaultFrameSize. FrameSize is not a
	// limit on frame memory; FrameBudget is.
	FrameSize int
	// PoolSize bounds the chunk size, in bytes, by which a per-type pool
	// grows. Zero means DefaultPoolSize.
	PoolSize int
	// FrameBudget is the default hard frame budget of every Local: the most
	// frame bytes one Local may allocate in one frame. Zero means none.
	FrameBudget int
	// PoolBudget is the default hard pool budget of every Local: the most
	// pool bytes one Local may hold out (allocated and not freed). Zero
	// means none.
	PoolBudget int
	// Deferred configures the queues through which pool objects freed by a
	// goroutine other than their owner travel back to the owner.
	Deferred DeferredConfig
	// Debug makes stale frame pointers visible: frame memory is never
	// reused across frames, and memory handed back at EndFrame is poisoned
	// (see the package documentation, "Debug mode"). Debug also detects
	// double PoolFree. It costs speed and memory.
	Debug bool
}

// Allocator is the shared part of the allocator: tag registry and budgets,
// allocator-wide statistics, deferred-queue configuration and the behavior
// filter. It is safe for concurrent use. Allocation itself goes through a
// per-goroutine Local obtained from NewLocal.
type Allocator struct {
	cfg   Config
	debug bool

	mu      sync.Mutex
	locals  []*Local // live Locals, in creation order
	nextID  int
	closed  bool
	retired retiredTotals // counters of closed Locals

	tagMu    sync.RWMutex
	tags     map[string]*tagRecord
	tagDescs map[string]*tagDesc // Tag handles by name

	deferred atomic.Pointer[DeferredConfig]

	owners ownerIndex // pool chunk ranges, for cross-goroutine PoolFree

	bf behaviorState

	snap snapshotState
}

// retiredTotals keeps the cumulative counters of closed Locals, so that
// Allocator.Stats still counts what they did.
type retiredTotals struct {
	frameAllocations int
	poolAllocations  int
	poolFrees        int
	heapAllocations  int
	heapBytes        int
	framesCompleted  uint64
	peakFrameBytes   int
	toPool, toHeap   int
	deferredFrees    int
	deferredDropped  int
	phases           []PhaseStats
	windows          intervalTally // windows not yet taken by a snapshot
}

// New returns an Allocator configured by cfg. Zero fields take their
// documented defaults.
func New(cfg Config) *Allocator {
	if cfg.FrameSize <= 0 {
		cfg.FrameSize = DefaultFrameSize
	}
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = DefaultPoolSize
	}
	if cfg.FrameBudget < 0 {
		cfg.FrameBudget = 0
	}
	if cfg.PoolBudget < 0 {
		cfg.PoolBudget = 0
	}
	a := &Allocator{cfg: cfg, debug: cfg.Debug, tags: make(map[string]*tagRecord)}
	d := normalizeDeferred(cfg.Deferred)
	a.deferred.Store(&d)
	a.bf.init()
	a.snap.last = time.Now().UTC()
	return a
}

// NewLocal returns a new Local of a: the per-goroutine part of the
// allocator, with its own frame arena, pools and statistics. A Local is not
// safe for concurrent use: one goroutine uses it at a time (it may be handed
// to another goroutine that then becomes its only user). It panics if a is
// closed.
func (a *Allocator) NewLocal() *Local {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		panic("allocator: NewLocal on a closed Allocator")
	}
	a.nextID++
	l := newLocal(a, a.nextID)
	a.locals = append(a.locals, l)
	return l
}

// Close closes every Local still open and marks a closed; NewLocal panics
// afterwards. Statistics stay readable. Close must not run while other
// goroutines still use their Locals.
func (a *Allocator) Close() {
	a.mu.Lock()
	ls := slices.Clone(a.locals)
	a.closed = true
	a.mu.Unlock()
	for _, l := range ls {
		l.Close()
	}
}

// forEachLocal calls fn for every live Local of a, in creation order. It is
// the accessor the snapshot builder uses. fn must only read what a Local
// publishes for other goroutines, that is l.published(nil); it must not call
// methods meant for the owning goroutine. fn runs without a's lock held, so
// it may call Allocator methods.
func (a *Allocator) forEachLocal(fn func(*Local)) {
	a.mu.Lock()
	ls := slices.Clone(a.locals)
	a.mu.Unlock()
	for _, l := range ls {
		fn(l)
	}
}

// removeLocal takes l off the live list and folds its counters into the
// retired totals.
func (a *Allocator) removeLocal(l *Local, st LocalStats, phases []PhaseStats) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if i := slices.Index(a.locals, l); i >= 0 {
		a.locals = slices.Delete(a.locals, i, i+1)
	}
	r := &a.retired
	r.frameAllocations += st.FrameAllocations
	r.poolAllocations += st.PoolAllocations
	r.poolFrees += st.PoolFrees
	r.heapAllocations += st.HeapAllocations
	r.heapBytes += st.HeapBytes
	r.framesCompleted += st.FramesCompleted
	r.peakFrameBytes = max(r.peakFrameBytes, st.PeakFrameBytes)
	r.toPool += st.PromotionsToPool
	r.toHeap += st.PromotionsToHeap
	r.deferredFrees += st.DeferredFrees
	r.deferredDropped += st.DeferredDropped
	r.phases = mergePhases(r.phases, phases)
	a.retireWindows(l)
}
