// Package missingframeboundary is the FA603 missing-frame-boundary check.
//
// What it reports and what it leaves alone is documented once, in the
// FA603 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA603` or
// docs/diagnostics.md#fa603.
package missingframeboundary

import (
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA603 check.
var Analyzer = check.New("FA603", run, loops.Analyzer)

func run(p *check.Pass) error {
	info := p.Loops()
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsFrameAllocation() || c.Local() == nil {
				continue
			}
			l := info.Innermost(c.Instr.Pos())
			if l == nil || l.Bounded {
				continue
			}
			key := p.Core.Lift(fn, framecore.HandleKey(c.Local()))
			if info.EndsFrameOf(l, key) {
				continue
			}
			pos, end := info.Span(c.Instr)
			p.Reportf(pos, end, "%s allocates frame memory on every iteration of the %s at line %d, which has no static bound and never ends the frame of %s: the frame grows until the loop stops; end the frame in the loop (EndFrame) or allocate from the pool or the heap",
				info.Text(c.Instr), l.Kind, info.Line(l.Pos()), info.LocalText(c.Instr, 0))
		}
	}
	return nil
}
