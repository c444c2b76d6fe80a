// Package closurecapture defines the FA703 closure-capture check: a frame
// value captured by a func literal that may run after the frame ends —
// started with go, deferred in a function that ends the frame (before
// the deferred EndFrame runs), stored beyond the function, returned, sent,
// or registered with a function that keeps its func argument
// (time.AfterFunc, context.AfterFunc, WaitGroup.Go, errgroup's Go, helpers
// whose facts say so). A literal given to WaitGroup.Go or errgroup's Go on a
// group the same function waits for afterwards finishes before the
// function goes on and is not reported. The diagnostic points at the first
// line of the func literal.
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
