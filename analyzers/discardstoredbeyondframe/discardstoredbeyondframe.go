// Package discardstoredbeyondframe defines the FA605
// discard-stored-beyond-frame check: a FrameRetained(..., Discard) value
// stored where it outlives the frame. Discard memory is dropped at
// EndFrame like any frame memory; only the promoting policies keep it.
package discardstoredbeyondframe

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA605 check.
var Analyzer = check.New("FA605", run)

func run(p *check.Pass) error {
	seen := map[token.Pos]bool{}
	for _, e := range p.Core.Flow().Escapes {
		if seen[e.Pos] {
			continue
		}
		for _, o := range e.Origins {
			if o.Kind != framecore.OriginDiscard {
				continue
			}
			seen[e.Pos] = true
			p.ReportDiag(report.Diag{
				Pos:     e.Pos,
				Message: "FrameRetained(..., Discard) value " + p.ValueName(o) + " escapes to " + e.Where + "; Discard memory ends with the frame (use PromoteToHeap or PromoteToPool)",
				Related: []analysis.RelatedInformation{p.Allocated(o)},
			})
			break
		}
	}
	return nil
}
