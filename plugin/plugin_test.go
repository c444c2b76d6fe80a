package plugin_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/plugin"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("fa")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatalf("no settings: %v", err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode = %q", p.GetLoadMode())
	}
	got, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	want := analyzers.All()
	if len(got) != len(want) {
		t.Fatalf("%d analyzers, want %d", len(got), len(want))
	}
	core := got[0]
	if core.Name != analyzers.Core.Name || core == analyzers.Core {
		t.Errorf("first analyzer %s is not a copy of the core", core.Name)
	}
	var codes []string
	for i, a := range got[1:] {
		if a.Name != want[i+1].Name || a == want[i+1] {
			t.Errorf("analyzer %d = %s, want a copy of %s", i+1, a.Name, want[i+1].Name)
		}
		if !slices.Contains(a.Requires, core) || slices.Contains(a.Requires, analyzers.Core) {
			t.Errorf("%s does not require the plugin's own core", a.Name)
		}
		if _, ok := diagnostics.Lookup(a.Name); !ok {
			t.Errorf("analyzer %q is not a catalogue code", a.Name)
		}
		codes = append(codes, a.Name)
	}
	t.Logf("codes: %s", strings.Join(codes, " "))
}

// TestInstances builds the analyzers of two plugins with different
// configurations: each core carries its own, as an absolute path, and the
// package-level core is untouched.
func TestInstances(t *testing.T) {
	build := func(config string) *analysis.Analyzer {
		p, err := plugin.New(map[string]any{"config": config})
		if err != nil {
			t.Fatal(err)
		}
		all, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		return all[0]
	}
	a, b := build("a/.fa.toml"), build("/ci/b.toml")
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for core, want := range map[*analysis.Analyzer]string{a: filepath.Join(wd, "a", ".fa.toml"), b: "/ci/b.toml", analyzers.Core: ""} {
		if got := core.Flags.Lookup("config").Value.String(); got != want {
			t.Errorf("config flag = %q, want %q", got, want)
		}
	}
}

func TestSettings(t *testing.T) {
	p, err := plugin.New(map[string]any{"config": "ci/.fa.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.(*plugin.Plugin).Settings().Config; got != "ci/.fa.toml" {
		t.Errorf("config = %q", got)
	}
	if _, err := plugin.New(map[string]any{"confg": "x"}); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("unknown key: err = %v, want an unknown field error", err)
	}
	if _, err := plugin.New(map[string]any{"config": 3}); err == nil {
		t.Error("a number for config was accepted")
	}
}

// TestMessagesWithoutCode runs the FA601 analyzer the plugin hands to
// golangci-lint on a fixture module: its messages do not repeat the code
// golangci-lint prints beside them.
func TestMessagesWithoutCode(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "testdata", "src", "plugin")
	var fa601 *analysis.Analyzer
	for _, a := range analyzers.All() {
		if a.Name == "FA601" {
			fa601 = plugin.WithoutCodePrefix(a)
		}
	}
	if fa601 == nil {
		t.Fatal("no FA601 analyzer")
	}
	analysistest.Run(t, dir, fa601, "./...")
}
