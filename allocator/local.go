package allocator

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Local is the per-goroutine part of an Allocator: a frame arena, typed
// pools, tag and phase stacks, budgets and statistics. Obtain one with
// Allocator.NewLocal. A Local is not safe for concurrent use; a goroutine
// may hand its Local to another goroutine and stop using it. Other
// goroutines interact with a Local only through PoolFree (which goes
// through the Local's deferred queue) and TransferHandle.
type Local struct {
	fa arena // frame arena; first, so the fast path finds it at offset 0

	pcache [cacheSize]cacheEntry // pool cache, same scheme as the arena's
	pOut   uintptr               // pool bytes held out
	pLimit uintptr               // bound on pOut for the fast path
	pTotal uintptr               // cumulative pool bytes allocated
	pCount int                   // cumulative pool allocations
	pFrees int                   // cumulative pool frees into this Local

	hBytes int // cumulative heap bytes
	hCount int // cumulative heap allocations

	a     *Allocator
	id    int
	debug bool

	frame           uint64
	inFrame         bool
	frameStart      uintptr // fa.total when the frame began
	frameBudget     int
	poolBudget      int
	peakFrame       int
	framesCompleted uint64
	frameHeapAllocs int // Heap calls in the current frame (behavior filter)

	pools map[unsafe.Pointer]poolOps

	tagRoot   tagNode
	tagStack  []tagFrame
	budgetTag int        // tag frames on the stack with a budget
	tagSeq    uint64     // tag scopes entered
	tagEpoch  uint64     // see flushTags; starts at 1, so no node matches at first
	dirtyTags []*tagNode // nodes with counts not yet in their records
	tagNodes  []*tagNode // every node of the tag tree, in creation order
	win       frameWindow

	phases     map[string]*PhaseStats
	phaseOrder []*PhaseStats
	phaseStack []phaseFrame

	retained       []retainedValue
	toPool, toHeap int
	transfersSent  int
	transfersRecv  int
	deferredFrees  int
	deferredQ      deferredQueue
	track          bool // behavior filter on for this Local
	bfState        *bfLocal

	closed   bool
	poolFast bool // pools' PoolFree fast path enabled

	pubReq      atomic.Bool // a reader asked for a fresh publication
	pubMu       sync.Mutex
	pub         LocalStats
	pubPhases   []PhaseStats
	pubWin      frameWindow // interval windows taken by Snapshot
	pubTagNodes []*tagNode
}

func newLocal(a *Allocator, id int) *Local {
	l := &Local{a: a, id: id, debug: a.debug, tagEpoch: 1}
	l.fa.init(a.cfg.FrameSize, a.debug)
	l.pools = make(map[unsafe.Pointer]poolOps)
	l.frameBudget = a.cfg.FrameBudget
	l.poolBudget = a.cfg.PoolBudget
	l.tagRoot.children = make(map[string]*tagNode)
	l.phases = make(map[string]*PhaseStats)
	l.deferredQ.init(a)
	l.track = a.bf.enabled.Load()
	l.poolFast = true
	l.recomputeLimits()
	l.publish()
	return l
}

// recomputeLimits sets the fast-path limits from the budgets in force.
// A budgeted tag on the stack or the behavior filter send every
// allocation through the slow path, which checks exactly; so do, in debug
// mode, pool allocations and frame allocations outside a frame.
func (l *Local) recomputeLimits() {
	slow := l.budgetTag > 0 || l.track
	switch {
	case slow || (l.debug && !l.inFrame):
		l.fa.limit = 0
	case l.frameBudget > 0:
		l.fa.limit = l.frameStart + uintptr(l.frameBudget)
	default:
		l.fa.limit = noLimit
	}
	switch {
	case slow || l.debug:
		l.pLimit = 0
	case l.poolBudget > 0:
		l.pLimit = uintptr(l.poolBudget)
	default:
		l.pLimit = noLimit
	}
	if fast := !(slow || l.debug); fast != l.poolFast {
		l.poolFast = fast
		for _, p := range l.pools {
			p.setFast(fast)
		}
	}
}

func (l *Local) mustOpen() {
	if l.closed {
		panic("allocator: use of a closed Local")
	}
}

// BeginFrame starts a new frame: FrameNumber increases by one and the
// frame budget starts from zero. With DeferredAtFrameBegin (the default
// mode), pool objects freed by other goroutines return to this Local's
// pools here. BeginFrame panics if the previous frame was not ended.
func (l *Local) BeginFrame() {
	l.mustOpen()
	if l.inFrame {
		panic(fmt.Sprintf("allocator: BeginFrame of frame %d before EndFrame of frame %d", l.frame+1, l.frame))
	}
	l.frame++
	l.inFrame = true
	l.tagEpoch++ // nodes folded and counted in the previous frame are not in this one
	l.frameStart = l.fa.total
	l.frameHeapAllocs = 0
	if t := l.a.bf.enabled.Load(); t != l.track {
		l.track = t
	}
	l.recomputeLimits()
	if l.deferredQ.pending.Load() != 0 && l.a.deferredMode() == DeferredAtFrameBegin {
		l.drainDeferred()
	}
}

