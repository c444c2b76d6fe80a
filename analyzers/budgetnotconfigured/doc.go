// Package budgetnotconfigured defines the FA203 check.
//
// # Analyzer FA203
//
// FA203 budget-not-configured: a goroutine runs frames on a Local without
// any frame budget.
//
// Each goroutine owns its Local; without a frame budget a runaway frame on
// one goroutine grows its arena without limit and nothing reports it. FA203
// is a hint reported at the NewLocal call of a goroutine body (a function
// started with go, WaitGroup.Go, errgroup's Go or a helper that runs its
// func argument on a goroutine; main, handlers and plain functions are not
// goroutine bodies) when the Local it creates runs frames (BeginFrame,
// EndFrame or frame allocations, directly or through helpers), no
// SetFrameBudget is called on it (directly or through a helper in any
// package), and the Allocator it comes from was made by a visible
// allocator.New(Config{...}) without FrameBudget. When the Allocator comes
// from somewhere the check cannot see its Config (a parameter of an
// exported function, a function result), or the Local goes where the check
// cannot follow, nothing is reported.
//
// Wrong:
//
//	a := allocator.New(allocator.Config{FrameSize: 4 * allocator.MiB})
//	go func() {
//		l := a.NewLocal()
//		for {
//			l.BeginFrame()
//			step(l)
//			l.EndFrame()
//		}
//	}()
//
// Right:
//
//	go func() {
//		l := a.NewLocal()
//		l.SetFrameBudget(2 * allocator.MiB)
//		...
//	}()
package budgetnotconfigured
