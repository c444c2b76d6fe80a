package loops_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// describe reports, for every allocation, the innermost loop the model
// finds around it: its kind, whether it is bounded and whether it is the
// frame loop.
var describe = &analysis.Analyzer{
	Name:     "describeloops",
	Doc:      "test analyzer: the loop model's view of each allocation",
	Requires: []*analysis.Analyzer{framecore.Analyzer, loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		info := required.Result[*loops.Info](pass)
		if !core.Reaches {
			if info != nil {
				return nil, fmt.Errorf("a package that does not reach the allocator got a loop model")
			}
			return nil, nil
		}
		for _, fn := range core.Funcs {
			for _, c := range core.Calls[fn] {
				if !c.Op.IsAllocation() {
					continue
				}
				l := info.Innermost(c.Instr.Pos())
				if l == nil {
					pass.Reportf(c.Instr.Pos(), "no loop")
					continue
				}
				pass.Reportf(c.Instr.Pos(), "%s bounded=%v frame=%v", l.Kind, l.Bounded, info.IsFrameLoop(l))
			}
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	fatest.Run(t, describe, "loopsmodel")
}
