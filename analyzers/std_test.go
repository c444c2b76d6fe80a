package analyzers_test

import (
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// TestSilentOnStandardLibrary runs every check on standard-library
// packages, which never import the allocator: no diagnostics, no SSA, and
// the core returns at once for each of them and their dependencies.
func TestSilentOnStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("loads standard-library packages from source")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: false}
	pkgs, err := packages.Load(cfg, "net/http", "encoding/json", "go/types")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("standard library packages failed to load")
	}
	start := time.Now()
	graph, err := checker.Analyze(analyzers.All(), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	actions, reached := 0, 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			t.Errorf("%s: unexpected diagnostic %s", act.Package.Fset.Position(d.Pos), d.Message)
		}
		if act.Analyzer == framecore.Analyzer {
			actions++
			if res, ok := act.Result.(*framecore.Result); ok && (res.Reaches || res.SSA != nil) {
				reached++
			}
		}
	}
	if actions == 0 {
		t.Fatal("the core did not run")
	}
	if reached != 0 {
		t.Errorf("the core built SSA for %d standard-library packages; want 0", reached)
	}
	t.Logf("all checks on %d packages (with dependencies) in %v", actions, elapsed)
}
