package checkstyle_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/checkstyle"
)

func TestWrite(t *testing.T) {
	r := &diagnostics.Report{Diagnostics: []diagnostics.Diagnostic{
		{Code: "FA601", Severity: diagnostics.SeverityWarning, Message: `p escapes to "cache" <&>`, File: "game/update.go", Line: 45, Column: 12},
		{Code: "FA606", Severity: diagnostics.SeverityError, Message: "b used after EndFrame", File: "game/update.go", Line: 50, Column: 2},
		{Code: "FA301", Severity: diagnostics.SeverityHint, Message: "unbounded", File: "net/send.go", Line: 6},
	}}
	var buf bytes.Buffer
	if err := checkstyle.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   *int   `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Version == "" || len(doc.Files) != 2 || doc.Files[0].Name != "game/update.go" || len(doc.Files[0].Errors) != 2 || doc.Files[1].Name != "net/send.go" {
		t.Fatalf("document = %+v", doc)
	}
	e := doc.Files[0].Errors[0]
	if e.Line != 45 || *e.Column != 12 || e.Severity != "warning" || e.Message != `p escapes to "cache" <&>` || e.Source != "fa.FA601" {
		t.Errorf("error 0 = %+v", e)
	}
	if s := doc.Files[0].Errors[1].Severity; s != "error" {
		t.Errorf("error severity = %q", s)
	}
	if e := doc.Files[1].Errors[0]; e.Severity != "info" || e.Column != nil {
		t.Errorf("hint = %+v (want info, no column)", e)
	}
}

func TestEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := checkstyle.Write(&buf, &diagnostics.Report{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<checkstyle version="8.0"></checkstyle>`) {
		t.Errorf("empty report:\n%s", buf.String())
	}
	if err := checkstyle.Write(&buf, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}
