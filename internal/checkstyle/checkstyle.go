// Package checkstyle writes a fa report as Checkstyle XML, the format
// Jenkins' Warnings Next Generation plugin, reviewdog (-f=checkstyle),
// SonarQube and many review bots import.
//
// One <file> element per file, in report order, holds one <error> per
// diagnostic with its line, column, severity (hint becomes Checkstyle's
// info), message and source "fa.FA601" (reviewdog shows the source as the
// diagnostic's code). Paths are those of the report: relative to the
// directory fa ran in.
package checkstyle

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/framealloc/fa/diagnostics"
)

// Version is the value of the root element's version attribute: the
// Checkstyle output format fa follows.
const Version = "8.0"

type document struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []file   `xml:"file"`
}

type file struct {
	Name   string  `xml:"name,attr"`
	Errors []entry `xml:"error"`
}

type entry struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Severity returns the Checkstyle severity of a fa severity: info, warning
// or error.
func Severity(s diagnostics.Severity) string {
	switch s {
	case diagnostics.SeverityError:
		return "error"
	case diagnostics.SeverityWarning:
		return "warning"
	}
	return "info"
}

// Source returns the source attribute of a code: "fa.FA601".
func Source(code string) string { return "fa." + code }

// Write writes r to w as Checkstyle XML.
func Write(w io.Writer, r *diagnostics.Report) error {
	if r == nil {
		return fmt.Errorf("checkstyle: nil report")
	}
	doc := document{Version: Version}
	index := map[string]int{}
	for _, d := range r.Diagnostics {
		i, ok := index[d.File]
		if !ok {
			i = len(doc.Files)
			index[d.File] = i
			doc.Files = append(doc.Files, file{Name: d.File})
		}
		doc.Files[i].Errors = append(doc.Files[i].Errors, entry{
			Line:     d.Line,
			Column:   d.Column,
			Severity: Severity(d.Severity),
			Message:  d.Message,
			Source:   Source(d.Code),
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing checkstyle XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing checkstyle XML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing checkstyle XML: %w", err)
	}
	return nil
}
