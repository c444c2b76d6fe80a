// Package crossgoroutineframe defines the FA201 cross-goroutine-frame
// check: a frame value that reaches another goroutine without Transfer —
// sent on a channel (also in a select), passed as an argument of a go
// statement, or passed to a helper (in any package) that does either.
// The diagnostic points at the send, the go statement or the helper call.
//
// Values captured by a func literal are FA703's; values returned by
// Receive belong to the receiving goroutine's Local.
package crossgoroutineframe

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA201 check.
var Analyzer = check.New("FA201", run)

func run(p *check.Pass) error {
	seen := map[token.Pos]bool{}
	for _, h := range p.Core.Flow().Handoffs {
		if seen[h.Pos] {
			continue
		}
		seen[h.Pos] = true
		o := h.Origins[0]
		p.ReportDiag(report.Diag{
			Pos:     h.Pos,
			Message: "frame value " + p.ValueName(o) + " " + h.How + " without Transfer; another goroutine may use it after the frame ends",
			Related: []analysis.RelatedInformation{p.Allocated(o)},
		})
	}
	return nil
}
