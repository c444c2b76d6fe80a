package fa203

import (
	"sync"

	"example.com/fa203/frames"
	"github.com/framealloc/fa/allocator"
)

// --- positives ---

func literalBody() {
	a := allocator.New(allocator.Config{FrameSize: 1 << 20})
	go func() {
		l := a.NewLocal() // want `FA203: goroutine body creates Local l and runs frames on it without a frame budget`
		for {
			l.BeginFrame()
			_ = allocator.Frame[int](l)
			l.EndFrame()
		}
	}()
}

func namedBody(a *allocator.Allocator) {
	l := a.NewLocal() // want `FA203: goroutine body creates Local l`
	defer l.Close()
	for {
		frames.Step(l)
	}
}

func startNamed() {
	a := allocator.New(allocator.Config{})
	go namedBody(a)
}

var global = allocator.New(allocator.Config{PoolBudget: 1 << 20})

func globalAllocator(wg *sync.WaitGroup) {
	wg.Go(func() {
		l := global.NewLocal() // want `FA203: goroutine body creates Local l`
		frames.Step(l)
	})
}

// Allocators reaching the body through fields and parameters: every
// Config that can reach them in the package must set FrameBudget.

type system struct {
	a *allocator.Allocator
}

func newSystem() *system {
	return &system{a: allocator.New(allocator.Config{FrameSize: 1 << 20})}
}

func (s *system) start() {
	run := func() {
		l := s.a.NewLocal() // want `FA203: goroutine body creates Local l`
		frames.Step(l)
	}
	go run()
	go emitterLoop(s.a)
	go s.worker()
	go poolBudgetOnly(s.a)
	go otherBudgeted(s.a)
	go budgeted(s.a)
}

func emitterLoop(a *allocator.Allocator) {
	l := a.NewLocal() // want `FA203: goroutine body creates Local l`
	frames.Step(l)
}

func (s *system) worker() {
	l := s.a.NewLocal() // want `FA203: goroutine body creates Local l`
	frames.Step(l)
}

// A pool budget is not a frame budget.
func poolBudgetOnly(a *allocator.Allocator) {
	l := a.NewLocal() // want `FA203: goroutine body creates Local l`
	l.SetPoolBudget(1 << 20)
	frames.Step(l)
}

// The budget of another Local does not count.
func otherBudgeted(a *allocator.Allocator) {
	spare := a.NewLocal()
	spare.SetFrameBudget(1 << 20)
	l := a.NewLocal() // want `FA203: goroutine body creates Local l`
	frames.Step(l)
	spare.Close()
}

// One branch's Config has no FrameBudget.
func mixed(debug bool) {
	cfg := allocator.Config{FrameBudget: 1 << 20}
	if debug {
		cfg = allocator.Config{Debug: true}
	}
	a := allocator.New(cfg)
	go func() {
		l := a.NewLocal() // want `FA203: goroutine body creates Local l`
		frames.Step(l)
	}()
}

// One of the callers passes an unbudgeted Allocator.
func someCallers(a *allocator.Allocator) {
	l := a.NewLocal() // want `FA203: goroutine body creates Local l`
	frames.Step(l)
}

func startSome() {
	go someCallers(allocator.New(allocator.Config{FrameBudget: 1 << 20}))
	go someCallers(allocator.New(allocator.Config{PoolBudget: 1 << 20}))
}

// --- negatives ---

// Budgeted in the body.
func budgeted(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetFrameBudget(1 << 20)
	frames.Step(l)
}

// Every Config reaching the field sets FrameBudget.
type engine struct {
	a *allocator.Allocator
}

func newEngine() *engine {
	return &engine{a: allocator.New(allocator.Config{FrameBudget: 1 << 20})}
}

func newSmallEngine() *engine {
	var cfg allocator.Config
	cfg.FrameBudget = 1 << 16
	return &engine{a: allocator.New(cfg)}
}

func (e *engine) start() {
	go func() {
		l := e.a.NewLocal()
		frames.Step(l)
	}()
	go e.worker()
}

func (e *engine) worker() {
	l := e.a.NewLocal()
	frames.Step(l)
}

// Every caller passes a budgeted Allocator.
func allCallers(a *allocator.Allocator) {
	l := a.NewLocal()
	frames.Step(l)
}

func startAll() {
	go allCallers(allocator.New(allocator.Config{FrameBudget: 1 << 20}))
	go allCallers(newEngine().a)
}

// A field of another package whose constructor sets FrameBudget (a fact
// on the field says so).
func otherPackageField(s *frames.System) {
	go func() {
		l := s.A.NewLocal()
		frames.Step(l)
	}()
}

// A field of another package whose Configs this package cannot see
// (its package exports no fact for an unbudgeted field).
func otherPackagePlain(s *frames.Plain) {
	go func() {
		l := s.A.NewLocal()
		frames.Step(l)
	}()
}

// A Local stored in a field by a constructor that budgets it, and the
// body creating a Local from a budgeted constructor's Allocator.
type runner struct {
	l *allocator.Local
}

func newRunner(a *allocator.Allocator) *runner {
	l := a.NewLocal()
	l.SetFrameBudget(1 << 20)
	return &runner{l: l}
}

func (r *runner) loop() {
	for {
		frames.Step(r.l)
	}
}

func spawn(a *allocator.Allocator) {
	r := newRunner(a)
	go r.loop()
}

func budgetOnLocal() {
	a := allocator.New(allocator.Config{})
	go func() {
		l := a.NewLocal()
		l.SetFrameBudget(1 << 20)
		for {
			frames.Step(l)
		}
	}()
}

func budgetThroughHelper() {
	a := allocator.New(allocator.Config{})
	go func() {
		l := a.NewLocal()
		frames.Budget(l)
		frames.Step(l)
	}()
}

func budgetInConfig() {
	a := allocator.New(allocator.Config{FrameSize: 1 << 20, FrameBudget: 1 << 19})
	go func() {
		l := a.NewLocal()
		frames.Step(l)
	}()
}

func budgetInConfigVariable() {
	cfg := allocator.Config{FrameSize: 1 << 20}
	cfg.FrameBudget = 1 << 19
	a := allocator.New(cfg)
	go func() {
		l := a.NewLocal()
		frames.Step(l)
	}()
}

func allocatorFromOutside(a *allocator.Allocator) {
	go func() {
		l := a.NewLocal()
		frames.Step(l)
	}()
}

func allocatorFromOtherPackage() {
	go func() {
		l := frames.Shared.NewLocal()
		frames.Step(l)
	}()
}

func notAGoroutine() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal() // main, handlers and plain functions are not goroutine bodies
	frames.Step(l)
}

func noFrames() {
	a := allocator.New(allocator.Config{})
	go func() {
		l := a.NewLocal()
		p := allocator.Pool[int](l)
		allocator.PoolFree(l, p)
	}()
}

func localEscapes(ls chan *allocator.Local) {
	a := allocator.New(allocator.Config{})
	go func() {
		l := a.NewLocal()
		ls <- l // whoever receives it may set a budget
		frames.Step(l)
	}()
}

func configFromFunction(cfg func() allocator.Config) {
	a := allocator.New(cfg())
	go func() {
		l := a.NewLocal()
		frames.Step(l)
	}()
}

func generic[T any]() {
	a := allocator.New(allocator.Config{FrameBudget: 1 << 20})
	go func() {
		l := a.NewLocal()
		_ = allocator.Frame[T](l)
	}()
}
