// Package check builds the analyzer of one fa diagnostic code on top of the
// shared frame-flow core: every check has the same shape (name, doc and URL
// from the diagnostics catalogue, the core as its only requirement, an
// immediate return for packages that cannot reach the allocator and when
// the run's lint policy does not report the code).
package check

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
	"github.com/framealloc/fa/analyzers/internal/loops"
	"github.com/framealloc/fa/analyzers/internal/report"
	"github.com/framealloc/fa/analyzers/internal/required"
	"github.com/framealloc/fa/diagnostics"
)

// Pass is the state of one check on one package.
type Pass struct {
	*analysis.Pass
	// Core is the shared frame-flow result for the package.
	Core *framecore.Result
	// Code is the check's diagnostic code.
	Code string
}

// Reportf reports a finding of the check's code at [pos, end).
func (p *Pass) Reportf(pos, end token.Pos, format string, args ...any) {
	p.Core.Report(p.Pass, report.Diag{Code: p.Code, Pos: pos, End: end, Message: fmt.Sprintf(format, args...)})
}

// ReportDiag reports a finding with related positions and fixes; its Code
// is set to the check's code.
func (p *Pass) ReportDiag(d report.Diag) {
	d.Code = p.Code
	p.Core.Report(p.Pass, d)
}

// Loops returns the package's loop model; the check must list
// loops.Analyzer among the models given to New.
func (p *Pass) Loops() *loops.Info { return required.Result[*loops.Info](p.Pass) }

// Goroutines returns the package's goroutine-launch model; the check must
// list goroutines.Analyzer among the models given to New.
func (p *Pass) Goroutines() *goroutines.Model { return required.Result[*goroutines.Model](p.Pass) }

// Budgets returns the package's budget model; the check must list
// budget.Analyzer among the models given to New.
func (p *Pass) Budgets() *budget.Model { return required.Result[*budget.Model](p.Pass) }

// New returns the analyzer of code, which must be in the catalogue. run is
// called only for packages that reach the allocator. models are the shared
// models the check uses besides the core (loops.Analyzer,
// goroutines.Analyzer, budget.Analyzer), each computed once per package.
func New(code string, run func(*Pass) error, models ...*analysis.Analyzer) *analysis.Analyzer {
	info, ok := diagnostics.Lookup(code)
	if !ok {
		panic("check.New: unknown code " + code)
	}
	return &analysis.Analyzer{
		Name:     info.Code,
		Doc:      info.AnalyzerDoc(),
		URL:      diagnostics.DocURL(info.Code),
		Requires: append([]*analysis.Analyzer{framecore.Analyzer}, models...),
		Run: func(pass *analysis.Pass) (_ any, err error) {
			core := required.Result[*framecore.Result](pass)
			if !core.Reaches || !core.Policy.Enabled(info.Code) {
				return nil, nil
			}
			// A bug in a check must not crash the tool or the go vet run:
			// it fails this package's analysis with an error naming it.
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("%s: internal error on package %s: %v (please report it with the code that caused it)", info.Code, pass.Pkg.Path(), r)
				}
			}()
			return nil, run(&Pass{Pass: pass, Core: core, Code: info.Code})
		},
	}
}
