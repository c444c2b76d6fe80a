package framehttp

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/framealloc/fa/allocator"
)

// pool holds the middleware's idle Locals.
//
// The invariant that bounds the Locals is kept by one atomic counter,
// idle: the Locals returned and not yet claimed. A request claims one by
// decrementing idle (never below zero) and then takes it from a shard; it
// creates a new Local only when idle is zero, that is when every existing
// Local serves, or is claimed by, another request in flight. So the number
// of Locals never exceeds the number of requests in flight at once.
//
// The idle Locals are spread over a few shards, each a LIFO stack (the
// Local used last is the most likely to be in cache) under its own mutex.
// A request takes the first shard it can lock without waiting and that
// has a Local, starting at a round-robin position, and only then waits for
// shard locks: on a busy machine a goroutine preempted while it holds one
// lock does not stall every request, as it would with a single lock.
//
// With a maximum, a request that finds idle at zero and max Locals created
// waits for a Local to be returned (put wakes one waiter per return).
type pool struct {
	a      *allocator.Allocator
	budget int // Options.FrameBudget
	max    int // Options.MaxLocals, 0 for none

	shards []shard
	next   atomic.Uint32 // round-robin start for take and put

	idle    atomic.Int64 // Locals returned and not claimed
	created atomic.Int64
	waiters atomic.Int64
	wake    chan struct{} // with max: one token per return while requests wait

	defOnce sync.Once
	def     int // frame budget of a new Local (Config.FrameBudget)
}

// shard is one stack of idle Locals, padded to its own cache lines.
type shard struct {
	mu sync.Mutex
	ls []*allocator.Local
	_  [64]byte
}

func (p *pool) init(a *allocator.Allocator, max, budget int) {
	p.a = a
	p.budget = budget
	if max > 0 {
		p.max = max
		p.wake = make(chan struct{}, max)
	}
	p.shards = make([]shard, min(4*runtime.GOMAXPROCS(0), 64))
}

// get claims an idle Local or creates one, waiting while the maximum is
// reached, until ctx is done. It sets the Local's frame budget to the
// middleware's, whatever a previous request set.
func (p *pool) get(ctx context.Context) (*allocator.Local, error) {
	l, err := p.claim(ctx)
	if err != nil {
		return nil, err
	}
	if p.budget != 0 {
		l.SetFrameBudget(p.budget)
	} else {
		l.SetFrameBudget(p.def)
	}
	return l, nil
}

func (p *pool) claim(ctx context.Context) (*allocator.Local, error) {
	for {
		if p.reserve() {
			return p.take(), nil
		}
		if p.max == 0 {
			p.created.Add(1)
			return p.newLocal(), nil
		}
		if c := p.created.Load(); c < int64(p.max) {
			if p.created.CompareAndSwap(c, c+1) {
				return p.newLocal(), nil
			}
			continue
		}
		// At the maximum: wait for a return. put increments idle before it
		// reads waiters, and we increment waiters before we read idle, so
		// a return is either seen here or wakes us.
		p.waiters.Add(1)
		if p.reserve() {
			p.waiters.Add(-1)
			return p.take(), nil
		}
		select {
		case <-p.wake:
			p.waiters.Add(-1)
		case <-ctx.Done():
			p.waiters.Add(-1)
			return nil, context.Cause(ctx)
		}
	}
}

// reserve claims one idle Local, if there is one.
func (p *pool) reserve() bool {
	for {
		n := p.idle.Load()
		if n <= 0 {
			return false
		}
		if p.idle.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

// take pops a Local after reserve succeeded: there is at least one idle
// Local not claimed by another request, in some shard.
func (p *pool) take() *allocator.Local {
	start := int(p.next.Add(1))
	for pass := 0; ; pass++ {
		for i := range p.shards {
			s := &p.shards[(start+i)%len(p.shards)]
			if pass == 0 {
				if !s.mu.TryLock() {
					continue
				}
			} else {
				s.mu.Lock()
			}
			if n := len(s.ls); n > 0 {
				l := s.ls[n-1]
				s.ls[n-1] = nil
				s.ls = s.ls[:n-1]
				s.mu.Unlock()
				return l
			}
			s.mu.Unlock()
		}
	}
}

func (p *pool) newLocal() *allocator.Local {
	l := p.a.NewLocal()
	p.defOnce.Do(func() { p.def = l.Stats().FrameBudget })
	return l
}

// put returns l, whose frame has ended.
func (p *pool) put(l *allocator.Local) {
	start := int(p.next.Add(1))
	s := &p.shards[start%len(p.shards)]
	locked := false
	for i := range p.shards {
		if c := &p.shards[(start+i)%len(p.shards)]; c.mu.TryLock() {
			s, locked = c, true
			break
		}
	}
	if !locked {
		s.mu.Lock()
	}
	s.ls = append(s.ls, l)
	s.mu.Unlock()
	p.idle.Add(1)
	if p.max > 0 && p.waiters.Load() > 0 {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
}
