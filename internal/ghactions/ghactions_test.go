package ghactions_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/ghactions"
)

func TestWrite(t *testing.T) {
	repo := t.TempDir()
	root := filepath.Join(repo, "mod")
	for _, d := range []string{".git", "mod"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	r := &diagnostics.Report{Root: root, Diagnostics: []diagnostics.Diagnostic{
		{Code: "FA601", Name: "frame-escape", Severity: diagnostics.SeverityWarning,
			Message: "frame value p escapes: 100% sure,\r\nreally", File: "game/update.go",
			Line: 45, Column: 12, EndLine: 45, EndColumn: 17,
			Related: []diagnostics.Related{{Message: "allocated here", File: "game/update.go", Line: 41, Column: 7}}},
		{Code: "FA606", Name: "use-after-end-frame", Severity: diagnostics.SeverityError,
			Message: "b used", File: "game/a,b:c.go", Line: 3, Column: 2, EndLine: 5, EndColumn: 1},
		{Code: "FA301", Severity: diagnostics.SeverityHint, Message: "unbounded", File: "net/send.go", Line: 6, Column: 2},
	}}
	var buf bytes.Buffer
	if err := ghactions.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"::warning file=mod/game/update.go,line=45,col=12,endLine=45,endColumn=17,title=FA601 frame-escape::frame value p escapes: 100%25 sure,%0D%0Areally%0Aallocated here: mod/game/update.go:41:7",
		// A range over several lines carries no columns.
		"::error file=mod/game/a%2Cb%3Ac.go,line=3,endLine=5,title=FA606 use-after-end-frame::b used",
		"::notice file=mod/net/send.go,line=6,col=2,title=FA301::unbounded",
		"",
	}, "\n")
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEscape(t *testing.T) {
	if got := ghactions.EscapeProperty("a%b\rc\nd:e,f"); got != "a%25b%0Dc%0Ad%3Ae%2Cf" {
		t.Errorf("EscapeProperty = %q", got)
	}
	if got := ghactions.EscapeData("a%b\rc\nd:e,f"); got != "a%25b%0Dc%0Ad:e,f" {
		t.Errorf("EscapeData = %q", got)
	}
}

func TestNoRoot(t *testing.T) {
	var buf bytes.Buffer
	r := &diagnostics.Report{Diagnostics: []diagnostics.Diagnostic{{Code: "FA601", Severity: diagnostics.SeverityWarning, Message: "m", File: "a/b.go", Line: 1}}}
	if err := ghactions.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "::warning file=a/b.go,line=1,title=FA601::m\n" {
		t.Errorf("got %q", got)
	}
	buf.Reset()
	if err := ghactions.Write(&buf, &diagnostics.Report{}); err != nil || buf.Len() != 0 {
		t.Errorf("empty report wrote %q, %v", buf.String(), err)
	}
	if err := ghactions.Write(&buf, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}
