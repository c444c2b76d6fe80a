package budgetnotconfigured

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA203 budget-not-configured check.
var Analyzer = check.New("FA203", run, goroutines.Analyzer, budget.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	budgets := p.Budgets()
	done := map[*ssa.Function]bool{}
	for _, l := range m.Launches {
		body := l.Body
		if body == nil || done[body] {
			continue
		}
		done[body] = true
		for _, c := range m.Calls(body, allocapi.OpNewLocal) {
			call, ok := c.Instr.(*ssa.Call)
			if !ok || len(c.Args) != 1 {
				continue
			}
			if frames, known := frameUse(m.Core, call); !known || !frames {
				continue
			}
			if budgets.Of(call).FrameBudgeted() {
				continue
			}
			name := goroutines.AssignedName(p.Files, call.Pos())
			if name == "" {
				name = "created here"
			}
			p.Reportf(call.Pos(), 0, "goroutine body creates Local %s and runs frames on it without a frame budget: call SetFrameBudget on it or set Config.FrameBudget", name)
		}
	}
	return nil
}

// frameUse follows the Local created by call through local variables:
// frames reports whether frames run on it; known is false when the Local
// goes where the check cannot follow (a field, a closure, another
// goroutine, a dynamic call), where its budget may be set.
func frameUse(core *framecore.Result, call *ssa.Call) (frames, known bool) {
	values := []ssa.Value{call}
	cells := map[ssa.Value]bool{}
	for i := 0; i < len(values); i++ {
		v := values[i]
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if cells[ref.Addr] && ref.Val == call {
					continue
				}
				a, ok := ref.Addr.(*ssa.Alloc)
				if v != call || ref.Val != call || !ok {
					return false, false
				}
				if !cells[a] {
					cells[a] = true
					values = append(values, a)
				}
			case *ssa.UnOp:
				if ref.Op != token.MUL || !cells[v] {
					return false, false
				}
				values = append(values, ref)
			case *ssa.Call, *ssa.Defer:
				ci := ref.(ssa.CallInstruction)
				if ci.Common().IsInvoke() || ci.Common().StaticCallee() == nil {
					return false, false
				}
				if c, ok := core.API.Classify(ci); ok {
					if c.Local() != v {
						return false, false
					}
					if c.Op.IsFrameAllocation() || c.Op == allocapi.OpBeginFrame || c.Op.EndsFrame() {
						frames = true
					}
					continue
				}
				if len(core.BeginsFrame(ci)) > 0 || len(core.EndsFrame(ci)) > 0 || core.Allocates(ci) {
					frames = true
				}
			default:
				return false, false
			}
		}
	}
	return frames, true
}
