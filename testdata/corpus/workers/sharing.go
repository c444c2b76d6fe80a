package main

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

// Worker runs frames on its own Local.
type Worker struct {
	l      *allocator.Local
	frames int
}

// Run runs the worker's frames.
func (w *Worker) Run() {
	for f := 0; f < w.frames; f++ {
		w.l.BeginFrame()
		v := allocator.FrameSlice[float64](w.l, 16) //corpus:clean FA602 FA301
		v[0] = float64(f)
		w.l.EndFrame()
	}
}

func drain(l *allocator.Local, frames int) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 32) //corpus:clean FA602
		l.EndFrame()
	}
}

func fill(l *allocator.Local, wg *sync.WaitGroup) {
	defer wg.Done()
	v := allocator.FrameSlice[float64](l, 16)
	v[0] = 1
}

func fillNow(l *allocator.Local) {
	v := allocator.FrameSlice[float64](l, 16)
	v[1] = 2
}

// sharing exercises Locals handed to goroutines.
func sharing(a *allocator.Allocator) {
	sharedByCall(a)
	sharedByCapture(a)
	sharedByField(a)
	sharedBeforeWait(a)
	sharedByMethod(a)
	sharedInLiteral(a)
	handedOff(a)
	handedOffField(a)
	waited(a)
	waitedGo(a)
	ownLocals(a)
	sharedAfterLoop(a)
	usedBefore(a)
	otherCaptured(a)
}

func sharedAfterLoop(a *allocator.Allocator) {
	l := a.NewLocal()
	for i := 0; i < 2; i++ {
		go drain(l, 5) //corpus:want FA206
	}
	l.Close()
}

// usedBefore uses the Local only before handing it off.
func usedBefore(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	fillNow(l)
	l.EndFrame()
	go drain(l, 5) //corpus:clean FA206
}

// otherCaptured gives the goroutine a Local of its own; the spawner keeps
// using its own.
func otherCaptured(a *allocator.Allocator) {
	mine := a.NewLocal()
	theirs := a.NewLocal()
	go func() { //corpus:clean FA206
		drain(theirs, 5)
	}()
	mine.BeginFrame()
	fillNow(mine)
	mine.EndFrame()
	mine.Close()
}

func sharedByCall(a *allocator.Allocator) {
	l := a.NewLocal()
	go drain(l, 10) //corpus:want FA206
	l.BeginFrame()
	l.EndFrame()
}

func sharedByCapture(a *allocator.Allocator) {
	l := a.NewLocal()
	go func() { //corpus:want FA206
		l.ProcessDeferred()
	}()
	l.BeginFrame()
	l.EndFrame()
}

func sharedByField(a *allocator.Allocator) {
	l := a.NewLocal()
	w := &Worker{l: l, frames: 10}
	go w.Run() //corpus:want FA206
	l.BeginFrame()
	p := allocator.Frame[int](l)
	*p = 1
	l.EndFrame()
}

func sharedBeforeWait(a *allocator.Allocator) {
	l := a.NewLocal()
	var wg sync.WaitGroup
	wg.Add(1)
	l.BeginFrame()
	go fill(l, &wg) //corpus:want FA206
	fillNow(l)
	wg.Wait()
	l.EndFrame()
}

func sharedByMethod(a *allocator.Allocator) {
	l := a.NewLocal()
	go l.ProcessDeferred() //corpus:want FA206
	l.BeginFrame()
	l.EndFrame()
}

func sharedInLiteral(a *allocator.Allocator) {
	l := a.NewLocal()
	go func() { //corpus:want FA206
		w := Worker{l: l, frames: 3}
		w.Run()
	}()
	for f := 0; f < 3; f++ {
		l.BeginFrame()
		l.EndFrame()
	}
}

// handedOff gives the Local away and never touches it again.
func handedOff(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	go drain(l, 10) //corpus:clean FA206
}

// handedOffField gives a worker its own Local; the spawner keeps using its own.
func handedOffField(a *allocator.Allocator) {
	mine := a.NewLocal()
	w := &Worker{l: a.NewLocal(), frames: 10}
	go w.Run() //corpus:clean FA206
	mine.BeginFrame()
	mine.EndFrame()
	mine.Close()
}

// waited uses the Local again only after the goroutine is done.
func waited(a *allocator.Allocator) {
	l := a.NewLocal()
	var wg sync.WaitGroup
	l.BeginFrame()
	wg.Add(1)
	go fill(l, &wg) //corpus:clean FA206
	wg.Wait()
	fillNow(l)
	l.EndFrame()
	l.Close()
}

// waitedGo is waited with WaitGroup.Go.
func waitedGo(a *allocator.Allocator) {
	l := a.NewLocal()
	var wg sync.WaitGroup
	l.BeginFrame()
	wg.Go(func() { //corpus:clean FA206
		fillNow(l)
	})
	wg.Wait()
	fillNow(l)
	l.EndFrame()
	l.Close()
}

// ownLocals gives every goroutine its own Local.
func ownLocals(a *allocator.Allocator) {
	l := a.NewLocal()
	l.BeginFrame()
	for i := 0; i < 3; i++ {
		go drain(a.NewLocal(), 5) //corpus:clean FA206
	}
	w := Worker{l: a.NewLocal(), frames: 2}
	go w.Run() //corpus:clean FA206
	l.EndFrame()
	l.Close()
}
