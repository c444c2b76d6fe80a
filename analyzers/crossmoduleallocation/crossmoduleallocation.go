package crossmoduleallocation

import (
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/tags"
)

// Analyzer is the FA803 cross-module-allocation check.
var Analyzer = tags.NewCheck("FA803", run)

func run(p *check.Pass, r *tags.Result) error {
	cfg := p.Core.Config
	if len(cfg.Tags.Modules) == 0 {
		return nil
	}
	for _, u := range r.Allocating() {
		tag, _ := u.ModuleTag()
		if pl := tags.Place(cfg, r.Path, tag); pl.Code() == p.Code {
			p.Reportf(u.Pos(), u.End(), "%s", pl.Message(cfg))
		}
	}
	return nil
}
