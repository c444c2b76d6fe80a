package framecore

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers/internal/fatest"
)

// TestPhiChainsResolveOnce runs the flow on a function whose pointers
// merge through chains of phis with four edges each (fixture
// framecore/phis): finding the memory a store goes into must resolve each
// value a bounded number of times per query, not once per path (4^12
// paths at the depth bound), and still find that the frame value may land
// in the parameter's memory.
func TestPhiChainsResolveOnce(t *testing.T) {
	dir := fatest.Dir(t, "framecore")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, "./phis")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the fixture: %v", err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var res *Result
	for act := range graph.All() {
		if act.Analyzer == Analyzer && act.Package.PkgPath == "example.com/framecore/phis" {
			if act.Err != nil {
				t.Fatal(act.Err)
			}
			res = act.Result.(*Result)
		}
	}
	fl := res.Flow()
	if fl == nil {
		t.Fatal("no flow for the fixture")
	}
	values := 0
	for _, fn := range res.Funcs {
		for _, b := range fn.Blocks {
			values += len(b.Instrs)
		}
		values += len(fn.Params)
	}
	// Each query resolves a value at most once per depth.
	queries := int(fl.rootGen)
	if limit := queries * values * (maxRootDepth + 1); fl.rootSteps > limit {
		t.Errorf("resolved %d values in %d queries over %d values, want at most %d", fl.rootSteps, queries, values, limit)
	}
	t.Logf("%d values resolved in %d queries (%d SSA values)", fl.rootSteps, queries, values)
	found := false
	for _, e := range fl.Escapes {
		found = found || e.Kind == EscapeParam
	}
	if !found {
		t.Errorf("the frame value stored through the rotated pointers is not an escape into the parameter's memory: %+v", fl.Escapes)
	}
}
