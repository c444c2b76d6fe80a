package budget_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// probe reports, at each call of a function named probe, the sources the
// model finds for its argument.
var probe = &analysis.Analyzer{
	Name:     "budgetprobe",
	Doc:      "reports the budget sources of each probe(v) argument",
	Requires: []*analysis.Analyzer{framecore.Analyzer, budget.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		m := required.Result[*budget.Model](pass)
		if m == nil {
			return nil, nil
		}
		for _, fn := range core.Funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok {
						continue
					}
					callee := call.Call.StaticCallee()
					if callee == nil || callee.Name() != "probe" || len(call.Call.Args) != 1 {
						continue
					}
					v := call.Call.Args[0]
					if mi, ok := v.(*ssa.MakeInterface); ok {
						v = mi.X
					}
					if mc, ok := v.(*ssa.MakeClosure); ok && len(mc.Bindings) == 1 {
						v = mc.Bindings[0] // a method value: probe its receiver
					}
					pass.Reportf(call.Pos(), "sources: %s", m.Of(v))
				}
			}
		}
		return nil, nil
	},
}

// TestModel checks the sources the model finds for values of every shape
// (Configs, package-level variables, budgets set in the function or a
// helper, parameters, fields of this and another package, captured
// variables, Scratch scopes).
func TestModel(t *testing.T) {
	analysistest.Run(t, fatest.Dir(t, "budget"), probe, ".")
}

// TestFieldFacts checks the facts exported for fields holding guarded
// Locals and Allocators (and none for the others).
func TestFieldFacts(t *testing.T) {
	analysistest.Run(t, fatest.Dir(t, "budget"), budget.Analyzer, "./lib")
}

func TestSources(t *testing.T) {
	for _, c := range []struct {
		s           budget.Sources
		guarded, fb bool
		text        string
	}{
		{0, false, true, "empty"},
		{budget.FrameBudget, true, true, "frame"},
		{budget.PoolBudget, true, false, "pool"},
		{budget.NoBudget, false, false, "none"},
		{budget.Unseen, true, true, "unseen"},
		{budget.UnseenLocal, false, true, "unseen-local"},
		{budget.FrameBudget | budget.Unseen, true, true, "frame+unseen"},
		{budget.FrameBudget | budget.NoBudget, false, false, "frame+none"},
		{budget.PoolBudget | budget.UnseenLocal, false, false, "pool+unseen-local"},
	} {
		if got := c.s.Guarded(); got != c.guarded {
			t.Errorf("%s.Guarded() = %v, want %v", c.text, got, c.guarded)
		}
		if got := c.s.FrameBudgeted(); got != c.fb {
			t.Errorf("%s.FrameBudgeted() = %v, want %v", c.text, got, c.fb)
		}
		if got := c.s.String(); got != c.text {
			t.Errorf("String() = %q, want %q", got, c.text)
		}
	}
}
