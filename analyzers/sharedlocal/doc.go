// Package sharedlocal defines the FA206 check.
//
// # Analyzer FA206
//
// FA206 shared-local: one *Local used by two goroutines.
//
// A *allocator.Local is not safe for concurrent use. A goroutine may be
// handed a Local (as an argument of the go call, captured by the func
// literal it runs, given to WaitGroup.Go or to a helper that starts a
// goroutine with it) only if the spawner stops using that Local. FA206 is
// reported at the go statement when the spawner uses the same Local
// afterwards on some path: a later call on it, passing it to a function,
// capturing it in another closure, or launching again with it around a
// loop. A Local created anew on each iteration, or handed off and not
// touched again, is fine; so is a use after the spawner waits for the
// goroutines with WaitGroup.Wait or errgroup's Wait.
//
// Wrong:
//
//	l := a.NewLocal()
//	go worker(l)
//	l.BeginFrame() // the spawner and the worker share l
//
// Right:
//
//	go worker(a.NewLocal())
//	l := a.NewLocal()
//	l.BeginFrame()
package sharedlocal
