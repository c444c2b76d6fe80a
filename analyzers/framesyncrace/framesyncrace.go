package framesyncrace

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA205 frame-sync-race check.
var Analyzer = check.New("FA205", run, goroutines.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	for _, fn := range p.Core.Funcs {
		if !concerned(m, fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				ends := p.Core.EndsFrame(call)
				if len(ends) == 0 || p.Core.WaitsBarrier(call) || len(p.Core.BeginsFrame(call)) > 0 {
					continue
				}
				for _, k := range ends {
					if !k.Known() {
						continue
					}
					if begin := unsyncedBegin(p.Core, call, k); begin != nil {
						name := localName(p, call)
						p.Reportf(call.Pos(), 0, "the frame of Local %s ends here and the next BeginFrame (line %d) can be reached without WaitAll on the FrameBarrier",
							name, p.Fset.Position(begin.Pos()).Line)
						break
					}
				}
			}
		}
	}
	return nil
}

// concerned reports whether fn is given a FrameBarrier or uses one.
func concerned(m *goroutines.Model, fn *ssa.Function) bool {
	for _, prm := range fn.Params {
		if m.IsBarrier(prm.Type()) {
			return true
		}
	}
	for _, fv := range fn.FreeVars {
		t := fv.Type()
		if pt, ok := t.Underlying().(*types.Pointer); ok && m.IsBarrier(pt.Elem()) || m.IsBarrier(t) {
			return true
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(*ssa.Call); ok && m.Core.UsesBarrier(ci) {
				return true
			}
		}
	}
	return false
}

// unsyncedBegin returns a call beginning the frame of k that a path from
// end reaches without waiting on a barrier, or nil.
func unsyncedBegin(core *framecore.Result, end *ssa.Call, k framecore.LocalKey) ssa.Instruction {
	var found ssa.Instruction
	def := k.RootValue()
	goroutines.ReachableAfter(end, func(instr ssa.Instruction) bool {
		if found != nil {
			return false
		}
		if di, ok := def.(ssa.Instruction); ok && instr == di {
			return false
		}
		ci, ok := instr.(*ssa.Call)
		if !ok {
			return true
		}
		if core.WaitsBarrier(ci) {
			return false
		}
		for _, bk := range core.BeginsFrame(ci) {
			if bk == k {
				found = ci
				return false
			}
		}
		return true
	})
	return found
}

func localName(p *check.Pass, call *ssa.Call) string {
	if c, ok := p.Core.API.Classify(call); ok {
		if n := goroutines.Name(c.Local()); n != "" {
			return n
		}
		if s := goroutines.ArgText(p.Files, call, 0); s != "" {
			return s
		}
	}
	return "l"
}
