// Package fa205 ends a frame and begins the next without waiting on the
// FrameBarrier (FA205): this goroutine runs ahead of the others.
package fa205

import "github.com/framealloc/fa/allocator"

// Body is one rigid body of the simulation.
type Body struct{ X, V float64 }

// Simulate runs a lockstep simulation worker.
func Simulate(l *allocator.Local, b *allocator.FrameBarrier) {
	l.SetFrameBudget(64 * allocator.KiB)
	for {
		l.BeginFrame()
		bodies := allocator.FrameSlice[Body](l, 64)
		for i := range bodies {
			bodies[i].X += bodies[i].V
		}
		l.EndFrame() // FA205: no WaitAll before the next BeginFrame
		b.SignalFrameComplete()
	}
}
