package diagnostics

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/diagnostics.md")

func TestEveryCodeExplained(t *testing.T) {
	all := append(All(), Extensions()...)
	if n := len(All()); n != 20 {
		t.Errorf("catalogue has %d codes, want 20", n)
	}
	for _, in := range all {
		e, ok := Explain(in.Code)
		if !ok {
			t.Fatalf("%s: no explanation", in.Code)
		}
		if e.Summary == "" || e.Help == "" || e.What == "" || e.Why == "" || e.Wrong == "" || e.Right == "" {
			t.Errorf("%s: incomplete catalogue entry", in.Code)
		}
		if e.Wrong == e.Right {
			t.Errorf("%s: wrong and right examples are the same", in.Code)
		}
		for _, s := range e.SeeAlso {
			if _, ok := Lookup(s); !ok {
				t.Errorf("%s: see-also %s is unknown", in.Code, s)
			}
		}
		txt, err := ExplainText(strings.ToLower(in.Code))
		if err != nil || !strings.Contains(txt, in.Name) {
			t.Errorf("%s: ExplainText: %v", in.Code, err)
		}
		// fa explain, the analyzer's Doc and the SARIF help all say what
		// the one catalogue entry says.
		flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		for what, text := range map[string]string{"fa explain": txt, "Doc": in.AnalyzerDoc(), "help text": in.HelpText(), "help markdown": in.HelpMarkdown()} {
			for _, part := range []string{in.What, in.Details, in.Why} {
				if !strings.Contains(flat(text), flat(part)) {
					t.Errorf("%s: the %s lacks %.40q...", in.Code, what, part)
				}
			}
			if !strings.Contains(strings.ToLower(text), strings.ToLower(in.Help)) {
				t.Errorf("%s: the %s lacks the help line", in.Code, what)
			}
		}
	}
	if _, err := ExplainText("FA999"); err == nil {
		t.Error("ExplainText(FA999) succeeded")
	}
}

// TestExamplesCompile builds every wrong and right example against the
// allocator package of this repository, in one throwaway module.
func TestExamplesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 42 programs")
	}
	allocDir, err := filepath.Abs(filepath.Join("..", "allocator"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := fmt.Sprintf("module example.com/examples\n\ngo 1.26.0\n\nrequire github.com/framealloc/fa/allocator v0.0.0\n\nreplace github.com/framealloc/fa/allocator => %s\n", allocDir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range append(All(), Extensions()...) {
		e, _ := Explain(in.Code)
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
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("examples do not compile: %v\n%s", err, out)
	}
}

func TestDocsUpToDate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "diagnostics.md")
	if *updateDocs {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./diagnostics -update-docs)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("docs/diagnostics.md is out of date: run go test ./diagnostics -run TestDocsUpToDate -update-docs")
	}
	for _, in := range append(All(), Extensions()...) {
		if !bytes.Contains(got, []byte(fmt.Sprintf(`<a id="%s"></a>`, strings.ToLower(in.Code)))) {
			t.Errorf("no anchor for %s", in.Code)
		}
		for _, part := range []string{in.What, in.Details, in.Why, sentence(in.Help)} {
			if !bytes.Contains(got, []byte(part)) {
				t.Errorf("the %s section lacks %.40q...", in.Code, part)
			}
		}
	}
}
