// Package budgeterrorignored defines the FA302 budget-error-ignored check:
// the error result of TryFrame, TryFrameSlice or TryPool is discarded (a
// call statement, a blank assignment, a variable overwritten before it is
// read) or never checked (bound to variables but never compared, passed to
// a function or returned on any path). Returning the error to the caller,
// or passing it to any function (errors.Is, a logger, fmt), counts as
// checking it. The diagnostic points at the Try* call.
package budgeterrorignored

import (
	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA302 check.
var Analyzer = check.New("FA302", run)

func run(p *check.Pass) error {
	info := loops.New(p.Pass, p.Core)
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsTry() {
				continue
			}
			var what string
			switch budget.ErrorOf(c.Instr) {
			case budget.ErrDiscarded:
				what = "is discarded"
			case budget.ErrUnchecked:
				what = "is never checked"
			default:
				continue
			}
			pos, end := info.Span(c.Instr)
			p.Reportf(pos, end, "the error of %s %s: when the budget is exceeded the allocation fails with a nil result; check it (errors.Is(err, allocator.ErrBudgetExceeded)) or return it",
				info.Text(c.Instr), what)
		}
	}
	return nil
}
