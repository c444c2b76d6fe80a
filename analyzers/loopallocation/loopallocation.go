// Package loopallocation defines the FA602 loop-allocation check: an
// allocator allocation (Frame, FrameSlice, FrameBytes, TryFrame,
// TryFrameSlice, FrameRetained, Pool, TryPool, Heap, ScratchAlloc) whose
// innermost loop is not the frame loop, so it allocates on every iteration
// of a loop that never gives the memory back within the frame.
//
// The frame loop is a loop whose iterations both begin and end a frame,
// directly or through helpers. Only the innermost loop around the
// allocation counts; a func literal's body is a function of its own
// (loops around it do not count) except a WithTag closure, which belongs
// to the loop it sits in. The check is intraprocedural: a call of a helper
// that allocates, made inside a loop, is not reported. The diagnostic
// points at the allocation call.
package loopallocation

import (
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA602 check.
var Analyzer = check.New("FA602", run)

func run(p *check.Pass) error {
	info := loops.New(p.Pass, p.Core)
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
