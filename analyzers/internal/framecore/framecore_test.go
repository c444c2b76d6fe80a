package framecore_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// TestFacts checks the facts exported for helpers, across packages.
func TestFacts(t *testing.T) {
	results := fatest.Run(t, framecore.Analyzer, "framecore")
	checked := 0
	for _, r := range results {
		res, ok := r.Result.(*framecore.Result)
		if !ok {
			continue
		}
		switch r.Pass.Pkg.Path() {
		case "example.com/framecore/plain":
			checked++
			if res.Reaches || res.SSA != nil || res.Flow() != nil {
				t.Errorf("plain: a package that cannot reach the allocator got SSA or flow (Reaches=%v)", res.Reaches)
			}
		case "example.com/framecore/user", "example.com/framecore/helpers":
			checked++
			if !res.Reaches || res.SSA == nil {
				t.Errorf("%s: reaches the allocator but has no SSA", r.Pass.Pkg.Path())
			}
		}
	}
	if checked != 3 {
		t.Errorf("checked %d fixture packages, want 3", checked)
	}
}
