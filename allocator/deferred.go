package allocator

import (
	"errors"
	"sync"
	"sync/atomic"
)

// QueueFullPolicy says what a cross-goroutine PoolFree does when the
// owner's deferred queue holds DeferredConfig.Capacity objects.
type QueueFullPolicy int

const (
	// QueueProcessImmediately (the default) hands the object to the owner
	// at once, past the queue: the owner takes it back on its next pool
	// refill or frame boundary, whatever the Mode.
	QueueProcessImmediately QueueFullPolicy = iota
	// QueueDropOldest drops the oldest queued object to make room: it is
	// never reused (its slot is lost until the owner closes) and counted
	// in Stats.DeferredDropped.
	QueueDropOldest
	// QueueFail refuses the free: the object stays allocated, PoolFree
	// counts it in Stats.DeferredDropped and TryPoolFree returns
	// ErrDeferredQueueFull.
	QueueFail
	// QueueGrow grows the queue beyond Capacity.
	QueueGrow
	// QueueBlock makes the freeing goroutine wait until the owner drains
	// its queue (or closes). The owner must reach its drain point, or the
	// freeing goroutine blocks for ever.
	QueueBlock
)

// DeferredMode says when a Local takes back the objects other goroutines
// freed into its deferred queue.
type DeferredMode int

const (
	// DeferredAtFrameBegin (the default) drains the queue in BeginFrame.
	DeferredAtFrameBegin DeferredMode = iota
	// DeferredAtFrameEnd drains the queue in EndFrame.
	DeferredAtFrameEnd
	// DeferredExplicit drains the queue only in Local.ProcessDeferred.
	DeferredExplicit
)

// DefaultDeferredCapacity is the queue capacity used when
// DeferredConfig.Capacity is zero or less.
const DefaultDeferredCapacity = 1024

// DeferredConfig configures the per-Local deferred queues through which
// pool objects freed by a goroutine other than their owner return.
type DeferredConfig struct {
	// Capacity is the number of objects a queue holds before Policy
	// applies. Zero means DefaultDeferredCapacity.
	Capacity int
	// Policy applies when a queue is full.
	Policy QueueFullPolicy
	// Mode says when owners drain their queues.
	Mode DeferredMode
}

// ErrDeferredQueueFull is returned by TryPoolFree when the owner's
// deferred queue is full and the policy is QueueFail.
var ErrDeferredQueueFull = errors.New("allocator: deferred queue full")

// errQueueRefused is the internal signal of a QueueFail refusal.
var errQueueRefused = errors.New("allocator: deferred free refused")

func normalizeDeferred(c DeferredConfig) DeferredConfig {
	if c.Capacity <= 0 {
		c.Capacity = DefaultDeferredCapacity
	}
	return c
}

// ConfigureDeferred replaces the deferred-queue configuration of every
// Local of a. It applies to the next cross-goroutine free and frame
// boundary; queued objects stay queued.
func (a *Allocator) ConfigureDeferred(cfg DeferredConfig) {
	c := normalizeDeferred(cfg)
	a.deferred.Store(&c)
	a.mu.Lock()
	ls := append([]*Local(nil), a.locals...)
	a.mu.Unlock()
	for _, l := range ls {
		l.deferredQ.wake()
	}
}

func (a *Allocator) deferredMode() DeferredMode { return a.deferred.Load().Mode }

type deferredItem struct {
	b *poolBase
	p any // the *T, kept typed so the GC sees it
}

// deferredQueue is a Local's multi-producer queue of objects freed by
// other goroutines. Only the owner drains it.
type deferredQueue struct {
	a        *Allocator
	mu       sync.Mutex
	cond     sync.Cond
	items    []deferredItem
	overflow []deferredItem // QueueProcessImmediately
	closed   bool
	pending  atomic.Int64 // len(items)+len(overflow)
	queued   atomic.Int64 // accepted frees
	dropped  atomic.Int64 // DropOldest drops + Fail refusals
	dropB    atomic.Int64 // bytes dropped, to take off the owner's pOut
}

func (q *deferredQueue) init(a *Allocator) {
	q.a = a
	q.cond.L = &q.mu
}

func (q *deferredQueue) wake() {
	q.mu.Lock()
	q.cond.Broadcast()
	q.mu.Unlock()
}

// enqueue hands ptr to the owner, calling zero (a typed zeroing of the
// object) once the free is accepted.
func (q *deferredQueue) enqueue(b *poolBase, ptr any, zero func()) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if q.closed {
			zero()
			return nil
		}
		cfg := q.a.deferred.Load()
		if len(q.items) < cfg.Capacity {
			break
		}
		switch cfg.Policy {
		case QueueProcessImmediately:
			zero()
			q.overflow = append(q.overflow, deferredItem{b, ptr})
			q.pending.Add(1)
			q.queued.Add(1)
			return nil
		case QueueDropOldest:
			old := q.items[0]
			copy(q.items, q.items[1:])
			q.items[len(q.items)-1] = deferredItem{}
			q.items = q.items[:len(q.items)-1]
			q.pending.Add(-1)
			q.dropped.Add(1)
			q.dropB.Add(int64(old.b.elem))
		case QueueFail:
			q.dropped.Add(1)
			return errQueueRefused
		case QueueGrow:
			zero()
			q.items = append(q.items, deferredItem{b, ptr})
			q.pending.Add(1)
			q.queued.Add(1)
			return nil
		case QueueBlock:
			q.cond.Wait()
			continue
		}
		break
	}
	zero()
	q.items = append(q.items, deferredItem{b, ptr})
	q.pending.Add(1)
	q.queued.Add(1)
	return nil
}

func (q *deferredQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.items, q.overflow = nil, nil
	q.pending.Store(0)
	q.cond.Broadcast()
	q.mu.Unlock()
}

// take removes the queued objects (all, or only the overflow).
func (q *deferredQueue) take(all bool) []deferredItem {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.overflow
	q.overflow = nil
	if all {
		out = append(out, q.items...)
		clear(q.items)
		q.items = q.items[:0]
		q.cond.Broadcast()
	}
	q.pending.Add(-int64(len(out)))
	return out
}

// drainDeferred returns every queued object to its pool.
func (l *Local) drainDeferred() int { return l.putBack(l.deferredQ.take(true)) }

// drainOverflow returns the objects handed over by QueueProcessImmediately.
func (l *Local) drainOverflow() int { return l.putBack(l.deferredQ.take(false)) }

func (l *Local) putBack(items []deferredItem) int {
	for _, it := range items {
		ptr := efaceData(it.p)
		if it.b.dbl != nil {
			if _, dup := it.b.dbl[ptr]; dup {
				panic("allocator: double PoolFree through a deferred queue")
			}
			it.b.dbl[ptr] = struct{}{}
		}
		it.b.free = append(it.b.free, ptr)
		l.pOut -= it.b.elem
		l.pFrees++
	}
	l.deferredFrees += len(items)
	if d := l.deferredQ.dropB.Swap(0); d != 0 {
		l.pOut -= uintptr(d)
	}
	return len(items)
}
