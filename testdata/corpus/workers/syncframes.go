package main

import (
	"github.com/framealloc/fa/allocator"
)

// Stage is a pipeline stage synchronised with the other stages.
type Stage struct {
	l *allocator.Local
	b *allocator.FrameBarrier
}

// RunBroken signals the end of each frame but never waits for the others.
func (s *Stage) RunBroken() {
	for f := 0; f < frames; f++ {
		s.l.BeginFrame()
		allocator.FrameBytes(s.l, 64) //corpus:clean FA602
		s.l.EndFrame()                //corpus:want FA205
		s.b.SignalFrameComplete()
	}
}

// Run is the correct stage loop.
func (s *Stage) Run() {
	for f := 0; f < frames; f++ {
		s.l.BeginFrame()
		allocator.FrameBytes(s.l, 64) //corpus:clean FA602
		s.l.EndFrame()                //corpus:clean FA205
		s.b.SignalFrameComplete()
		s.b.WaitAll()
	}
}

// runStage runs a stage on l synchronised by b.
func runStage(l *allocator.Local, b *allocator.FrameBarrier, correct bool) {
	s := &Stage{l: l, b: b}
	if correct {
		s.Run()
		return
	}
	s.RunBroken()
}

func noWait(l *allocator.Local, b *allocator.FrameBarrier) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		l.EndFrame()                //corpus:want FA205
		b.SignalFrameComplete()
	}
}

func someWait(l *allocator.Local, b *allocator.FrameBarrier) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		l.EndFrame()                //corpus:want FA205
		b.SignalFrameComplete()
		if f%2 == 0 {
			b.WaitAll()
		}
	}
}

func waitBeforeEnd(l *allocator.Local, b *allocator.FrameBarrier) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		b.SignalFrameComplete()
		b.WaitAll()
		l.EndFrame() //corpus:want FA205
	}
}

func skipOnIdle(l *allocator.Local, b *allocator.FrameBarrier, idle func() bool) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		l.EndFrame()                //corpus:want FA205
		if idle() {
			continue
		}
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func promotionsNoWait(l *allocator.Local, b *allocator.FrameBarrier) int {
	n := 0
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64)          //corpus:clean FA602
		n += len(l.EndFrameWithPromotions()) //corpus:want FA205
		b.SignalFrameComplete()
	}
	return n
}

func promotionsSynced(l *allocator.Local, b *allocator.FrameBarrier) int {
	n := 0
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64)          //corpus:clean FA602
		n += len(l.EndFrameWithPromotions()) //corpus:clean FA205
		barrierSync(b)
	}
	return n
}

func signalViaHelper(l *allocator.Local, b *allocator.FrameBarrier) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		l.EndFrame()                //corpus:want FA205
		signalOnly(b)
	}
}

// unsynced runs frames with no barrier at all: FA205 does not concern it.
func unsynced(l *allocator.Local) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA602
		l.EndFrame()                //corpus:clean FA205
	}
}

// syncs starts pipelines whose stages have correct barrier counts.
func syncs(a *allocator.Allocator) {
	local := func() *allocator.Local {
		l := a.NewLocal()
		l.SetFrameBudget(64 * allocator.KiB)
		return l
	}
	b1 := allocator.NewFrameBarrier(2) //corpus:clean FA202
	go runStage(local(), b1, false)
	go runStage(local(), b1, true)

	b2 := allocator.NewFrameBarrier(3) //corpus:clean FA202
	go noWait(local(), b2)
	go someWait(local(), b2)
	go waitBeforeEnd(local(), b2)

	b3 := allocator.NewFrameBarrier(4) //corpus:clean FA202
	go skipOnIdle(local(), b3, func() bool { return false })
	go promotionsNoWait(local(), b3)
	go promotionsSynced(local(), b3)
	go signalViaHelper(local(), b3)

	b4 := allocator.NewFrameBarrier(1) //corpus:clean FA202
	go func() {
		l := local()
		for f := 0; f < frames; f++ {
			l.BeginFrame()
			allocator.FrameBytes(l, 64) //corpus:clean FA602
			l.EndFrame()                //corpus:want FA205
			b4.SignalFrameComplete()
		}
	}()
	b5 := allocator.NewFrameBarrier(1) //corpus:clean FA202
	go func() {
		l := local()
		for f := 0; f < frames; f++ {
			l.BeginFrame()
			allocator.FrameBytes(l, 64) //corpus:clean FA602
			l.EndFrame()                //corpus:clean FA205
			b5.SignalFrameComplete()
			b5.WaitAll()
		}
	}()
	unsynced(local())
}
