// Package frameallocinasync is the FA701 frame-alloc-in-async check.
//
// What it reports and what it leaves alone is documented once, in the
// FA701 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA701` or
// docs/diagnostics.md#fa701.
package frameallocinasync

import (
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA701 check.
var Analyzer = check.New("FA701", run, loops.Analyzer)

func run(p *check.Pass) error {
	info := p.Loops()
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsFrameAllocation() || c.Local() == nil {
				continue
			}
			if how := runsElsewhere(p.Core, fn, framecore.HandleKey(c.Local())); how != "" {
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
