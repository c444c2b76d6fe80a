package fa202

import (
	"sync"

	"example.com/fa202/barriers"
	"github.com/framealloc/fa/allocator"
)

func worker(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		_ = allocator.Frame[int](l)
		l.EndFrame()
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func waiter(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		l.EndFrame()
		b.WaitAll()
	}
}

// --- positives ---

func tooMany(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(4) // want `FA202: FrameBarrier b is created for 4 participants but 3 goroutines are started with it \(3 in all\)`
	for i := 0; i < 3; i++ {
		go worker(a.NewLocal(), b)
	}
}

func spawnerSignalsToo(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) // want `FA202: FrameBarrier b is created for 2 participants but 2 goroutines are started with it and the spawner signals it itself \(3 in all\)`
	go func() {
		worker(a.NewLocal(), b)
	}()
	go func() {
		worker(a.NewLocal(), b)
	}()
	l := a.NewLocal()
	for {
		l.BeginFrame()
		l.EndFrame()
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func waitGroupInRange(a *allocator.Allocator) {
	var wg sync.WaitGroup
	b := allocator.NewFrameBarrier(3) // want `FA202: FrameBarrier b is created for 3 participants but 2 goroutines are started with it`
	for range 2 {
		wg.Go(func() { worker(a.NewLocal(), b) })
	}
	wg.Wait()
}

func neverSignals(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(1)
	go func() { // want `FA202: goroutine runs a frame loop with FrameBarrier b but never signals it`
		l := a.NewLocal()
		for {
			l.BeginFrame()
			l.EndFrame()
			b.WaitAll()
		}
	}()
}

func namedNeverSignals(a *allocator.Allocator, b *allocator.FrameBarrier) {
	go waiter(a.NewLocal(), b) // want `FA202: goroutine runs a frame loop with FrameBarrier b but never signals it`
}

// --- negatives ---

func matches(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3)
	for i := 0; i < 3; i++ {
		go worker(a.NewLocal(), b)
	}
}

const workers = 4

func matchesWithSpawner(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(workers + 1)
	for i := 0; i < workers; i++ {
		go worker(a.NewLocal(), b)
	}
	b.SignalFrameComplete()
	b.WaitAll()
}

func waitOnlySpawner(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2)
	go worker(a.NewLocal(), b)
	go worker(a.NewLocal(), b)
	b.WaitAll() // waiting is not participating
}

func capturedLoopVariable(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2)
	for i := 0; i < 2; i++ {
		go func() {
			l := a.NewLocal()
			l.SetFrameBudget((i + 1) << 20)
			worker(l, b)
		}()
	}
}

func rangeInt(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2)
	for range 2 {
		go worker(a.NewLocal(), b)
	}
}

func dynamicCount(a *allocator.Allocator, n int) {
	b := allocator.NewFrameBarrier(n)
	for i := 0; i < 3; i++ {
		go worker(a.NewLocal(), b)
	}
}

func dynamicLoop(a *allocator.Allocator, n int) {
	b := allocator.NewFrameBarrier(4)
	for i := 0; i < n; i++ {
		go worker(a.NewLocal(), b)
	}
}

func conditionalLaunch(a *allocator.Allocator, extra bool) {
	b := allocator.NewFrameBarrier(2)
	go worker(a.NewLocal(), b)
	if extra {
		go worker(a.NewLocal(), b)
	}
}

type pool struct {
	barrier *allocator.FrameBarrier
}

func storedInField(a *allocator.Allocator, p *pool) {
	b := allocator.NewFrameBarrier(8)
	p.barrier = b
	go worker(a.NewLocal(), b)
}

func handedToHelper(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(4)
	barriers.StartAll(a, b, 4)
}

func breakInLoop(a *allocator.Allocator, stop func() bool) {
	b := allocator.NewFrameBarrier(4)
	for i := 0; i < 4; i++ {
		if stop() {
			break
		}
		go worker(a.NewLocal(), b)
	}
}

func signalsThroughHelper(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(1)
	go func() {
		l := a.NewLocal()
		for {
			l.BeginFrame()
			l.EndFrame()
			barriers.Sync(b)
		}
	}()
}

func unknownCallee(a *allocator.Allocator, b *allocator.FrameBarrier, report func(*allocator.FrameBarrier)) {
	go func() {
		l := a.NewLocal()
		for {
			l.BeginFrame()
			l.EndFrame()
			report(b)
		}
	}()
}

func generic[T any](a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2)
	for range 2 {
		go func() {
			l := a.NewLocal()
			_ = allocator.Frame[T](l)
			worker(l, b)
		}()
	}
}

func rangeIntCaptured(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3)
	for i := range 3 {
		go func() {
			l := a.NewLocal()
			l.SetFrameBudget((i + 1) << 20)
			worker(l, b)
		}()
	}
}

func rangeIntCapturedMismatch(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) // want `FA202: FrameBarrier b is created for 2 participants but 3 goroutines are started with it`
	for i := range 3 {
		go func() {
			l := a.NewLocal()
			l.SetFrameBudget((i + 1) << 20)
			worker(l, b)
		}()
	}
}

func nestedLoops(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(6)
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			go worker(a.NewLocal(), b)
		}
	}
}

// One goroutine per element of an array of constant length.
func perElementOfArray(a *allocator.Allocator) {
	shards := [3]string{"north", "south", "east"}
	b := allocator.NewFrameBarrier(3)
	for _, s := range shards {
		_ = s
		go worker(a.NewLocal(), b)
	}
}

func perElementOfArrayMismatch(a *allocator.Allocator) {
	shards := [3]string{"north", "south", "east"}
	b := allocator.NewFrameBarrier(4) // want `FA202: FrameBarrier b is created for 4 participants but 3 goroutines are started with it \(3 in all\)`
	for i := range shards {
		go func() {
			l := a.NewLocal()
			l.SetFrameBudget((i + 1) << 20)
			worker(l, b)
		}()
	}
}

func perElementOfArrayPointer(a *allocator.Allocator, shards *[2]string) {
	b := allocator.NewFrameBarrier(2)
	for range shards {
		go worker(a.NewLocal(), b)
	}
}

func perElementOfSlice(a *allocator.Allocator) {
	shards := []string{"north", "south", "east"}
	b := allocator.NewFrameBarrier(4) // the slice's length is not a constant of the loop: not counted
	for _, s := range shards {
		_ = s
		go worker(a.NewLocal(), b)
	}
}
