// Package discardstoredbeyondframe is the FA605 discard-stored-beyond-frame check.
//
// What it reports and what it leaves alone is documented once, in the
// FA605 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA605` or
// docs/diagnostics.md#fa605.
package discardstoredbeyondframe

import (
	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA605 check.
var Analyzer = check.New("FA605", run)

func run(p *check.Pass) error {
	for e, o := range p.Core.Flow().FirstEscapes(func(o *framecore.Origin) bool { return o.Kind == framecore.OriginDiscard }) {
		p.ReportDiag(report.Diag{
			Pos:     e.Pos,
			Message: "FrameRetained(..., Discard) value " + p.ValueName(o) + " escapes to " + e.Where + "; Discard memory ends with the frame (use PromoteToHeap or PromoteToPool)",
			Related: []analysis.RelatedInformation{p.Allocated(o)},
		})
	}
	return nil
}
