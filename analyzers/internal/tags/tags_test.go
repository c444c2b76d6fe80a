package tags_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/analyzers/crossmoduleallocation"
	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/tags"
	"github.com/framealloc/fa/analyzers/tagmismatch"
	"github.com/framealloc/fa/analyzers/unknowntag"
	"github.com/framealloc/fa/internal/config"
)

// analyze loads every package of a fixture module (tests included) and
// runs the analyzers on them.
func analyze(t *testing.T, fixture string, analyzers ...*analysis.Analyzer) *checker.Graph {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: fatest.Dir(t, fixture), Tests: true}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%s: %d packages do not load", fixture, n)
	}
	g, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil && !strings.Contains(err.Error(), "configuration") {
		t.Fatal(err)
	}
	return g
}

// finding is one diagnostic, by file base name and line.
type finding struct {
	File string
	Line int
	Code string
	Msg  string
}

func (f finding) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg) }

func findings(g *checker.Graph) []finding {
	var out []finding
	for act := range g.All() {
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			out = append(out, finding{filepath.Base(p.Filename), p.Line, d.Category, d.Message})
		}
	}
	slices.SortFunc(out, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(out)
}

var wantConfig = regexp.MustCompile(`(?m)^// want config: (.*)$`)

// TestConfigErrors runs the architecture checks on packages whose own
// .fa.toml is broken: the analysis fails with the configuration error,
// naming the file, the line and the key, and nothing is reported.
func TestConfigErrors(t *testing.T) {
	g := analyze(t, "fa8config", tagmismatch.Analyzer, unknowntag.Analyzer, crossmoduleallocation.Analyzer)
	checked := 0
	for act := range g.All() {
		if act.Analyzer != framecore.Analyzer || !strings.HasPrefix(act.Package.PkgPath, "example.com/") || strings.HasSuffix(act.Package.PkgPath, ".test") {
			continue
		}
		dir := filepath.Dir(act.Package.GoFiles[0])
		src, err := os.ReadFile(act.Package.GoFiles[0])
		if err != nil {
			t.Fatal(err)
		}
		m := wantConfig.FindSubmatch(src)
		if m == nil {
			t.Errorf("%s: no // want config: line", act.Package.PkgPath)
			continue
		}
		checked++
		want := "loading configuration: " + filepath.Join(dir, string(m[1]))
		if act.Err == nil {
			t.Errorf("%s: no error, want %q", act.Package.PkgPath, want)
		} else if act.Err.Error() != want {
			t.Errorf("%s:\n got %s\nwant %s", act.Package.PkgPath, act.Err, want)
		}
	}
	if checked < 10 {
		t.Errorf("checked %d broken configurations, want 10", checked)
	}
	if f := findings(g); len(f) > 0 {
		t.Errorf("diagnostics despite broken configurations: %v", f)
	}
}

// TestConfigFromPackageDirectory checks that each package is analysed
// with the .fa.toml found from its own directory upward: the fixture
// root's, or a nearer one in a subdirectory.
func TestConfigFromPackageDirectory(t *testing.T) {
	root := fatest.Dir(t, "fa801")
	g := analyze(t, "fa801", framecore.Analyzer)
	seen := 0
	for act := range g.All() {
		if act.Analyzer != framecore.Analyzer || !strings.HasPrefix(act.Package.PkgPath, "example.com/fa801") || strings.HasSuffix(act.Package.PkgPath, ".test") {
			continue
		}
		res := act.Result.(*framecore.Result)
		want := filepath.Join(root, config.FileName)
		if act.Package.PkgPath == "example.com/fa801/physics/nomap" {
			want = filepath.Join(root, "physics", "nomap", config.FileName)
		}
		if res.Config.Path != want {
			t.Errorf("%s: configuration %q, want %q", act.Package.ID, res.Config.Path, want)
		}
		seen++
	}
	if seen < 7 {
		t.Errorf("saw %d fixture packages, want at least 7", seen)
	}
}

