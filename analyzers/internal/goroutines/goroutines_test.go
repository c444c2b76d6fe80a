package goroutines_test

import (
	"fmt"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// describe reports what the model knows of every launch (at the launch:
// how it starts, its body, its count, whether it is waited for, what it
// is given with the keys) and whether each goroutine body only runs as a
// goroutine (at the body).
var describe = &analysis.Analyzer{
	Name:     "describelaunches",
	Doc:      "test analyzer: the goroutine model's view of each launch",
	Requires: []*analysis.Analyzer{framecore.Analyzer, goroutines.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		m := required.Result[*goroutines.Model](pass)
		if !core.Reaches {
			if m != nil {
				return nil, fmt.Errorf("a package that does not reach the allocator got a goroutine model")
			}
			return nil, nil
		}
		byName := func(p *types.Package) string { return p.Name() }
		bodies := map[string]bool{}
		for _, l := range m.Launches {
			body := "-"
			if l.Body != nil {
				body = l.Body.RelString(pass.Pkg)
				if !bodies[body] {
					bodies[body] = true
					pass.Reportf(l.Body.Pos(), "only-goroutine=%v", m.OnlyGoroutine(l.Body))
				}
			}
			var given []string
			for _, g := range l.Given {
				s := g.Key.String() + " " + types.TypeString(g.Type, byName)
				if name := goroutines.GivenName(pass.Files, l, g); name != "" {
					s = name + "=" + s
				}
				if g.Field != "" {
					s += " field " + g.Field
				}
				if g.Captured {
					s += " captured"
				}
				given = append(given, s)
			}
			pass.Reportf(l.Pos(), "%s body=%s count=%d waited=%v given=[%s]",
				l.Site.Via, body, l.Count, l.Waited, strings.Join(given, ", "))
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	fatest.Run(t, describe, "goroutinesmodel")
}
