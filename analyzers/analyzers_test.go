package analyzers_test

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
)

// TestRegistry requires the analyzers to be exactly the catalogue: the
// core first, then one check per catalogue code in code order, each
// documented by its catalogue entry.
func TestRegistry(t *testing.T) {
	all := analyzers.All()
	if all[0] != analyzers.Core {
		t.Fatalf("first analyzer is %s, want the core", all[0].Name)
	}
	var names []string
	for _, a := range all[1:] {
		names = append(names, a.Name)
		e, ok := diagnostics.Explain(a.Name)
		if !ok {
			t.Errorf("analyzer %s has no catalogue entry", a.Name)
			continue
		}
		if e.Help == "" || e.What == "" || e.Why == "" || e.Wrong == "" || e.Right == "" {
			t.Errorf("%s: catalogue entry without help, what, why or examples", a.Name)
		}
		if a.URL != diagnostics.DocURL(a.Name) {
			t.Errorf("%s: URL %q, want %q", a.Name, a.URL, diagnostics.DocURL(a.Name))
		}
		if a.Doc != e.AnalyzerDoc() {
			t.Errorf("%s: Doc is not its catalogue entry's:\n%s", a.Name, a.Doc)
		}
		if !slices.Contains(a.Requires, analyzers.Core) {
			t.Errorf("%s does not require the core", a.Name)
		}
	}
	var codes []string
	for _, in := range diagnostics.All() {
		codes = append(codes, in.Code)
	}
	if !slices.Equal(names, codes) {
		t.Errorf("analyzers %v\nwant the catalogue's codes %v", names, codes)
	}
}

// TestNew checks that New copies the whole graph: same analyzers in the
// same order, each copy requiring copies, the copies' core flags holding
// the options, and nothing shared with All or with another New.
func TestNew(t *testing.T) {
	orig := analyzers.All()
	a := analyzers.New(analyzers.Options{Config: "/a/.fa.toml", Deny: []string{"frame-escape"}})
	b := analyzers.New(analyzers.Options{Config: "/b/.fa.toml"})
	if len(a) != len(orig) || len(b) != len(orig) {
		t.Fatalf("New returned %d and %d analyzers, want %d", len(a), len(b), len(orig))
	}
	inGraph := func(graph []*analysis.Analyzer) map[*analysis.Analyzer]bool {
		seen := map[*analysis.Analyzer]bool{}
		var visit func(*analysis.Analyzer)
		visit = func(x *analysis.Analyzer) {
			if !seen[x] {
				seen[x] = true
				for _, r := range x.Requires {
					visit(r)
				}
			}
		}
		for _, x := range graph {
			visit(x)
		}
		return seen
	}
	ga, gb, go_ := inGraph(a), inGraph(b), inGraph(orig)
	for x := range ga {
		if gb[x] || go_[x] {
			t.Errorf("%s is shared between graphs", x.Name)
		}
	}
	for i := range orig {
		if a[i].Name != orig[i].Name || a[i].Doc != orig[i].Doc || a[i].ResultType != orig[i].ResultType {
			t.Errorf("copy %d is %s, want a copy of %s", i, a[i].Name, orig[i].Name)
		}
	}
	flagOf := func(x *analysis.Analyzer, name string) string { return x.Flags.Lookup(name).Value.String() }
	for x, want := range map[*analysis.Analyzer][2]string{
		a[0]: {"/a/.fa.toml", "FA601"}, b[0]: {"/b/.fa.toml", ""}, analyzers.Core: {"", ""},
	} {
		if got := [2]string{flagOf(x, "config"), flagOf(x, "deny")}; got != want {
			t.Errorf("core flags config, deny = %q, want %q", got, want)
		}
	}
	// Checks that need the core find its copy, not the package-level core.
	for _, x := range a[1:] {
		if !slices.Contains(x.Requires, a[0]) {
			t.Errorf("copy of %s does not require the copied core", x.Name)
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New accepted an unknown code")
		}
	}()
	analyzers.New(analyzers.Options{Deny: []string{"FA999"}})
}
