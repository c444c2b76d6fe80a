// Package unboundedallocation is the FA301 unbounded-allocation check.
//
// What it reports and what it leaves alone is documented once, in the
// FA301 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA301` or
// docs/diagnostics.md#fa301.
package unboundedallocation

import (
	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA301 check.
var Analyzer = check.New("FA301", run, loops.Analyzer, budget.Analyzer)

type checker struct {
	p       *check.Pass
	info    *loops.Info
	budgets *budget.Model
}

func run(p *check.Pass) error {
	c := &checker{p: p, info: p.Loops(), budgets: p.Budgets()}
	for _, fn := range p.Core.Funcs {
		for _, call := range p.Core.Calls[fn] {
			if !call.Op.IsAllocation() {
				continue
			}
			l := c.info.Innermost(call.Instr.Pos())
			if l == nil || l.Bounded || c.guarded(call, l) {
				continue
			}
			who := c.info.LocalText(call.Instr, 0)
			guard := "SetFrameBudget/SetPoolBudget on " + who + ", a Config.FrameBudget/PoolBudget, or a Try* allocation whose error is checked"
			if call.Op == allocapi.OpScratchAlloc {
				guard = "a Config.FrameBudget/PoolBudget on its Allocator"
			}
			pos, end := c.info.Span(call.Instr)
			p.Reportf(pos, end, "%s allocates in the %s at line %d, which has no static bound, and nothing limits it (no %s)",
				c.info.Text(call.Instr), l.Kind, c.info.Line(l.Pos()), guard)
		}
	}
	return nil
}

// guarded reports whether the allocation has a budget guard: it is a
// Try* allocation whose error is checked, another one of the same Local in
// the loop is, or the budget model finds a frame or pool budget on every
// source of its Local (or of its Scratch's Allocator).
func (c *checker) guarded(call allocapi.Call, l *loops.Loop) bool {
	if call.Op.IsTry() && budget.ErrorOf(call.Instr) == budget.ErrChecked {
		return true
	}
	if call.Op == allocapi.OpScratchAlloc {
		return len(call.Args) == 0 || c.budgets.Of(call.Args[0]).Guarded()
	}
	local := call.Local()
	if local == nil {
		return true
	}
	core := c.p.Core
	key := core.Lift(call.Instr.Parent(), framecore.HandleKey(local))
	for _, ci := range c.info.Calls(l) {
		tc, ok := core.API.Classify(ci)
		if !ok || !tc.Op.IsTry() || tc.Local() == nil || budget.ErrorOf(ci) != budget.ErrChecked {
			continue
		}
		if k := core.Lift(ci.Parent(), framecore.HandleKey(tc.Local())); !k.Known() || !key.Known() || k == key {
			return true
		}
	}
	return c.budgets.Of(local).Guarded()
}
