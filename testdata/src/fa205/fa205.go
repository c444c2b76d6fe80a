package fa205

import (
	"example.com/fa205/barriers"
	"github.com/framealloc/fa/allocator"
)

type system struct {
	local *allocator.Local
	group *barriers.Group
}

// --- positives ---

func signalsWithoutWait(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		_ = allocator.Frame[int](l)
		l.EndFrame() // want `FA205: the frame of Local l ends here and the next BeginFrame \(line 17\) can be reached without WaitAll on the FrameBarrier`
		b.SignalFrameComplete()
	}
}

func capturedBarrier(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(1)
	go func() {
		l := a.NewLocal()
		for {
			l.BeginFrame()
			l.EndFrame() // want `FA205: the frame of Local l ends here`
			b.SignalFrameComplete()
		}
	}()
}

func waitsOnlySometimes(l *allocator.Local, b *allocator.FrameBarrier) {
	for i := 0; ; i++ {
		l.BeginFrame()
		l.EndFrame() // want `FA205: the frame of Local l ends here`
		b.SignalFrameComplete()
		if i%2 == 0 {
			b.WaitAll()
		}
	}
}

func promotions(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		_ = l.EndFrameWithPromotions() // want `FA205: the frame of Local l ends here`
		b.SignalFrameComplete()
	}
}

func (s *system) helperSignals() {
	// No barrier parameter, but the helper signals one: concerned.
	for {
		s.local.BeginFrame()
		s.local.EndFrame() // want `FA205: the frame of Local s.local ends here`
		barriers.Done(s.group.Barrier)
	}
}

// --- negatives ---

func signalsAndWaits(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		_ = allocator.Frame[int](l)
		l.EndFrame()
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func waitsThroughHelper(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		l.EndFrame()
		barriers.Sync(b)
	}
}

func (s *system) waitsThroughMethod() {
	for {
		s.local.BeginFrame()
		s.local.EndFrame()
		barriers.Done(s.group.Barrier)
		s.group.Wait()
	}
}

func waitsBeforeBegin(l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		b.WaitAll()
		l.BeginFrame()
		l.EndFrame()
		b.SignalFrameComplete()
	}
}

func noBarrier(l *allocator.Local) {
	for {
		l.BeginFrame()
		l.EndFrame()
	}
}

func lastFrame(l *allocator.Local, b *allocator.FrameBarrier) {
	l.BeginFrame()
	l.EndFrame()
	b.SignalFrameComplete()
}

func otherLocal(l1, l2 *allocator.Local, b *allocator.FrameBarrier) {
	l1.BeginFrame()
	l1.EndFrame()
	l2.BeginFrame()
	l2.EndFrame()
	b.SignalFrameComplete()
	b.WaitAll()
}

func freshLocalEachTime(a *allocator.Allocator, b *allocator.FrameBarrier) {
	for range 3 {
		l := a.NewLocal()
		l.BeginFrame()
		l.EndFrame()
		b.SignalFrameComplete()
		l.Close()
	}
}

func generic[T any](l *allocator.Local, b *allocator.FrameBarrier) {
	for {
		l.BeginFrame()
		_ = allocator.Frame[T](l)
		l.EndFrame()
		b.SignalFrameComplete()
		b.WaitAll()
	}
}
