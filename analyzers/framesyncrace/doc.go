// Package framesyncrace defines the FA205 check.
//
// # Analyzer FA205
//
// FA205 frame-sync-race: with a FrameBarrier in use, EndFrame reaches the
// next BeginFrame without WaitAll.
//
// Goroutines that advance frames in lockstep end a frame, signal the
// barrier and wait for the others before beginning the next one. FA205
// looks at every function or func literal that is given a FrameBarrier (a
// parameter or a captured variable) or calls SignalFrameComplete or WaitAll,
// directly or through a helper in any package; other functions are not
// concerned. In those, it is reported at an EndFrame (or
// EndFrameWithPromotions) call from which some path reaches the next
// BeginFrame of the same Local, typically around the frame loop's back
// edge, without passing a WaitAll (or a helper that waits).
//
// Wrong:
//
//	for {
//		l.BeginFrame()
//		step(l)
//		l.EndFrame()
//		b.SignalFrameComplete() // no WaitAll: this goroutine runs ahead
//	}
//
// Right:
//
//	for {
//		l.BeginFrame()
//		step(l)
//		l.EndFrame()
//		b.SignalFrameComplete()
//		b.WaitAll()
//	}
package framesyncrace
