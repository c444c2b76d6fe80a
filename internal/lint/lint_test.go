package lint

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
)

func parse(t *testing.T, dir, body string) *config.Config {
	t.Helper()
	cfg, err := config.Parse(filepath.Join(dir, config.FileName), []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestGrade pins the policy: which diagnostics are reported and with which
// severity, for every key of the configuration and every setting, and
// how they combine (a --deny beats a configured allow, an --allow beats a
// --deny, FA001 escapes category and --only selections).
func TestGrade(t *testing.T) {
	dir := t.TempDir()
	cfg := parse(t, dir, `[global]
min_severity = "warning"
exclude = ["gen/**"]
[lints.FA601]
level = "deny"
[lints.FA602]
level = "allow"
[lints.FA603]
level = "hint"
[lints.FA203]
level = "warn"
`)
	file := filepath.Join(dir, "game", "a.go")
	tests := []struct {
		name     string
		settings Settings
		code     string
		file     string
		sev      diagnostics.Severity
		keep     bool
	}{
		{"deny level", Settings{}, "FA601", file, diagnostics.SeverityError, true},
		{"allow level", Settings{}, "FA602", file, 0, false},
		{"hint level below min_severity", Settings{}, "FA603", file, 0, false},
		{"warn level lifts a hint", Settings{}, "FA203", file, diagnostics.SeverityWarning, true},
		{"default severity", Settings{}, "FA606", file, diagnostics.SeverityError, true},
		{"default hint below min_severity", Settings{}, "FA301", file, 0, false},
		{"config exclude", Settings{}, "FA606", filepath.Join(dir, "gen", "x", "b.go"), 0, false},
		{"min-severity overrides the config", Settings{MinSeverity: "hint"}, "FA603", file, diagnostics.SeverityHint, true},
		{"min-severity error", Settings{MinSeverity: "error"}, "FA203", file, 0, false},
		{"--deny beats a configured allow", Settings{Deny: []string{"FA602"}}, "FA602", file, diagnostics.SeverityError, true},
		{"--deny by name", Settings{Deny: []string{"retention-policy-mismatch"}}, "FA604", file, diagnostics.SeverityError, true},
		{"--allow beats --deny", Settings{Deny: []string{"FA606"}, Allow: []string{"FA606"}}, "FA606", file, 0, false},
		{"--skip", Settings{Skip: []string{"FA601"}}, "FA601", file, 0, false},
		{"--only other", Settings{Only: []string{"FA606"}}, "FA601", file, 0, false},
		{"--only this", Settings{Only: []string{"FA601"}}, "FA601", file, diagnostics.SeverityError, true},
		{"--only keeps FA001", Settings{Only: []string{"FA601"}}, "FA001", file, diagnostics.SeverityWarning, true},
		{"--skip FA001", Settings{Skip: []string{"FA001"}}, "FA001", file, 0, false},
		{"category other", Settings{Categories: []diagnostics.Category{diagnostics.CategoryThreading}}, "FA601", file, 0, false},
		{"category this", Settings{Categories: []diagnostics.Category{diagnostics.CategoryLifetime}}, "FA606", file, diagnostics.SeverityError, true},
		{"category keeps FA001", Settings{Categories: []diagnostics.Category{diagnostics.CategoryThreading}}, "FA001", file, diagnostics.SeverityWarning, true},
		{"category and --only intersect", Settings{Categories: []diagnostics.Category{diagnostics.CategoryThreading}, Only: []string{"FA606"}}, "FA606", file, 0, false},
		{"--exclude relative to its root", Settings{Exclude: []string{"game/**"}, ExcludeRoot: dir}, "FA606", file, 0, false},
		{"--exclude elsewhere", Settings{Exclude: []string{"other/**"}, ExcludeRoot: dir}, "FA606", file, diagnostics.SeverityError, true},
		{"--exclude base name", Settings{Exclude: []string{"a.go"}, ExcludeRoot: dir}, "FA606", file, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(cfg, tt.settings)
			if err != nil {
				t.Fatal(err)
			}
			sev, keep := p.Grade(tt.code, tt.file)
			if keep != tt.keep || keep && sev != tt.sev {
				t.Errorf("Grade(%s) = %v, %v; want %v, %v", tt.code, sev, keep, tt.sev, tt.keep)
			}
			if p.Enabled(tt.code) != (p.Level(tt.code) != config.LevelAllow) {
				t.Errorf("Enabled(%s) disagrees with Level", tt.code)
			}
		})
	}
}

func TestNilConfigIsDefault(t *testing.T) {
	p, err := New(nil, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range append(diagnostics.All(), diagnostics.Extensions()...) {
		if sev, ok := p.Grade(in.Code, "/x/y.go"); !ok || sev != in.Severity {
			t.Errorf("%s: %v %v, want reported at its default %v", in.Code, sev, ok, in.Severity)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, tt := range []struct {
		s    Settings
		want string
	}{
		{Settings{Deny: []string{"FA999"}}, `deny: unknown code "FA999"`},
		{Settings{Only: []string{"FA601,nope"}}, `only: unknown code "nope"`},
		{Settings{MinSeverity: "fatal"}, `min-severity: unknown severity "fatal"`},
		{Settings{Categories: []diagnostics.Category{"graphics"}}, `categories: unknown category "graphics"`},
		{Settings{Exclude: []string{"/abs/**"}}, `exclude "/abs/**"`},
	} {
		if _, err := New(nil, tt.s); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want one containing %q", tt.s, err, tt.want)
		}
	}
}

// TestFlags round-trips settings through the analyzer flags and the go vet
// command line.
func TestFlags(t *testing.T) {
	s := Settings{
		Config:      "/repo/.fa.toml",
		Categories:  []diagnostics.Category{diagnostics.CategoryLifetime, diagnostics.CategoryAsync},
		Only:        []string{"frame-escape", "fa606"},
		Skip:        []string{"FA001"},
		Allow:       []string{"FA602"},
		Deny:        []string{"FA601"},
		MinSeverity: "warn",
		Exclude:     []string{"gen/**", "*_gen.go"},
		ExcludeRoot: "/repo",
	}
	var fs flag.FlagSet
	DefineFlags(&fs)
	for name, v := range s.FlagValues() {
		if err := fs.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	got, err := FromFlags(&fs)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(want.Only, []string{"FA601", "FA606"}) || want.MinSeverity != "warning" {
		t.Errorf("normalized: %+v", want)
	}
	if gs, ws := strings.Join(got.VetArgs("framecore"), " "), strings.Join(want.VetArgs("framecore"), " "); gs != ws {
		t.Errorf("round trip:\n got %s\nwant %s", gs, ws)
	}
	args := want.VetArgs("framecore")
	if args[0] != "-framecore.config=/repo/.fa.toml" || !slices.Contains(args, "-framecore.only=FA601,FA606") || len(args) != 9 {
		t.Errorf("vet args %q", args)
	}
	if empty := (Settings{}).VetArgs("framecore"); len(empty) != 0 {
		t.Errorf("zero settings give vet args %q", empty)
	}
	var none flag.FlagSet
	if s, err := FromFlags(&none); err != nil || len(s.VetArgs("x")) != 0 {
		t.Errorf("no flags: %+v, %v", s, err)
	}
}

// TestResolver checks the lookup of each directory's configuration, and
// that an explicit configuration replaces it.
func TestResolver(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "sub")
	deep := filepath.Join(sub, "deep")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".fa.toml"), []byte("[lints.FA601]\nlevel = \"allow\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, ".fa.toml"), []byte("[lints.FA601]\nlevel = \"hint\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := NewResolver(Settings{})
	for dir, want := range map[string]string{root: "allow", sub: "hint", deep: "hint"} {
		p, err := r.Policy(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(p.Level("FA601")); got != want {
			t.Errorf("%s: level %q, want %q", dir, got, want)
		}
	}
	a, _ := r.Policy(sub)
	b, _ := r.Policy(deep)
	if a != b {
		t.Error("two directories under one .fa.toml got two policies")
	}
	pinned := NewResolver(Settings{Config: filepath.Join(root, ".fa.toml")})
	if p, err := pinned.Policy(deep); err != nil || p.Level("FA601") != config.LevelAllow {
		t.Errorf("explicit config: %v", err)
	}
	if err := os.WriteFile(filepath.Join(deep, ".fa.toml"), []byte("[lints.FA601]\nlevel = \"loud\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(Settings{}, deep); err == nil || !strings.Contains(err.Error(), "lints.FA601.level") {
		t.Errorf("bad configuration: %v", err)
	}
}

func TestFindConfig(t *testing.T) {
	dir := t.TempDir()
	if p, err := FindConfig("", dir); err != nil || p != "" {
		t.Errorf("no configuration: %q, %v", p, err)
	}
	if _, err := FindConfig(filepath.Join(dir, "missing.toml"), dir); err == nil {
		t.Error("a missing --config is accepted")
	}
	if err := os.WriteFile(filepath.Join(dir, ".fa.toml"), []byte("[global]\nmin_severity = \"fatal\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := FindConfig("", filepath.Join(dir)); err == nil || !strings.Contains(err.Error(), ".fa.toml:2") {
		t.Errorf("bad configuration: %v", err)
	}
}

func TestFailRule(t *testing.T) {
	ds := []diagnostics.Diagnostic{
		{Code: "FA301", Severity: diagnostics.SeverityHint},
		{Code: "FA601", Severity: diagnostics.SeverityWarning},
		{Code: "FA606", Severity: diagnostics.SeverityError},
		{Code: "FA602", Severity: diagnostics.SeverityWarning},
	}
	for _, tt := range []struct {
		rule    FailRule
		n, fail int
	}{
		{FailRule{}, 4, 1},
		{FailRule{DenyWarnings: true}, 4, 3},
		{FailRule{FailFast: true}, 3, 1},
		{FailRule{DenyWarnings: true, FailFast: true}, 2, 1},
	} {
		got, fail := tt.rule.Judge(ds)
		if len(got) != tt.n || fail != tt.fail {
			t.Errorf("%+v: %d reported, %d failing; want %d, %d", tt.rule, len(got), fail, tt.n, tt.fail)
		}
	}
	if e, w, h := Count(ds); e != 1 || w != 2 || h != 1 {
		t.Errorf("Count = %d %d %d", e, w, h)
	}
}
