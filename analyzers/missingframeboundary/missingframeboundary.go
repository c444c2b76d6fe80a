// Package missingframeboundary defines the FA603 missing-frame-boundary
// check: a loop with no static bound (for {}, for cond {}, a range over a
// channel or an iterator) allocates frame memory (Frame, FrameSlice,
// FrameBytes, TryFrame, TryFrameSlice, FrameRetained) and no EndFrame of
// that Local — direct, deferred in a func literal run inside the loop, or
// through a helper in any package; EndFrameWithPromotions counts — is
// reached in it, so the frame grows with every iteration.
//
// Only the innermost loop around the allocation counts, and a func
// literal's body is a function of its own except a WithTag closure, which
// belongs to the loop it sits in. The diagnostic points at the allocation
// call.
package missingframeboundary

import (
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA603 check.
var Analyzer = check.New("FA603", run)

func run(p *check.Pass) error {
	info := loops.New(p.Pass, p.Core)
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsFrameAllocation() || c.Local() == nil {
				continue
			}
			l := info.Innermost(c.Instr.Pos())
			if l == nil || l.Bounded {
				continue
			}
			key := p.Core.Lift(fn, p.Core.HandleKey(c.Local()))
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
