package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
)

// TestExplainExamples runs fa on every `fa explain` example, compiled
// against the repository's allocator module: each wrong example reports
// its code and each right example does not, for every code.
func TestExplainExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 42 programs")
	}
	allocDir, err := filepath.Abs(filepath.Join("..", "..", "allocator"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := fmt.Sprintf("module example.com/examples\n\ngo 1.26.0\n\nrequire github.com/framealloc/fa/allocator v0.0.0\n\nreplace github.com/framealloc/fa/allocator => %s\n", allocDir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	// The configuration the FA8xx examples describe: every example package
	// is mapped to "physics", "audio" belongs to another package.
	faToml := `[tags]
known = ["physics", "audio"]
[tags.modules]
"example.com/examples/..." = "physics"
"example.com/game/audio/..." = "audio"
`
	if err := os.WriteFile(filepath.Join(dir, ".fa.toml"), []byte(faToml), 0o644); err != nil {
		t.Fatal(err)
	}
	all := append(diagnostics.All(), diagnostics.Extensions()...)
	for _, in := range all {
		e, _ := diagnostics.Explain(in.Code)
		for kind, src := range map[string]string{"wrong": e.Wrong, "right": e.Right} {
			d := filepath.Join(dir, strings.ToLower(in.Code)+"_"+kind)
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, "main.go"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, out, errs := fa(t, dir, "-f", "json")
	if code == 2 {
		t.Fatalf("fa failed: %s", errs)
	}
	var r diagnostics.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{} // "fa601_wrong FA601"
	for _, d := range r.Diagnostics {
		got[strings.Split(d.File, "/")[0]+" "+d.Code] = true
	}
	for _, in := range all {
		lc := strings.ToLower(in.Code)
		if !got[lc+"_wrong "+in.Code] {
			t.Errorf("%s: the wrong example does not report %s", in.Code, in.Code)
		}
		if got[lc+"_right "+in.Code] {
			t.Errorf("%s: the right example reports %s", in.Code, in.Code)
		}
	}
}
