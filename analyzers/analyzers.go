// Package analyzers lists the fa checks as plain *analysis.Analyzer values,
// one per diagnostic code, so that fa, go vet -vettool, multichecker,
// golangci-lint module plugins and Bazel nogo can all run them.
//
// Every analyzer's Name is its code (FA601), its diagnostics' Category is
// the code and each message starts with "FA601: ".
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// All returns every check, in code order. The shared core (Core) is a
// requirement of each and need not be listed.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		// one line per implemented code, in code order
	}
}

// Core is the shared frame-flow analyzer every check requires. Its flag
// "config" names the .fa.toml file; when empty the file is found from each
// package's directory upward. It reports malformed //fa: suppression
// comments as FA001.
var Core = framecore.Analyzer