// EndFrame ends the frame: all frame memory allocated since the last
// EndFrame is cleared (typed clear, so the garbage collector sees the
// dropped references) and reused by the next frame. Values obtained with
// FrameRetained and a promoting policy are discarded; use
// EndFrameWithPromotions to get their copies. EndFrame may be called
// without a BeginFrame, to release frame memory allocated outside frames.
func (l *Local) EndFrame() {
	l.endFrame(false)
}

// EndFrameWithPromotions ends the frame exactly as EndFrame does, after
// copying every value allocated in the frame with FrameRetained and
// PromoteToPool or PromoteToHeap into pool or heap memory (typed copies).
// It returns one Promotion per promoted value, in allocation order; the
// promoted copies are valid after the frame ends.
func (l *Local) EndFrameWithPromotions() []Promotion {
	return l.endFrame(true)
}

func (l *Local) endFrame(promote bool) []Promotion {
	l.mustOpen()
	var out []Promotion
	if len(l.retained) > 0 {
		out = l.promote(promote)
	}
	used := int(l.fa.total - l.frameStart)
	l.peakFrame = max(l.peakFrame, used)
	if l.track {
		l.a.bf.endFrame(l, used)
	}
	l.fa.reset()
	if l.inFrame {
		l.framesCompleted++
		l.win.add(used)
	}
	l.inFrame = false
	l.flushTags()
	l.frameStart = l.fa.total
	l.recomputeLimits()
	if l.deferredQ.pending.Load() != 0 && l.a.deferredMode() == DeferredAtFrameEnd {
		l.drainDeferred()
	}
	if l.frame&31 == 0 || l.pubReq.Load() {
		l.publish()
	}
	return out
}

// InFrame reports whether l is between BeginFrame and EndFrame.
func (l *Local) InFrame() bool { return l.inFrame }

// FrameNumber returns the number of the current frame: 0 before the first
// BeginFrame, then increased by one at each BeginFrame.
func (l *Local) FrameNumber() uint64 { return l.frame }

// ProcessDeferred returns to this Local's pools the objects other
// goroutines freed into its deferred queue, and returns how many it took.
// It is how a Local configured with DeferredExplicit drains its queue; in
// the other modes BeginFrame or EndFrame call it.
func (l *Local) ProcessDeferred() int {
	l.mustOpen()
	return l.drainDeferred()
}

// SetFrameBudget sets this Local's hard frame budget: the most frame bytes
// it may allocate in one frame. Zero or less removes it. It applies at
// once, counting what the current frame already used.
func (l *Local) SetFrameBudget(bytes int) {
	l.frameBudget = max(bytes, 0)
	l.recomputeLimits()
}

// SetPoolBudget sets this Local's hard pool budget: the most pool bytes it
// may hold out (allocated and not yet freed). Zero or less removes it.
func (l *Local) SetPoolBudget(bytes int) {
	l.poolBudget = max(bytes, 0)
	l.recomputeLimits()
}

// Close releases this Local's memory (frame arena and pools) and removes
// it from its Allocator, whose statistics keep its totals. Pool objects of
// this Local freed later, from any goroutine, are dropped. Close is
// idempotent; any other use of a closed Local panics.
func (l *Local) Close() {
	if l.closed {
		return
	}
	l.retained = nil
	l.tagStack = nil // EnterTag's fast path needs stack capacity
	l.fa.release()
	l.publish()
	l.closed = true
	l.deferredQ.close()
	l.a.owners.removeLocal(l)
	for k := range l.pools {
		delete(l.pools, k)
	}
	l.pcache = [cacheSize]cacheEntry{}
	st, ph := l.published(nil)
	l.a.removeLocal(l, st, ph)
}

// publish copies the owner's counters where other goroutines (Allocator
// statistics, snapshots) read them. It runs at Close, Local.Stats, and at
// EndFrame every 32nd frame or when a reader (Allocator.Stats) asked for it
// since the last publication.
func (l *Local) publish() {
	l.flushTags()
	st := l.stats()
	l.pubReq.Store(false)
	l.pubMu.Lock()
	l.pub = st
	if len(l.phaseOrder) > 0 || len(l.pubPhases) > 0 {
		l.pubPhases = l.pubPhases[:0]
		for _, p := range l.phaseOrder {
			l.pubPhases = append(l.pubPhases, *p)
		}
	}
	l.publishWindows()
	l.pubMu.Unlock()
}

// published returns the counters this Local last published (at its last
// EndFrame, Close or Stats call), safe to call from any goroutine. The
// deferred-queue counters are always current. With iv set, the published
// interval windows are taken into iv under the same lock.
func (l *Local) published(iv *intervalTally) (LocalStats, []PhaseStats) {
	l.pubMu.Lock()
	if iv != nil {
		iv.take(l)
	}
	st := l.pub
	ph := append([]PhaseStats(nil), l.pubPhases...)
	l.pubMu.Unlock()
	st.DeferredPending = int(l.deferredQ.pending.Load())
	return st, ph
}
