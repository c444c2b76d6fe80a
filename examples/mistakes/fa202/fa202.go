// Package fa202 creates a FrameBarrier for more participants than it starts
// (FA202): WaitAll never returns.
package fa202

import "github.com/framealloc/fa/allocator"

// Particle is simulated by the physics workers.
type Particle struct{ X, V float64 }

func physics(l *allocator.Local, b *allocator.FrameBarrier) {
	l.SetFrameBudget(64 * allocator.KiB)
	for {
		l.BeginFrame()
		ps := allocator.FrameSlice[Particle](l, 256)
		for i := range ps {
			ps[i].X += ps[i].V
		}
		l.EndFrame()
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

// StartPhysics starts the physics workers in lockstep.
func StartPhysics(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(4) // FA202: only three goroutines take part
	for i := 0; i < 3; i++ {
		go physics(a.NewLocal(), b)
	}
}
