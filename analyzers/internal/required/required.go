// Package required finds the result of an analyzer's prerequisite by the
// result's type, not by the prerequisite's *analysis.Analyzer pointer.
//
// A driver may run a copy of the fa analyzer graph (analyzers.New clones
// every analyzer so that two runs in one process cannot share flags), and
// a lookup keyed by a package-level analyzer variable would miss the copy.
// The type of a result names what it is: *framecore.Result, *tags.Result.
package required

import (
	"fmt"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Result returns the result of the one analyzer in pass.Analyzer.Requires
// whose ResultType is T. It panics when there is no such requirement or
// more than one: that is a mistake in the analyzer's declaration, which
// check.New turns into an error naming the check.
func Result[T any](pass *analysis.Pass) T {
	want := reflect.TypeFor[T]()
	var (
		out   T
		found int
	)
	for _, req := range pass.Analyzer.Requires {
		if req.ResultType != want {
			continue
		}
		found++
		if r, ok := pass.ResultOf[req].(T); ok {
			out = r
		}
	}
	if found != 1 {
		panic(fmt.Sprintf("analyzer %s requires %d analyzers with result type %v, want exactly 1", pass.Analyzer.Name, found, want))
	}
	return out
}
