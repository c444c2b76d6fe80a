// Package barriermismatch defines the FA202 check.
//
// # Analyzer FA202
//
// FA202 barrier-mismatch: a FrameBarrier's count differs from its
// participants, or a participant never signals.
//
// allocator.NewFrameBarrier(n) releases WaitAll once n participants have
// signalled the frame. The participants are the goroutines started with
// the barrier (passed as an argument of the go call or captured by its func
// literal, also through WaitGroup.Go and errgroup's Go; goroutines started
// in a loop with a constant bound count that many times), plus the
// spawning function only if it signals the barrier itself. FA202 is
// reported at the NewFrameBarrier call when its constant count differs
// from that number, and at the go statement of a goroutine that runs a
// frame loop with a barrier it was given but never signals it.
//
// The check stays silent when the count or the number of launches is not
// static: a non-constant count, a launch under a condition or in a loop
// without a constant bound, a barrier stored in a field or package-level
// variable, passed to another function, or handed on by a goroutine.
//
// Wrong:
//
//	b := allocator.NewFrameBarrier(4)
//	for i := 0; i < 3; i++ {
//		go worker(a.NewLocal(), b) // three participants, WaitAll never returns
//	}
//
// Right:
//
//	const workers = 3
//	b := allocator.NewFrameBarrier(workers)
//	for i := 0; i < workers; i++ {
//		go worker(a.NewLocal(), b)
//	}
package barriermismatch
