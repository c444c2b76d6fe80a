package output

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
)

func report(t *testing.T) *diagnostics.Report {
	dir := t.TempDir()
	src := "package game\n\nfunc f() {\n    cache = p\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "game"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "game", "update.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return &diagnostics.Report{
		Version: 1, Root: dir,
		Diagnostics: []diagnostics.Diagnostic{{
			Code: "FA601", Name: "frame-escape", Category: diagnostics.CategoryLifetime, Severity: diagnostics.SeverityWarning,
			Message: "frame value escapes to package-level variable cache", File: "game/update.go",
			Line: 4, Column: 5, EndLine: 4, EndColumn: 10,
			Related: []diagnostics.Related{{Message: "p was frame-allocated here", File: "game/update.go", Line: 3, Column: 7}},
		}},
		Summary: diagnostics.Summary{Warnings: 1},
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, report(t)); err != nil {
		t.Fatal(err)
	}
	want := `warning[FA601]: frame value escapes to package-level variable cache
 --> game/update.go:4:5
  |
4 |     cache = p
  |     ^^^^^
  = note: p was frame-allocated at game/update.go:3:7
  = help: use allocator.Pool or allocator.Heap for data that outlives the frame

0 errors, 1 warning, 0 hints
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestCompactAndJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCompact(&b, report(t)); err != nil {
		t.Fatal(err)
	}
	if b.String() != "game/update.go:4:5: warning FA601: frame value escapes to package-level variable cache\n" {
		t.Errorf("compact: %q", b.String())
	}
	b.Reset()
	if err := WriteJSON(&b, report(t)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"fixes": []`, `"end_column": 10`, `"severity": "warning"`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, b.String())
		}
	}
}

// TestWriteDiagnostic: one block, exactly as the text format writes it,
// without the summary line.
func TestWriteDiagnostic(t *testing.T) {
	r := report(t)
	var all, one bytes.Buffer
	if err := WriteText(&all, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteDiagnostic(&one, r.Root, r.Diagnostics[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(all.String(), one.String()) || !strings.Contains(one.String(), "^^^^^") || strings.Contains(one.String(), "1 warning") {
		t.Fatalf("block:\n%s\ntext format:\n%s", one.String(), all.String())
	}
}
