// Package frameescape is the FA601 frame-escape check.
//
// What it reports and what it leaves alone is documented once, in the
// FA601 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA601` or
// docs/diagnostics.md#fa601.
package frameescape

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA601 check.
var Analyzer = check.New("FA601", run)

func run(p *check.Pass) error {
	seen := map[token.Pos]bool{}
	for _, e := range p.Core.Flow().Escapes {
		if seen[e.Pos] {
			continue
		}
		for _, o := range e.Origins {
			if o.Kind == framecore.OriginDiscard {
				continue
			}
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
			seen[e.Pos] = true
			p.ReportDiag(d)
			break
		}
	}
	return nil
}
