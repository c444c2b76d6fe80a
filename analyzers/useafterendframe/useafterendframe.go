// Package useafterendframe is the FA606 use-after-end-frame check.
//
// What it reports and what it leaves alone is documented once, in the
// FA606 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA606` or
// docs/diagnostics.md#fa606.
package useafterendframe

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA606 check.
var Analyzer = check.New("FA606", run)

func run(p *check.Pass) error {
	seen := map[string]bool{}
	for _, s := range p.Core.Flow().Stale {
		pos := p.Fset.Position(s.Pos)
		// One finding per line: the first use in execution order.
		key := fmt.Sprintf("%s:%d", pos.Filename, pos.Line)
		if seen[key] {
			continue
		}
		seen[key] = true
		end := p.Fset.Position(s.End.Pos())
		var msg string
		if s.Origin.Kind == framecore.OriginScratch {
			msg = fmt.Sprintf("scratch value %s used after its Scope returned at line %d", p.ValueName(s.Origin), end.Line)
		} else {
			msg = fmt.Sprintf("frame value %s used after its frame ended at line %d", p.ValueName(s.Origin), end.Line)
		}
		d := report.Diag{
			Pos:     s.Pos,
			Message: msg,
			Related: []analysis.RelatedInformation{p.Allocated(s.Origin), {Pos: s.End.Pos(), Message: "the frame ends here"}},
		}
		if s.Origin.Kind != framecore.OriginScratch {
			d.Fixes = p.HeapFix(s.Origin)
		}
		p.ReportDiag(d)
	}
	return nil
}
