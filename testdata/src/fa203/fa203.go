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

// --- negatives ---

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
