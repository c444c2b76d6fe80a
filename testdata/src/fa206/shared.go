package fa206

import (
	"sync"

	"example.com/fa206/helper"
	"github.com/framealloc/fa/allocator"
)

func worker(l *allocator.Local) {
	for {
		l.BeginFrame()
		_ = allocator.Frame[int](l)
		l.EndFrame()
	}
}

func workerG[T any](l *allocator.Local) {
	_ = allocator.Frame[T](l)
}

type world struct {
	local *allocator.Local
}

// --- positives ---

func passedThenUsed(a *allocator.Allocator) {
	l := a.NewLocal()
	go worker(l) // want `FA206: Local l is passed to a goroutine \(go statement\) and still used by the spawner at line 31`
	l.BeginFrame()
	l.EndFrame()
}

func capturedThenUsed(a *allocator.Allocator) {
	l := a.NewLocal()
	go func() { // want `FA206: Local l is captured by a goroutine \(go statement\) and still used by the spawner`
		l.BeginFrame()
		l.EndFrame()
	}()
	_ = allocator.Frame[int](l)
}

func sameLocalInLoop(a *allocator.Allocator) {
	l := a.NewLocal()
	for i := 0; i < 4; i++ {
		go worker(l) // want `FA206: Local l is passed to a goroutine \(go statement\) and still used by the spawner, which starts another goroutine with it in a loop`
	}
}

func paramLocal(l *allocator.Local) {
	go worker(l) // want `FA206: Local l is passed to a goroutine`
	helperUse(l)
}

func helperUse(l *allocator.Local) { l.BeginFrame() }

func waitGroupGo(l *allocator.Local) {
	var wg sync.WaitGroup
	wg.Go(func() { // want `FA206: Local l is captured by a goroutine \(WaitGroup.Go\) and still used by the spawner`
		l.BeginFrame()
	})
	l.EndFrame()
	wg.Wait()
}

func throughHelper(a *allocator.Allocator) {
	l := a.NewLocal()
	helper.Start(l) // want `FA206: Local l is passed to a goroutine \(helper Start\) and still used by the spawner`
	l.BeginFrame()
}

func closureThroughHelper(a *allocator.Allocator) {
	l := a.NewLocal()
	helper.Spawn(func() { // want `FA206: Local l is captured by a goroutine \(helper Spawn\)`
		l.BeginFrame()
	})
	l.Close()
}

func fieldLocal(w *world) {
	go worker(w.local) // want `FA206: Local w.local is passed to a goroutine`
	w.local.EndFrame()
}

func usedOnOnePath(a *allocator.Allocator, again bool) {
	l := a.NewLocal()
	go worker(l) // want `FA206: Local l is passed`
	if again {
		l.BeginFrame()
	}
}

// --- negatives ---

func handedOff(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetFrameBudget(1 << 20) // used before the go statement only
	go worker(l)
}

func freshLocal(a *allocator.Allocator) {
	go worker(a.NewLocal())
	l := a.NewLocal()
	l.BeginFrame()
	l.EndFrame()
}

func newLocalPerIteration(a *allocator.Allocator) {
	for i := 0; i < 4; i++ {
		l := a.NewLocal()
		go worker(l)
	}
}

func capturedPerIteration(a *allocator.Allocator) {
	for range 4 {
		l := a.NewLocal()
		go func() {
			l.BeginFrame()
			l.EndFrame()
		}()
	}
}

func otherLocal(a *allocator.Allocator) {
	l1, l2 := a.NewLocal(), a.NewLocal()
	go worker(l1)
	l2.BeginFrame()
	l2.EndFrame()
}

func waitedFor(a *allocator.Allocator) {
	l := a.NewLocal()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.BeginFrame()
		l.EndFrame()
	}()
	wg.Wait()
	l.Close() // the goroutine is done
}

func keptNotStarted(a *allocator.Allocator) func() {
	l := a.NewLocal()
	f := helper.Later(func() { l.BeginFrame() })
	l.EndFrame()
	return f
}

func syncClosure(a *allocator.Allocator) {
	l := a.NewLocal()
	func() { l.BeginFrame() }()
	l.EndFrame()
}

func genericHandOff[T any](a *allocator.Allocator) {
	l := a.NewLocal()
	go workerG[T](l)
}

func otherField(w, v *world) {
	go worker(w.local)
	v.local.EndFrame()
}

func (w *world) run() {
	for {
		w.local.BeginFrame()
		w.local.EndFrame()
	}
}

func (w *world) render() {}

func structHandedOver(w *world) {
	go w.run() // want `FA206: Local w.local is passed to a goroutine \(go statement\) and still used by the spawner`
	w.local.EndFrame()
}

func structCaptured(a *allocator.Allocator) {
	w := &world{local: a.NewLocal()}
	go func() { // want `FA206: Local w.local is captured by a goroutine`
		w.local.BeginFrame()
	}()
	w.local.EndFrame()
}

func structFieldNotUsedByGoroutine(w *world) {
	go w.render()
	w.local.EndFrame()
}

func synchronousHelper(a *allocator.Allocator) {
	l := a.NewLocal()
	helper.Parallel(l) // waits for its goroutine before returning
	l.Close()
}
