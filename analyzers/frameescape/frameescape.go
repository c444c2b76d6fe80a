// Package frameescape defines the FA601 frame-escape check: a frame value
// stored where it outlives the frame — a package-level variable, pool or
// heap memory, memory reachable from a caller's object that itself
// escapes, a helper (in any package) that stores its argument beyond the
// frame — or returned from a function that ends the frame.
//
// Storing frame memory into local variables and local containers that do
// not escape is fine. A method or helper storing frame memory into its
// receiver or parameter does not report itself: the fact travels to its
// callers, and FA601 is reported where the caller's object escapes.
// FrameRetained(..., Discard) values are FA605's, not FA601's.
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
