// Package closurecapture is the FA703 closure-capture check.
//
// What it reports and what it leaves alone is documented once, in the
// FA703 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA703` or
// docs/diagnostics.md#fa703.
package closurecapture

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA703 check.
var Analyzer = check.New("FA703", run)

func run(p *check.Pass) error {
	seen := map[*ssa.MakeClosure]bool{}
	for _, c := range p.Core.Flow().Captures {
		if seen[c.Closure] {
			continue
		}
		seen[c.Closure] = true
		o := c.Origins[0]
		pos := c.Fn.Pos()
		p.ReportDiag(report.Diag{
			Pos:     pos,
			Message: "func literal captures frame value " + p.ValueName(o) + " but may run after the frame ends (" + c.How + ")",
			Related: []analysis.RelatedInformation{p.Allocated(o)},
		})
	}
	return nil
}
