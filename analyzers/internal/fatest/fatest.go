// Package fatest runs an fa analyzer on a fixture module under the
// repository's testdata/src directory with analysistest.
//
// Each fixture is a module of its own (testdata/src/NAME/go.mod) that
// requires github.com/framealloc/fa/allocator with a replace directive
// pointing at the repository's allocator module, so fixtures are
// type-checked against the real allocator package, never against a copy of
// its API. The fixtures are not in the repository's go.work; analysistest
// loads a module fixture with GOWORK=off.
package fatest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Dir returns the absolute directory of fixture module name. The fixture
// modules are not in the repository's go.work, so Dir sets GOWORK=off for
// the rest of the test: go/packages and the go command then load the
// fixture as the module it is.
func Dir(t testing.TB, name string) string {
	t.Helper()
	t.Setenv("GOWORK", "off")
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("fatest: cannot locate the repository")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "src", name)
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("fatest: fixture module %s: %v", name, err)
	}
	return dir
}

// Run applies a to every package of fixture module name and checks the
// // want comments.
func Run(t *testing.T, a *analysis.Analyzer, name string) []*analysistest.Result {
	t.Helper()
	return analysistest.Run(t, Dir(t, name), a, "./...")
}

// RunWithSuggestedFixes is Run, also checking the suggested fixes against
// the .golden files next to the sources.
func RunWithSuggestedFixes(t *testing.T, a *analysis.Analyzer, name string) []*analysistest.Result {
	t.Helper()
	return analysistest.RunWithSuggestedFixes(t, Dir(t, name), a, "./...")
}
