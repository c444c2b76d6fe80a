package unknowntag

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/report"
	"github.com/framealloc/fa/analyzers/internal/tags"
)

// Analyzer is the FA802 unknown-tag check.
var Analyzer = tags.NewCheck("FA802", run)

func run(p *check.Pass, r *tags.Result) error {
	cfg := p.Core.Config
	if len(cfg.Tags.Known) == 0 {
		return nil
	}
	for _, u := range r.Allocating() {
		if !tags.Unknown(cfg, u.Tag) {
			continue
		}
		module, rest, nested := strings.Cut(u.Tag, "/")
		msg := fmt.Sprintf("package %s allocates under tag %q, which is not in [tags].known of .fa.toml", r.Path, module)
		d := report.Diag{Pos: u.Pos(), End: u.End()}
		if s := tags.Suggest(cfg.Tags.Known, module); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
			if lit := u.Lit; lit != nil {
				fixed := s
				if nested {
					fixed += "/" + rest
				}
				d.Fixes = []analysis.SuggestedFix{{
					Message:   fmt.Sprintf("use tag %q", s),
					TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(fixed))}},
				}}
			}
		} else {
			msg += fmt.Sprintf(" (known: %s)", tags.KnownList(cfg, 8))
		}
		d.Message = msg
		p.ReportDiag(d)
	}
	return nil
}