// TestConfigFlag checks that the core's config setting (fa --config, or
// -framecore.config given to go vet), carried by a copy of the analyzer
// graph, replaces the lookup from the package directory, and leaves the
// package-level analyzers alone.
func TestConfigFlag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.toml")
	cfg := "[tags.modules]\n\"example.com/fa801/unmapped\" = \"physics\"\n"
	if err := os.WriteFile(path, []byte(cfg), 0o666); err != nil {
		t.Fatal(err)
	}
	var fa801 *analysis.Analyzer
	for _, a := range analyzers.New(analyzers.Options{Config: path}) {
		if a.Name == "FA801" {
			fa801 = a
		}
	}
	var got []string
	for _, f := range findings(analyze(t, "fa801", fa801)) {
		got = append(got, f.String())
	}
	want := []string{
		`unmapped.go:8: FA801: package example.com/fa801/unmapped allocates under tag "collision", but .fa.toml maps it to tag "physics" (other.toml:2)`,
		`unmapped.go:9: FA801: package example.com/fa801/unmapped allocates under tag "Physics", but .fa.toml maps it to tag "physics" (other.toml:2)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("with -config %s:\n got %q\nwant %q", path, got, want)
	}
	if v := framecore.Analyzer.Flags.Lookup(framecore.ConfigFlag).Value.String(); v != "" {
		t.Errorf("the package-level core's config flag is %q, want it untouched", v)
	}
}

// TestNeverBoth runs FA801 and FA803 together on both fixtures: no WithTag
// call gets both codes, and each fixture's near miss for the one code is
// the other code's finding.
func TestNeverBoth(t *testing.T) {
	want := map[string][]string{
		"fa801": {"physics.go FA803 rendering"},
		"fa803": {"game.go FA801 hud"},
	}
	for _, fixture := range []string{"fa801", "fa803"} {
		byLine := map[string][]string{}
		var other []string
		for _, f := range findings(analyze(t, fixture, tagmismatch.Analyzer, crossmoduleallocation.Analyzer)) {
			key := fmt.Sprintf("%s:%d", f.File, f.Line)
			byLine[key] = append(byLine[key], f.Code)
			if f.Code != "FA"+fixture[2:] {
				tag := regexp.MustCompile(`under tag "([^"]*)"`).FindStringSubmatch(f.Msg)[1]
				other = append(other, fmt.Sprintf("%s %s %s", f.File, f.Code, tag))
			}
		}
		for key, codes := range byLine {
			if len(codes) > 1 {
				t.Errorf("%s: %s has %v", fixture, key, codes)
			}
		}
		if !slices.Equal(other, want[fixture]) {
			t.Errorf("%s: other code's findings %q, want %q", fixture, other, want[fixture])
		}
	}
}

