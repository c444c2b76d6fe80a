// Package crossgoroutineframe is the FA201 cross-goroutine-frame check.
//
// What it reports and what it leaves alone is documented once, in the
// FA201 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA201` or
// docs/diagnostics.md#fa201.
package crossgoroutineframe

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA201 check.
var Analyzer = check.New("FA201", run, goroutines.Analyzer)

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

	// Stores into package-level variables that a goroutine of this
	// package uses. FA601 reports the same store as an escape.
	var readers *globalReaders
	for _, e := range p.Core.Flow().Escapes {
		if e.Kind != framecore.EscapeGlobal || e.Global == nil || seen[e.Pos] {
			continue
		}
		if readers == nil {
			inPkg := map[*ssa.Function]bool{}
			for _, fn := range p.Core.Funcs {
				inPkg[fn] = true
			}
			readers = newGlobalReaders(p.Goroutines(), inPkg)
		}
		l := readers.reader(e.Global, e.Instr.Parent())
		if l == nil {
			continue
		}
		seen[e.Pos] = true
		o := e.Origins[0]
		p.ReportDiag(report.Diag{
			Pos: e.Pos,
			Message: "frame value " + p.ValueName(o) + " stored in package-level variable " + e.Global.Name() +
				", which a goroutine uses, without Transfer; it may read it after the frame ends",
			Related: []analysis.RelatedInformation{
				p.Allocated(o),
				{Pos: launchPos(l), Message: "the goroutine using " + e.Global.Name() + " is started here"},
			},
		})
	}
	return nil
}
