// Package barriers wraps FrameBarrier calls for its callers.
package barriers

import "github.com/framealloc/fa/allocator"

// Done signals b without waiting.
func Done(b *allocator.FrameBarrier) {
	b.SignalFrameComplete()
}

// Sync signals b and waits for the other participants.
func Sync(b *allocator.FrameBarrier) {
	b.SignalFrameComplete()
	b.WaitAll()
}

// Group holds the barrier of a set of workers.
type Group struct {
	Barrier *allocator.FrameBarrier
}

// Wait waits for every participant of the group's barrier.
func (g *Group) Wait() {
	g.Barrier.WaitAll()
}
