package framecore

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/fatest"
)

// TestPanicFailsPackage injects a panic into the flow analysis of one
// function: the package's analysis must fail with an error naming that
// function, never return a result that looks complete.
func TestPanicFailsPackage(t *testing.T) {
	broken := *Analyzer
	broken.Run = func(pass *analysis.Pass) (any, error) {
		return analyze(pass, func(fn *ssa.Function) {
			if fn.Name() == "Wrap" {
				panic("injected failure")
			}
		})
	}
	dir := fatest.Dir(t, "framecore")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, "./user")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the fixture: %v", err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{&broken}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var failed error
	for act := range graph.All() {
		if act.Analyzer == &broken && act.Package.PkgPath == "example.com/framecore/user" {
			failed = act.Err
			if act.Result != nil {
				t.Errorf("a failed analysis returned a result: %v", act.Result)
			}
		}
	}
	if failed == nil {
		t.Fatal("the package's analysis succeeded despite a panic in the flow of Wrap")
	}
	for _, want := range []string{"example.com/framecore/user.Wrap", "injected failure", "example.com/framecore/user"} {
		if !strings.Contains(failed.Error(), want) {
			t.Errorf("error %q does not mention %q", failed, want)
		}
	}
}
