package static

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
)

func write(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadReport(t *testing.T) {
	ok := write(t, "r.json", `{"version": 1, "tool": {"name": "fa", "version": "devel"},
 "diagnostics": [{"code": "FA203", "name": "budget-not-configured", "category": "threading", "severity": "hint",
  "message": "m", "file": "a/b.go", "line": 3, "column": 4, "end_line": 3, "end_column": 9, "package": "example.com/a",
  "related": [], "fixes": []}],
 "summary": {"errors": 0, "warnings": 0, "hints": 1, "packages": 1, "files": 1}}`)
	rep, err := ReadReport(ok)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Severity != diagnostics.SeverityHint || rep.Diagnostics[0].Package != "example.com/a" {
		t.Fatalf("%+v", rep)
	}
	for _, c := range []struct{ data, msg string }{
		{`{"version": 2, "diagnostics": []}`, "version 2 is not supported"},
		{`{"version": 1}`, "no version or diagnostics"},
		{`[1]`, "not fa --format json output"},
		{`{"version": 1, "diagnostics": [{"severity": "fatal"}]}`, "not fa --format json output"},
	} {
		if _, err := ReadReport(write(t, "bad.json", c.data)); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.data, err, c.msg)
		}
	}
	if _, err := ReadReport(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "--diagnostics") {
		t.Errorf("missing file: %v", err)
	}
}

// TestAnalyze runs fa's analyzers on two of the bundled mistakes with the
// repository's .fa.toml, and renders the findings as fa show does.
func TestAnalyze(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(root)
	if err != nil || cfg.Path == "" {
		t.Fatalf("the repository's .fa.toml: %v", err)
	}
	rep, err := Analyze(root, []string{"./examples/mistakes/fa203", "./examples/mistakes/fa801"}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]diagnostics.Diagnostic{}
	for _, d := range rep.Diagnostics {
		codes[d.Code] = d
	}
	if _, ok := codes["FA203"]; !ok {
		t.Fatalf("no FA203 in %+v", rep.Diagnostics)
	}
	st := Model(rep, cfg, root, "test")
	d := codes["FA801"]
	if tag, ok := st.TagFor(d.Package); !ok || tag != "ai" {
		t.Errorf("FA801's package %s maps to %q, want ai", d.Package, tag)
	}
	snip := st.Snippet(codes["FA203"])
	if !strings.HasPrefix(snip, "hint[FA203]") || !strings.Contains(snip, "examples/mistakes/fa203/fa203.go:") || !strings.Contains(snip, "^") {
		t.Errorf("snippet:\n%s", snip)
	}

	// A lint level of the configuration applies.
	allow, err := config.Load(write(t, ".fa.toml", "[lints.FA203]\nlevel = \"allow\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err = Analyze(root, []string{"./examples/mistakes/fa203"}, allow)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		if d.Code == "FA203" {
			t.Errorf("FA203 reported with level allow")
		}
	}
	if _, err := Analyze(root, []string{"./no/such/package"}, cfg); err == nil {
		t.Error("a missing package was analysed")
	}
}
