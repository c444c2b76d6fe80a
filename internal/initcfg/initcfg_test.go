package initcfg

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/internal/config"
)

var update = flag.Bool("update", false, "rewrite testdata/initcfg.golden")

// fixture returns the directory of the testdata/src/initcfg module. The
// fixture is a module of its own inside the repository but outside its
// go.work, so the go command must not use the workspace there (GOWORK=off
// for the rest of the test).
func fixture(t *testing.T) string {
	t.Setenv("GOWORK", "off")
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "src", "initcfg")
}

// TestGenerate scans the fixture module and compares the configuration
// with testdata/initcfg.golden: constant tags in known (the segments of
// nested paths too), a mapping proposed (commented) for the packages that
// allocate under one module tag, with physics/... folding physics and
// physics/broad, music mapped to its outer tag "music" (not to "voices",
// nested in it through a callback), net to "network" (its EnterTag
// regions: "sockets" nested in "network"), and none for the package that
// allocates under two tags or for tags whose closures allocate nothing.
func TestGenerate(t *testing.T) {
	out, err := Generate(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "initcfg.golden")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("Generate output differs from %s (go test -update to rewrite):\n%s", golden, out)
	}
	cfg, err := config.Parse(".fa.toml", out)
	if err != nil {
		t.Fatalf("the generated configuration does not parse: %v", err)
	}
	if want := []string{"ai", "audio", "broad", "broadphase", "music", "network", "physics", "rendering", "sockets", "ui", "voices"}; !slices.Equal(cfg.Tags.Known, want) {
		t.Errorf("known = %q, want %q", cfg.Tags.Known, want)
	}
	if len(cfg.Tags.Modules) != 0 {
		t.Errorf("[tags.modules] is active: %v; proposals must be commented", cfg.Tags.Modules)
	}
}

// TestProposalIsClean uncomments the proposed mapping, as a user
// confirming it would, and runs the architecture checks on the module
// with that configuration: they report nothing.
func TestProposalIsClean(t *testing.T) {
	dir := fixture(t)
	out, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	confirmed := regexp.MustCompile(`(?m)^# ("[^"]+" = "[^"]+")$`).ReplaceAllString(string(out), "$1")
	cfg, err := config.Parse(".fa.toml", []byte(confirmed))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Tags.Modules) != 4 {
		t.Fatalf("confirmed %d mappings, want 4:\n%s", len(cfg.Tags.Modules), confirmed)
	}
	for _, m := range cfg.Tags.Modules {
		if m.Pattern == "example.com/initcfg/music" && m.Tag != "music" {
			t.Errorf("music is mapped to %q, want its outermost tag \"music\"", m.Tag)
		}
	}
	path := filepath.Join(t.TempDir(), ".fa.toml")
	if err := os.WriteFile(path, []byte(confirmed), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var arch []*analysis.Analyzer
	for _, a := range analyzers.New(analyzers.Options{Config: path}) {
		if strings.HasPrefix(a.Name, "FA80") {
			arch = append(arch, a)
		}
	}
	if len(arch) != 3 {
		t.Fatalf("found %d architecture checks, want 3", len(arch))
	}
	g, err := checker.Analyze(arch, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range g.All() {
		for _, d := range act.Diagnostics {
			t.Errorf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message)
		}
	}
}

// TestRender checks generated files for degenerate scans: every output
// parses and sets nothing but [tags].known.
func TestRender(t *testing.T) {
	for _, s := range []*moduleScan{
		{},
		{Module: "example.com/game", Tags: []string{"physics", "rendering", `we"ird\`}, Packages: map[string][]string{
			"example.com/game/physics":       {"physics"},
			"example.com/game/physics/broad": {"physics"},
			"example.com/game/physicsx":      {"physics"},
			"example.com/game/render":        {"rendering"},
			"example.com/game/render/gl":     {"gl"},
			"example.com/game/mixed":         {"ai", "audio"},
		}},
	} {
		out := render(s)
		cfg, err := config.Parse(".fa.toml", out)
		if err != nil {
			t.Fatalf("generated configuration does not parse: %v\n%s", err, out)
		}
		if len(cfg.Tags.Modules) != 0 || len(cfg.Global.Exclude) != 0 || len(cfg.Lints) != 0 {
			t.Errorf("generated configuration sets more than [tags].known:\n%s", out)
		}
		if !slices.Equal(cfg.Tags.Known, s.Tags) {
			t.Errorf("known = %q, want %q", cfg.Tags.Known, s.Tags)
		}
	}
}

func TestPropose(t *testing.T) {
	entries, mixed := propose(map[string][]string{
		"example.com/game/physics":       {"physics"},
		"example.com/game/physics/broad": {"physics"},
		"example.com/game/physicsx":      {"physics"},
		"example.com/game/render":        {"rendering"},
		"example.com/game/render/gl":     {"gl"},
		"example.com/game/mixed":         {"ai", "audio"},
	})
	want := []mapping{
		{"example.com/game/physics/...", "physics"},
		{"example.com/game/physicsx", "physics"},
		{"example.com/game/render", "rendering"},
		{"example.com/game/render/gl", "gl"},
	}
	if !slices.Equal(entries, want) {
		t.Errorf("entries = %v, want %v", entries, want)
	}
	if !slices.Equal(mixed, []string{"example.com/game/mixed"}) {
		t.Errorf("mixed = %v", mixed)
	}
}

func TestGenerateErrors(t *testing.T) {
	if _, err := Generate(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Generate of a missing directory: no error")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.26.0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n\nvar x int = \"s\"\n"), 0o644)
	if _, err := Generate(dir); err == nil || !strings.Contains(err.Error(), "a.go:3") {
		t.Errorf("Generate of a module that does not type-check: %v, want an error naming a.go:3", err)
	}
}
