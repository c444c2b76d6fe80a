package driver

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/framealloc/fa/internal/lint"
)

func TestParseVetJSON(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	if err := os.WriteFile(file, []byte("package a\n\nvar cache = p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "# example.com/a\n{\n\t\"example.com/a\": {\n\t\t\"FA601\": [\n\t\t\t{\n" +
		"\t\t\t\t\"posn\": \"" + file + ":3:5\",\n" +
		"\t\t\t\t\"end\": \"" + file + ":3:5\",\n" +
		"\t\t\t\t\"message\": \"FA601: frame value p escapes\",\n\t\t\t\t\"category\": \"FA601\",\n" +
		"\t\t\t\t\"related\": [{\"posn\": \"" + file + ":1:1\", \"message\": \"p was frame-allocated here\"}]\n" +
		"\t\t\t}\n\t\t]\n\t}\n}\n" +
		"# example.com/a [example.com/a.test]\n{\n\t\"example.com/a [example.com/a.test]\": {\n\t\t\"FA601\": [\n\t\t\t{\n" +
		"\t\t\t\t\"posn\": \"" + file + ":3:5\",\n\t\t\t\t\"message\": \"FA601: frame value p escapes\",\n\t\t\t\t\"category\": \"FA601\"\n" +
		"\t\t\t}\n\t\t]\n\t}\n}\n"
	conv := newConverter(dir, lint.NewResolver(lint.Settings{}))
	pkgs := map[string]bool{}
	problems, err := parseVetJSON([]byte(src), conv, pkgs)
	if err != nil || len(problems) != 0 {
		t.Fatalf("problems %v, err %v", problems, err)
	}
	ds, err := conv.result()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 {
		t.Fatalf("got %d diagnostics, want 1 (p and p.test deduplicated): %+v", len(ds), ds)
	}
	d := ds[0]
	if d.Code != "FA601" || d.Name != "frame-escape" || d.Message != "frame value p escapes" || d.File != "a.go" ||
		d.Line != 3 || d.Column != 5 || d.EndColumn != 10 || d.Package != "example.com/a" || len(d.Related) != 1 {
		t.Errorf("converted: %+v", d)
	}
	if !pkgs["example.com/a"] {
		t.Errorf("packages %v", pkgs)
	}
	if p, _ := parseVetJSON([]byte("a.go:1:1: syntax error\n"), newConverter(dir, nil), pkgs); len(p) != 1 {
		t.Errorf("non-JSON line not reported as a problem: %v", p)
	}
}

func TestFromParts(t *testing.T) {
	d := FromParts("", "FA001: //fa:ignore has no reason")
	if d.Code != "FA001" || d.Name != "invalid-suppression" || d.Category != "suppression" || d.Message != "//fa:ignore has no reason" {
		t.Errorf("%+v", d)
	}
}
