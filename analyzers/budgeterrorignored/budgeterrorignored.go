// Package budgeterrorignored is the FA302 budget-error-ignored check.
//
// What it reports and what it leaves alone is documented once, in the
// FA302 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA302` or
// docs/diagnostics.md#fa302.
package budgeterrorignored

import (
	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA302 check.
var Analyzer = check.New("FA302", run, loops.Analyzer)

func run(p *check.Pass) error {
	info := p.Loops()
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
