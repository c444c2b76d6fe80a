// Package loopallocation is the FA602 loop-allocation check.
//
// What it reports and what it leaves alone is documented once, in the
// FA602 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA602` or
// docs/diagnostics.md#fa602.
package loopallocation

import (
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA602 check.
var Analyzer = check.New("FA602", run, loops.Analyzer)

func run(p *check.Pass) error {
	info := p.Loops()
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsAllocation() {
				continue
			}
			l := info.Innermost(c.Instr.Pos())
			if l == nil || info.IsFrameLoop(l) {
				continue
			}
			pos, end := info.Span(c.Instr)
			p.Reportf(pos, end, "%s allocates on every iteration of the %s at line %d, which is not the frame loop (it does not both begin and end a frame); allocate once before the loop or move the work into the frame loop",
				info.Text(c.Instr), l.Kind, info.Line(l.Pos()))
		}
	}
	return nil
}
