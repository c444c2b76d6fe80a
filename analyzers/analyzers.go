// Package analyzers lists the fa checks as plain *analysis.Analyzer values,
// one per diagnostic code, so that fa, go vet -vettool, multichecker,
// golangci-lint module plugins and Bazel nogo can all run them.
//
// Every analyzer's Name is its code (FA601), its diagnostics' Category is
// the code and each message starts with "FA601: ".
//
// Adding a check is one entry in All's list: a package whose Analyzer is
// check.New(code, run), documented by the code's entry in the diagnostics
// catalogue (diagnostics/catalogue.go, with its wrong and right examples),
// which gives the analyzer its Doc and URL and fa explain, SARIF and
// docs/diagnostics.md their text. TestRegistry fails until the list and
// the catalogue agree.
//
// All returns the package-level analyzers, configured through their flags
// (go vet -vettool=fa sets them from its command line, one process per
// package). A driver that runs analyses in process calls New instead: it
// returns a copy of the whole analyzer graph carrying its own settings, so
// two runs in one process never share flags.
package analyzers

import (
	"flag"
	"fmt"

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
	"github.com/framealloc/fa/internal/lint"
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
// package's directory upward. Its other flags carry the rest of the lint
// settings (deny, allow, only, skip, min-severity, exclude: see
// Options). It reports malformed //fa: suppression comments as FA001.
var Core = framecore.Analyzer

// Options are the lint settings of one run: the .fa.toml file (empty: found
// from each package's directory upward) and the command-line overrides of
// its levels, minimum severity and excluded files.
type Options = lint.Settings

// New returns a fresh copy of the analyzer graph of All, in the same order,
// whose settings are opts. Every analyzer that has flags, or requires
// (directly or not) one that has, is copied, its Requires pointing at the
// copies; the copies' flags are new flag sets holding opts. Analyzers from
// outside fa (none today) are shared, as they hold no settings.
//
// It panics if opts names an unknown code, category or severity; validate
// them first with Options.Normalize.
func New(opts Options) []*analysis.Analyzer {
	opts, err := opts.Normalize()
	if err != nil {
		panic(fmt.Sprintf("analyzers.New: %v", err))
	}
	c := &cloner{values: opts.FlagValues(), done: map[*analysis.Analyzer]*analysis.Analyzer{}}
	all := All()
	out := make([]*analysis.Analyzer, len(all))
	for i, a := range all {
		out[i] = c.clone(a)
	}
	return out
}

// cloner copies an analyzer graph.
type cloner struct {
	values map[string]string // flag values by flag name
	done   map[*analysis.Analyzer]*analysis.Analyzer
}

// clone returns the copy of a, or a itself when neither it nor anything
// it requires has flags.
func (c *cloner) clone(a *analysis.Analyzer) *analysis.Analyzer {
	if out, ok := c.done[a]; ok {
		return out
	}
	reqs := make([]*analysis.Analyzer, len(a.Requires))
	changed := false
	for i, r := range a.Requires {
		reqs[i] = c.clone(r)
		changed = changed || reqs[i] != r
	}
	hasFlags := false
	a.Flags.VisitAll(func(*flag.Flag) { hasFlags = true })
	if !changed && !hasFlags {
		c.done[a] = a
		return a
	}
	cp := *a
	cp.Requires = reqs
	cp.Flags = flag.FlagSet{}
	// The copy's flags are new string flags at their defaults (never the
	// original's current values, which go vet may have set), then opts.
	a.Flags.VisitAll(func(f *flag.Flag) {
		cp.Flags.String(f.Name, f.DefValue, f.Usage)
		if v, ok := c.values[f.Name]; ok {
			cp.Flags.Set(f.Name, v) // a string flag accepts any value
		}
	})
	c.done[a] = &cp
	return &cp
}

// Tags is the tag-resolution pass the architecture checks (FA801-FA803)
// share; it has no diagnostics of its own. fa init runs it to propose a
// configuration and reads its result with ModuleTags and TagNames.
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

// TagNames returns, from a result of Tags for one package, every segment
// of its constant tag paths, nested tags included, in order of first
// appearance: what [tags].known should list for the package.
func TagNames(result any) []string {
	r, ok := result.(*tags.Result)
	if !ok || r == nil {
		return nil
	}
	return r.TagNames()
}
