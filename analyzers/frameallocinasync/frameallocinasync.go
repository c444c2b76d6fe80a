// Package frameallocinasync defines the FA701 frame-alloc-in-async check:
// a frame allocation (Frame, FrameSlice, FrameBytes, TryFrame,
// TryFrameSlice, FrameRetained) inside a func literal that runs on another
// goroutine or later, using a Local captured from outside the literal.
//
// A literal runs later when it is started with go (or passed to a go
// statement), returned, sent on a channel, stored in a package-level
// variable or in memory that outlives the function (a field or map of a
// parameter or global, a local container that is itself returned or stored
// there), passed to a function that keeps its func argument (time.AfterFunc,
// context.AfterFunc, sync.WaitGroup.Go, helpers whose facts say so), or
// deferred in a function that ends the frame of that Local before the
// deferred call runs (a literal deferred after defer l.EndFrame() runs
// before it and is fine). Func literals called at once, passed to WithTag
// or Scratch.Scope, or to a function that does not keep them run
// synchronously; the check looks through them to the literal that
// captures the Local. A Local created inside the literal, or received as
// its parameter, is fine. The diagnostic points at the allocation call.
package frameallocinasync

import (
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA701 check.
var Analyzer = check.New("FA701", run)

func run(p *check.Pass) error {
	info := loops.New(p.Pass, p.Core)
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsFrameAllocation() || c.Local() == nil {
				continue
			}
			if how := runsElsewhere(p.Core, fn, p.Core.HandleKey(c.Local())); how != "" {
				pos, end := info.Span(c.Instr)
				p.Reportf(pos, end, "%s allocates from %s, captured by a func literal that runs on another goroutine or later (%s): the frame it allocates into may be another goroutine's or already ended; create a Local inside the literal (a.NewLocal()) or hand the data over with Transfer",
					info.Text(c.Instr), info.LocalText(c.Instr, 0), how)
			}
		}
	}
	return nil
}

// runsElsewhere returns how the func literal fn, or a literal it is nested
// in, runs on another goroutine or later while the Local k (in fn's terms)
// is captured from outside that literal; "" when it does not.
func runsElsewhere(core *framecore.Result, fn *ssa.Function, k framecore.LocalKey) string {
	for g := fn; g.Parent() != nil && k.IsCaptured(); {
		up, ok := core.LiftOnce(g, k)
		if g.Synthetic == "" { // range-over-func bodies run in place
			run := core.HowRuns(g)
			if run.OnOtherGoroutine() {
				return run.How
			}
			if ok && core.DeferredAfterEnd(g, up) {
				return "deferred in a function that ends the frame first"
			}
		}
		if !ok {
			break
		}
		g, k = g.Parent(), up
	}
	return ""
}
