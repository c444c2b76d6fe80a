// Package barriers wraps FrameBarrier calls for its callers.
package barriers

import "github.com/framealloc/fa/allocator"

// Sync signals b and waits for the other participants.
func Sync(b *allocator.FrameBarrier) {
	b.SignalFrameComplete()
	b.WaitAll()
}

// StartAll starts n workers with b.
func StartAll(a *allocator.Allocator, b *allocator.FrameBarrier, n int) {
	for range n {
		go func() {
			l := a.NewLocal()
			for {
				l.BeginFrame()
				l.EndFrame()
				Sync(b)
			}
		}()
	}
}
