// Package analyzers lists the fa checks as plain *analysis.Analyzer values,
// one per diagnostic code, so that fa, go vet -vettool, multichecker,
// golangci-lint module plugins and Bazel nogo can all run them.
//
// Every analyzer's Name is its code (FA601), its diagnostics' Category is
// the code and each message starts with "FA601: ".
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/barriermismatch"
	"github.com/framealloc/fa/analyzers/blockinginframe"
	"github.com/framealloc/fa/analyzers/budgeterrorignored"
	"github.com/framealloc/fa/analyzers/budgetnotconfigured"
	"github.com/framealloc/fa/analyzers/closurecapture"
	"github.com/framealloc/fa/analyzers/crossgoroutineframe"
	"github.com/framealloc/fa/analyzers/crossmoduleallocation"
	"github.com/framealloc/fa/analyzers/deferredoverflowrisk"
	"github.com/framealloc/fa/analyzers/discardstoredbeyondframe"
	"github.com/framealloc/fa/analyzers/frameallocinasync"
	"github.com/framealloc/fa/analyzers/frameescape"
	"github.com/framealloc/fa/analyzers/framesyncrace"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/tags"
	"github.com/framealloc/fa/analyzers/loopallocation"
	"github.com/framealloc/fa/analyzers/missingframeboundary"
	"github.com/framealloc/fa/analyzers/retentionpolicymismatch"
	"github.com/framealloc/fa/analyzers/sharedlocal"
	"github.com/framealloc/fa/analyzers/tagmismatch"
	"github.com/framealloc/fa/analyzers/unboundedallocation"
	"github.com/framealloc/fa/analyzers/unknowntag"
	"github.com/framealloc/fa/analyzers/useafterendframe"
)

// All returns the shared core (first; it reports invalid suppression
// comments as FA001) and every check, in code order.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		Core,
		crossgoroutineframe.Analyzer,      // FA201
		barriermismatch.Analyzer,          // FA202
		budgetnotconfigured.Analyzer,      // FA203
		deferredoverflowrisk.Analyzer,     // FA204
		framesyncrace.Analyzer,            // FA205
		sharedlocal.Analyzer,              // FA206
		unboundedallocation.Analyzer,      // FA301
		budgeterrorignored.Analyzer,       // FA302
		frameescape.Analyzer,              // FA601
		loopallocation.Analyzer,           // FA602
		missingframeboundary.Analyzer,     // FA603
		retentionpolicymismatch.Analyzer,  // FA604
		discardstoredbeyondframe.Analyzer, // FA605
		useafterendframe.Analyzer,         // FA606
		frameallocinasync.Analyzer,        // FA701
		blockinginframe.Analyzer,          // FA702
		closurecapture.Analyzer,           // FA703
		tagmismatch.Analyzer,              // FA801
		unknowntag.Analyzer,               // FA802
		crossmoduleallocation.Analyzer,    // FA803
	}
}

// Core is the shared frame-flow analyzer every check requires. Its flag
// "config" names the .fa.toml file; when empty the file is found from each
// package's directory upward. It reports malformed //fa: suppression
// comments as FA001.
var Core = framecore.Analyzer

// Tags is the tag-resolution pass the architecture checks (FA801-FA803)
// share; it has no diagnostics of its own. fa init runs it to propose a
// configuration and reads its result with ModuleTags.
var Tags = tags.Analyzer

// ModuleTags returns, from a result of Tags for one package, the import
// path .fa.toml matches for it (an external test package counts as its
// package), the constant module tags of its outermost WithTag calls, and
// those of them whose closures allocate; each list in order of first
// appearance.
func ModuleTags(result any) (pkgPath string, used, allocating []string) {
	r, ok := result.(*tags.Result)
	if !ok || r == nil {
		return "", nil, nil
	}
	used, allocating = r.ModuleTags()
	return r.Path, used, allocating
}