// TestNesting checks the tag paths the resolver computes.
func TestNesting(t *testing.T) {
	g := analyze(t, "fa801", tags.Analyzer)
	paths := map[string]bool{}
	for act := range g.All() {
		if act.Analyzer != tags.Analyzer || act.Package.PkgPath != "example.com/fa801/physics" || strings.Contains(act.Package.ID, ".test") {
			continue
		}
		res := act.Result.(*tags.Result)
		for _, u := range res.Uses {
			mod, _ := u.ModuleTag()
			paths[fmt.Sprintf("%s %s module=%q allocates=%v", u.Fn.Name(), u.Path(), mod, u.Allocates)] = true
		}
	}
	for _, want := range []string{
		`nestedOuter collision module="collision" allocates=true`,
		`nestedOuter$1 collision/physics module="" allocates=true`,
		`narrow physics/narrowphase module="" allocates=true`,
		`integrate physics/integrate module="" allocates=true`,
		`Broad broadphase module="broadphase" allocates=true`,
		`nonConstant$3 ?/collision module="" allocates=true`,
		`nonConstant ? module="" allocates=true`,
		`noAllocation collision module="collision" allocates=false`,
		`namedClosure solver module="solver" allocates=true`,
		`namedClosure solver module="solver" allocates=false`,
		`pathFirstSegment collision/narrow module="collision" allocates=true`,
		// Through func values and interfaces.
		`Stage physics module="physics" allocates=true`,
		`Callbacks$1 physics/solver module="" allocates=true`,
		`Callbacks$2 physics/solver module="" allocates=true`,
		`Callbacks$3 physics/solver module="" allocates=true`,
		`Callbacks$4 physics/solver module="" allocates=true`,
		`Callbacks$5 physics/joints module="" allocates=true`,
		`Callbacks$6 physics/contacts module="" allocates=true`,
		`integrateLater physics/integrate module="" allocates=true`,
		`Step physics/solver module="" allocates=true`,
		`Step physics/joints module="" allocates=true`,
		`Step cloth module="cloth" allocates=true`,
		`Spawned$1$1 async module="async" allocates=true`,
		`Hooks$1 physics/hooked module="" allocates=true`,
		`Hooks$2 hit module="hit" allocates=true`,
		`Wrap wrapped module="wrapped" allocates=true`,
		`WrapNothing wrapped module="wrapped" allocates=false`,
		// EnterTag regions.
		`enterExit collision module="collision" allocates=true`,
		`field collision module="collision" allocates=true`,
		`handlePath collision/narrow module="collision" allocates=true`,
		`helpers solver module="solver" allocates=true`,
		`enter collision module="collision" allocates=true`,
		`nestedRegions collision/physics module="" allocates=true`,
		`ownTagRegions physics/physics/physics/solver module="" allocates=true`,
		`afterExit collision module="collision" allocates=false`,
		`quiet collision module="collision" allocates=false`,
		`nestedInRegion physics module="physics" allocates=true`,
		`nestedInRegion physics/solver module="" allocates=true`,
		`nestedInRegion physics/collision module="" allocates=true`,
		`narrowRegion physics/narrowphase module="" allocates=true`,
		`regionInWithTag$1 physics/collision module="" allocates=true`,
		`Regions$1 physics/solver module="" allocates=true`,
		`NotConstant ? module="" allocates=true`,
		`NotConstant ?/? module="" allocates=true`,
	} {
		if !paths[want] {
			t.Errorf("no WithTag call %s; have:\n%s", want, strings.Join(slices.Sorted(func(yield func(string) bool) {
				for p := range paths {
					if !yield(p) {
						return
					}
				}
			}), "\n"))
		}
	}
}

func TestPlace(t *testing.T) {
	cfg, err := config.Parse(".fa.toml", []byte(`
[tags.modules]
"example.com/game/physics/..." = "physics"
"example.com/game/render" = "rendering"
"example.com/game/..." = "game"
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ pkg, tag, code string }{
		{"example.com/game/physics", "physics", ""},
		{"example.com/game/physics/broad", "physics", ""},
		{"example.com/game/physics", "collision", "FA801"},
		{"example.com/game/physics", "Physics", "FA801"}, // case-sensitive
		{"example.com/game/physics", "rendering", "FA803"},
		{"example.com/game/physics", "game", "FA803"}, // owned by the less specific pattern
		{"example.com/game/render/gl", "game", ""},    // render (exact) does not match render/gl
		{"example.com/game/render", "physics", "FA803"},
		{"example.com/tools", "physics", "FA803"},
		{"example.com/tools", "tools", ""},
		{"example.com/tools", "Physics", ""},
	} {
		if got := tags.Place(cfg, c.pkg, c.tag).Code(); got != c.code {
			t.Errorf("Place(%s, %q).Code() = %q, want %q", c.pkg, c.tag, got, c.code)
		}
	}
	if got := tags.Place(config.Default(), "example.com/x", "physics").Code(); got != "" {
		t.Errorf("without [tags.modules]: %q, want nothing", got)
	}
}

func TestUnknownAndSuggest(t *testing.T) {
	cfg, err := config.Parse(".fa.toml", []byte("[tags]\nknown = [\"physics\", \"audio\", \"ai\", \"ui/hud\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string]bool{
		"physics": false, "physics/broad": false, "ui/hud": false,
		"ui": true, "ui/menu": true, "Physics": true, "physcs": true,
	} {
		if got := tags.Unknown(cfg, tag); got != want {
			t.Errorf("Unknown(%q) = %v, want %v", tag, got, want)
		}
	}
	if tags.Unknown(config.Default(), "anything") {
		t.Error("Unknown without [tags].known reported a tag")
	}
	for tag, want := range map[string]string{
		"physcs": "physics", "Physics": "physics", "AUDIO": "audio", "audoi": "audio",
		"ia":      "", // "ai" is two edits away, but so is half the tag
		"network": "", "x": "",
	} {
		if got := tags.Suggest(cfg.Tags.Known, tag); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", tag, got, want)
		}
	}
}
