// Package frameescape is the FA601 frame-escape check.
//
// What it reports and what it leaves alone is documented once, in the
// FA601 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA601` or
// docs/diagnostics.md#fa601.
package frameescape

import (
	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA601 check.
var Analyzer = check.New("FA601", run)

func run(p *check.Pass) error {
	for e, o := range p.Core.Flow().FirstEscapes(func(o *framecore.Origin) bool { return o.Kind != framecore.OriginDiscard }) {
		d := report.Diag{
			Pos:     e.Pos,
			Message: "frame value " + p.ValueName(o) + " escapes to " + e.Where,
			Related: []analysis.RelatedInformation{p.Allocated(o)},
			Fixes:   p.HeapFix(o),
		}
		if o.Kind == framecore.OriginScratch {
			d.Message = "scratch value " + p.ValueName(o) + " escapes to " + e.Where
			d.Fixes = nil
		}
		p.ReportDiag(d)
	}
	return nil
}
