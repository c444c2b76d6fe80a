package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
)

const full = `# a complete file
[global]
exclude = ["**/testdata/**", "gen/*.go"]
min_severity = "warning"

[lints.FA602]
level = "allow"

[lints.FA601]
level = "deny"

[tags]
known = ["physics", "rendering"]

[tags.modules]
"example.com/game/physics/..." = "physics"
"example.com/game/render" = "rendering"

[allocator]
packages = ["example.com/fork/allocator"]
`

func TestParseFull(t *testing.T) {
	cfg, err := Parse("dir/.fa.toml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Global.Exclude; !slices.Equal(got, []string{"**/testdata/**", "gen/*.go"}) {
		t.Errorf("Exclude = %q", got)
	}
	if cfg.Global.MinSeverity != diagnostics.SeverityWarning {
		t.Errorf("MinSeverity = %v", cfg.Global.MinSeverity)
	}
	if l, ok := cfg.Level("FA602"); !ok || l != LevelAllow {
		t.Errorf("Level(FA602) = %q, %v", l, ok)
	}
	if l, ok := cfg.Level("fa601"); !ok || l != LevelDeny {
		t.Errorf("Level(fa601) = %q, %v", l, ok)
	}
	if _, ok := cfg.Level("FA603"); ok {
		t.Errorf("Level(FA603) is set")
	}
	want := []ModuleTag{
		{"example.com/game/physics/...", "physics", 16},
		{"example.com/game/render", "rendering", 17},
	}
	if !slices.Equal(cfg.Tags.Modules, want) {
		t.Errorf("Modules = %+v, want %+v", cfg.Tags.Modules, want)
	}
	if !cfg.KnownTag("physics") || cfg.KnownTag("Physics") || cfg.KnownTag("audio") {
		t.Errorf("KnownTag wrong")
	}
	if got := cfg.Allocator.Packages; !slices.Equal(got, []string{"example.com/fork/allocator"}) {
		t.Errorf("Allocator.Packages = %q", got)
	}
	abs, _ := filepath.Abs("dir")
	if cfg.Dir != abs || cfg.Path != "dir/.fa.toml" {
		t.Errorf("Path, Dir = %q, %q", cfg.Path, cfg.Dir)
	}
}

func TestParseEmptyAndDefault(t *testing.T) {
	cfg, err := Parse(".fa.toml", []byte("# nothing\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Hash() != Default().Hash() {
		t.Errorf("empty file hash differs from default")
	}
	if cfg.Global.MinSeverity != diagnostics.SeverityHint || len(cfg.Lints) != 0 {
		t.Errorf("empty file is not the default: %+v", cfg)
	}
	var nilCfg *Config
	if _, ok := nilCfg.Level("FA601"); ok || nilCfg.Excluded("a.go") || nilCfg.KnownTag("x") {
		t.Errorf("nil config answers")
	}
}

func TestParseForms(t *testing.T) {
	// Equivalent spellings: dotted keys, inline tables, lowercase codes.
	srcs := []string{
		"[lints.FA602]\nlevel = \"allow\"\n[tags]\nknown = [\"a\"]\n[tags.modules]\n\"x/...\" = \"a\"\n",
		"lints.FA602.level = \"allow\"\ntags.known = [\"a\"]\ntags.modules = {\"x/...\" = \"a\"}\n",
		"[lints]\nfa602 = { level = \"allow\" }\n[tags]\nknown = [\n  \"a\", # comment\n]\nmodules.\"x/...\" = \"a\"\n",
	}
	var hashes []string
	for _, src := range srcs {
		cfg, err := Parse(".fa.toml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if l, _ := cfg.Level("FA602"); l != LevelAllow {
			t.Errorf("%q: level %q", src, l)
		}
		if tag, ok := cfg.TagFor("x/y"); !ok || tag != "a" {
			t.Errorf("%q: TagFor = %q %v", src, tag, ok)
		}
		hashes = append(hashes, cfg.Hash())
	}
	for _, h := range hashes[1:] {
		if h != hashes[0] {
			t.Errorf("equivalent files hash differently: %q", hashes)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		key  string
		msg  string // substring of the message
	}{
		{"unknown key in lint", "\n\n[lints.FA602]\nlevle = \"allow\"\n", 4, "lints.FA602.levle", `unknown key "lints.FA602.levle"`},
		{"unknown section", "[global]\n[lintz]\nx = 1\n", 2, "lintz", `unknown section "lintz"`},
		{"unknown nested section", "[foo.bar]\n", 1, "foo", `unknown section "foo"`},
		{"unknown top-level key", "\nverbose = true\n", 2, "verbose", `unknown key "verbose"`},
		{"unknown global key", "[global]\nexclude = []\nmin_sev = \"hint\"\n", 3, "global.min_sev", `unknown key "global.min_sev"`},
		{"unknown dotted global key", "[global]\nlints.FA602.level = \"allow\"\n", 2, "global.lints", `unknown key "global.lints"`},
		{"unknown tags key", "[tags]\nknwon = []\n", 2, "tags.knwon", `unknown key "tags.knwon"`},
		{"unknown allocator key", "[allocator]\npackage = []\n", 2, "allocator.package", `unknown key "allocator.package"`},
		{"unknown lint subtable", "[lints.FA601.extra]\nx = 1\n", 1, "lints.FA601.extra", `unknown key "lints.FA601.extra"`},
		{"bad level", "[lints.FA602]\nlevel = \"warning\"\n", 2, "lints.FA602.level", `invalid level "warning" for "lints.FA602.level"`},
		{"bad level inline", "[lints]\nFA602 = { level = \"off\" }\n", 2, "lints.FA602.level", `invalid level "off"`},
		{"level wrong type", "[lints.FA602]\nlevel = 3\n", 2, "lints.FA602.level", `"lints.FA602.level" must be a string, not an integer`},
		{"missing level", "[lints.FA602]\n", 1, "lints.FA602", `missing key "lints.FA602.level"`},
		{"unknown code", "[global]\n\n[lints.FA999]\nlevel = \"allow\"\n", 3, "lints.FA999", `unknown code "FA999"`},
		{"name instead of code", "[lints.frame-escape]\nlevel = \"allow\"\n", 1, "lints.frame-escape", `unknown code "frame-escape"`},
		{"lint not a table", "[lints]\nFA601 = \"deny\"\n", 2, "lints.FA601", `"lints.FA601" must be a table`},
		{"duplicate code", "[lints.FA601]\nlevel = \"deny\"\n[lints.fa601]\nlevel = \"allow\"\n", 0, "", `configures FA601 a second time`},
		{"bad min_severity", "[global]\nmin_severity = \"fatal\"\n", 2, "global.min_severity", `invalid min_severity "fatal"`},
		{"min_severity wrong type", "[global]\nmin_severity = 1\n", 2, "global.min_severity", `must be a string, not an integer`},
		{"exclude not array", "[global]\nexclude = \"**/testdata/**\"\n", 2, "global.exclude", `"global.exclude" must be an array, not a string`},
		{"exclude element type", "[global]\nexclude = [\"a\", 2]\n", 2, "global.exclude", `must be an array of strings`},
		{"exclude bad glob", "[global]\nexclude = [\"a/[b\"]\n", 2, "global.exclude", `bad glob "a/[b"`},
		{"known not array", "[tags]\nknown = \"physics\"\n", 2, "tags.known", `must be an array`},
		{"known empty tag", "[tags]\nknown = [\"\"]\n", 2, "tags.known", `empty tag`},
		{"module tag not string", "[tags.modules]\n\"a/b\" = 1\n", 2, `tags.modules."a/b"`, `must be a tag string`},
		{"module unquoted dots", "[tags.modules]\nexample.com = \"x\"\n", 2, "tags.modules.example", `quote package patterns`},
		{"module bad pattern", "[tags.modules]\n\"./physics\" = \"x\"\n", 2, `tags.modules."./physics"`, `bad package pattern`},
		{"module empty tag", "[tags.modules]\n\"a/b\" = \"\"\n", 2, `tags.modules."a/b"`, `empty tag`},
		{"modules not table", "[tags]\nmodules = [\"a\"]\n", 2, "tags.modules", `must be a table`},
		{"allocator packages type", "[allocator]\npackages = \"x\"\n", 2, "allocator.packages", `must be an array`},
		{"allocator bad path", "[allocator]\npackages = [\"a/...\"]\n", 2, "allocator.packages", `bad import path`},
		{"section not a table", "global = 1\n", 1, "global", `"global" must be a table`},
		{"malformed", "[global]\nexclude = [\"a\"\nmin_severity = \"hint\"\n", 3, "", `invalid TOML`},
		{"malformed header", "[global\n", 1, "", `invalid TOML`},
		{"duplicate key", "[global]\nmin_severity = \"hint\"\nmin_severity = \"error\"\n", 3, "", `invalid TOML`},
		{"first error wins", "[global]\nfoo = 1\n[lints.FA999]\n", 2, "global.foo", `unknown key "global.foo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("conf/.fa.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error for %q", tt.src)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is %T, not *Error", err, err)
			}
			if ce.File != "conf/.fa.toml" {
				t.Errorf("File = %q", ce.File)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if tt.key != "" && ce.Key != tt.key {
				t.Errorf("Key = %q, want %q (%v)", ce.Key, tt.key, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
			if tt.line != 0 && !strings.HasPrefix(err.Error(), "conf/.fa.toml:") {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := Parse(".fa.toml", []byte("[global]\n\n\n\n\n[lints.FA602]\nlevle = \"allow\"\n"))
	if got, want := err.Error(), `.fa.toml:7: unknown key "lints.FA602.levle"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadAndFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(sub); err != nil || p != "" {
		// There may be a .fa.toml above the temp dir on odd machines;
		// only fail when it is inside root.
		if strings.HasPrefix(p, root) || err != nil {
			t.Fatalf("Find with no file = %q, %v", p, err)
		}
	}
	cfgPath := filepath.Join(root, "a", FileName)
	if err := os.WriteFile(cfgPath, []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Find(sub)
	if err != nil || p != cfgPath {
		t.Fatalf("Find = %q, %v; want %q", p, err, cfgPath)
	}
	if p2, _ := Find(filepath.Join(root, "a")); p2 != cfgPath {
		t.Errorf("Find in the file's own dir = %q", p2)
	}
	cfg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Dir != filepath.Join(root, "a") {
		t.Errorf("Dir = %q", cfg.Dir)
	}
	// Exclude globs are relative to the config's directory.
	if !cfg.Excluded(filepath.Join(root, "a", "b", "testdata", "x.go")) {
		t.Errorf("testdata file not excluded")
	}
	if !cfg.Excluded(filepath.Join(root, "a", "gen", "x.go")) {
		t.Errorf("gen/x.go not excluded")
	}
	if cfg.Excluded(filepath.Join(root, "a", "b", "gen", "x.go")) {
		t.Errorf("b/gen/x.go excluded by gen/*.go")
	}
	if _, err := Load(filepath.Join(root, "missing.toml")); err == nil || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("Load of a missing file: %v", err)
	}
	// A directory named .fa.toml is not a config file.
	if err := os.Mkdir(filepath.Join(sub, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, _ := Find(sub); p != cfgPath {
		t.Errorf("Find took a directory: %q", p)
	}
}

func TestTagFor(t *testing.T) {
	cfg, err := Parse(".fa.toml", []byte(`
[tags.modules]
"example.com/game/..." = "game"
"example.com/game/physics/..." = "physics"
"example.com/game/physics/debug" = "debug"
"example.com/.../audio" = "audio"
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pkg, tag string
		ok       bool
	}{
		{"example.com/game", "game", true},
		{"example.com/game/render", "game", true},
		{"example.com/game/physics", "physics", true},
		{"example.com/game/physics/broad", "physics", true},
		{"example.com/game/physics/debug", "debug", true},
		{"example.com/game/physics/debug/x", "physics", true},
		{"example.com/gamex", "", false},
		{"example.com/sound/audio", "audio", true},
		{"other.org/x", "", false},
	}
	for _, tt := range tests {
		tag, ok := cfg.TagFor(tt.pkg)
		if tag != tt.tag || ok != tt.ok {
			t.Errorf("TagFor(%q) = %q, %v; want %q, %v", tt.pkg, tag, ok, tt.tag, tt.ok)
		}
	}
	if got := cfg.PackagesForTag("physics"); !slices.Equal(got, []string{"example.com/game/physics/..."}) {
		t.Errorf("PackagesForTag(physics) = %q", got)
	}
	if got := cfg.PackagesForTag("none"); got != nil {
		t.Errorf("PackagesForTag(none) = %q", got)
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, pkg string
		want         bool
	}{
		{"example.com/game/physics/...", "example.com/game/physics", true},
		{"example.com/game/physics/...", "example.com/game/physics/a/b", true},
		{"example.com/game/physics/...", "example.com/game/physicsx", false},
		{"example.com/game/physics/...", "example.com/game", false},
		{"example.com/game/physics", "example.com/game/physics", true},
		{"example.com/game/physics", "example.com/game/physics/a", false},
		{"example.com/game/phys...", "example.com/game/physicsx", true},
		{"example.com/.../audio", "example.com/a/b/audio", true},
		{"example.com/.../audio", "example.com/a/b/audio/x", false},
		{"...", "anything/at/all", true},
		{"a.b/c", "a.b/c", true},
		{"a.b/c", "axb/c", false}, // dots are literal
	}
	for _, tt := range tests {
		if got := MatchPattern(tt.pattern, tt.pkg); got != tt.want {
			t.Errorf("MatchPattern(%q, %q) = %v", tt.pattern, tt.pkg, got)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"**/testdata/**", "testdata/a.go", true},
		{"**/testdata/**", "x/y/testdata/z/a.go", true},
		{"**/testdata/**", "x/testdatax/a.go", false},
		{"gen/*.go", "gen/a.go", true},
		{"gen/*.go", "gen/sub/a.go", false},
		{"gen/*.go", "x/gen/a.go", false},
		{"gen", "gen/sub/a.go", true},
		{"gen/**", "gen/sub/a.go", true},
		{"gen/", "gen/a.go", true},
		{"**/*.pb.go", "a/b/c.pb.go", true},
		{"**/*.pb.go", "c.pb.go", true},
		{"*_gen.go", "deep/dir/x_gen.go", true},
		{"*_gen.go", "deep/dir/x.go", false},
		{"a/**/b.go", "a/b.go", true},
		{"a/**/b.go", "a/x/y/b.go", true},
		{"./examples/mistakes/**", "examples/mistakes/m.go", true},
		{"examples/mistakes", "examples/mistakesx/m.go", false},
		{"", "a.go", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v", tt.glob, tt.name, got)
		}
	}
	for _, bad := range []string{"", "/abs", "a**/b", "[x"} {
		if ValidGlob(bad) == nil {
			t.Errorf("ValidGlob(%q) = nil", bad)
		}
	}
}

