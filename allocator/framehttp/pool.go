package framehttp

import (
	"context"
	"sync"

	"github.com/framealloc/fa/allocator"
)

// pool holds the middleware's idle Locals. A request takes the most
// recently returned one (its memory is the most likely to be in cache) or,
// when none is idle, a new one: so the number of Locals is the largest
// number of requests in flight at once. With a maximum, a semaphore keeps
// the requests in flight, hence the Locals, at or below it.
type pool struct {
	a      *allocator.Allocator
	budget int           // Options.FrameBudget
	sem    chan struct{} // nil without a maximum

	mu      sync.Mutex
	idle    []*allocator.Local
	created int
	def     int // frame budget of a new Local (Config.FrameBudget)
}

func (p *pool) init(a *allocator.Allocator, max, budget int) {
	p.a = a
	p.budget = budget
	if max > 0 {
		p.sem = make(chan struct{}, max)
	}
}

// get takes an idle Local or creates one, waiting for a free place while
// the maximum is reached, until ctx is done. It sets the Local's frame
// budget to the middleware's, whatever a previous request set.
func (p *pool) get(ctx context.Context) (*allocator.Local, error) {
	if p.sem != nil {
		select {
		case p.sem <- struct{}{}:
		default:
			select {
			case p.sem <- struct{}{}:
			case <-ctx.Done():
				return nil, context.Cause(ctx)
			}
		}
	}
	var l *allocator.Local
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		l = p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
	} else {
		l = p.a.NewLocal()
		if p.created == 0 {
			p.def = l.Stats().FrameBudget
		}
		p.created++
	}
	def := p.def
	p.mu.Unlock()
	if p.budget != 0 {
		l.SetFrameBudget(p.budget)
	} else {
		l.SetFrameBudget(def)
	}
	return l, nil
}

// put returns l, whose frame has ended, to the idle Locals.
func (p *pool) put(l *allocator.Local) {
	p.mu.Lock()
	p.idle = append(p.idle, l)
	p.mu.Unlock()
	if p.sem != nil {
		<-p.sem
	}
}