func TestHashStable(t *testing.T) {
	a, err := Parse("x/.fa.toml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	// Same meaning, other order, comments and location.
	reordered := `
[allocator]
packages = ["example.com/fork/allocator"]
[tags.modules]
"example.com/game/render" = "rendering"
"example.com/game/physics/..." = "physics" # comment
[tags]
known = ["physics", "rendering"]
[lints.FA601]
level = "deny"
[lints.FA602]
level = "allow"
[global]
min_severity = "warn"
exclude = ["**/testdata/**", "gen/*.go"]
`
	b, err := Parse("elsewhere/.fa.toml", []byte(reordered))
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() {
		t.Errorf("equivalent configs hash differently")
	}
	c, _ := Parse("x/.fa.toml", []byte(strings.Replace(full, `level = "allow"`, `level = "warn"`, 1)))
	if a.Hash() == c.Hash() {
		t.Errorf("different configs hash the same")
	}
	if len(a.Hash()) != 64 {
		t.Errorf("hash %q is not hex sha256", a.Hash())
	}
}

func TestKeyLines(t *testing.T) {
	src := `# header
[global]
exclude = [
  "a", # "not = a key"
  'b',
]
msg = """
x = 1
"""
[lints . FA602]
level = "allow"
t = {a = 1, "b.c" = {d = 2}}
'lit key' = 1
`
	got := keyLines(src)
	want := map[string]int{
		"global":                2,
		"global.exclude":        3,
		"global.msg":            7,
		"lints":                 10,
		"lints.FA602":           10,
		"lints.FA602.level":     11,
		"lints.FA602.t":         12,
		"lints.FA602.t.a":       12,
		`lints.FA602.t."b.c"`:   12,
		`lints.FA602.t."b.c".d`: 12,
		`lints.FA602."lit key"`: 13,
	}
	for k, l := range want {
		if got[k] != l {
			t.Errorf("line of %s = %d, want %d", k, got[k], l)
		}
	}
	if _, ok := got["x"]; ok {
		t.Errorf("key inside a multi-line string recorded")
	}
	if _, ok := got["global.x"]; ok {
		t.Errorf("key inside a multi-line string recorded")
	}
}

func TestExampleFile(t *testing.T) {
	path := filepath.Join("..", "..", ".fa.toml.example")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// The example documents every key: each must be set in it.
	if len(cfg.Global.Exclude) == 0 || len(cfg.Lints) == 0 || len(cfg.Tags.Known) == 0 || len(cfg.Tags.Modules) == 0 {
		t.Errorf("example leaves keys out: %+v", cfg)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"[global]", "exclude =", "min_severity =", "[lints.", "level =", "[tags]", "known =", "[tags.modules]", "[allocator]", "packages ="} {
		if !strings.Contains(string(data), key) {
			t.Errorf("example does not document %s", key)
		}
	}
	for _, l := range Levels() {
		if !strings.Contains(string(data), `"`+string(l)+`"`) {
			t.Errorf("example does not document level %q", l)
		}
	}
}
