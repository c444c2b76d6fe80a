package diagnostics

import (
	"embed"
	"fmt"
	"io"
	"strings"
)

//go:embed examples/*.go.txt
var examplesFS embed.FS

// Explanation is the long documentation of one code, printed by
// `fa explain` and written to docs/diagnostics.md: its catalogue entry
// and its example programs.
type Explanation struct {
	Info
	Wrong string // a complete Go program that triggers the code
	Right string // the corrected program
}

// Explain returns the explanation of a code or name (FA001 included).
func Explain(codeOrName string) (Explanation, bool) {
	info, ok := Lookup(codeOrName)
	if !ok {
		return Explanation{}, false
	}
	e := Explanation{Info: info}
	lc := strings.ToLower(info.Code)
	if b, err := examplesFS.ReadFile("examples/" + lc + "_wrong.go.txt"); err == nil {
		e.Wrong = string(b)
	}
	if b, err := examplesFS.ReadFile("examples/" + lc + "_right.go.txt"); err == nil {
		e.Right = string(b)
	}
	return e, true
}

// ExplainText renders the explanation of a code for a terminal.
func ExplainText(codeOrName string) (string, error) {
	e, ok := Explain(codeOrName)
	if !ok {
		return "", fmt.Errorf("unknown code %q (see fa list)", codeOrName)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", e.Code, e.Name)
	fmt.Fprintf(&b, "category: %s    default severity: %s\n\n", e.Category, e.Severity)
	fmt.Fprintf(&b, "What\n  %s\n", indent(e.What))
	if e.Details != "" {
		fmt.Fprintf(&b, "\nDetails\n  %s\n", indent(e.Details))
	}
	fmt.Fprintf(&b, "\nWhy\n  %s\n\nHelp\n  %s\n", indent(e.Why), sentence(e.Help)+".")
	if e.Wrong != "" {
		fmt.Fprintf(&b, "\nWrong\n%s", indentCode(e.Wrong))
	}
	if e.Right != "" {
		fmt.Fprintf(&b, "\nRight\n%s", indentCode(e.Right))
	}
	if len(e.SeeAlso) > 0 {
		fmt.Fprintf(&b, "\nSee also: %s\n", strings.Join(e.SeeAlso, ", "))
	}
	fmt.Fprintf(&b, "Docs: %s\n", DocURL(e.Code))
	return b.String(), nil
}

// indent indents the lines after the first by two spaces, leaving blank
// lines empty.
func indent(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\n", "\n  "), "\n  \n", "\n\n")
}

func indentCode(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l == "" {
			b.WriteString("\n")
		} else {
			b.WriteString("    " + l + "\n")
		}
	}
	return b.String()
}

// WriteMarkdown writes docs/diagnostics.md: one section per code, with
// anchors like #fa601.
func WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("<!-- Generated from the diagnostics catalogue by `go test ./diagnostics -update-docs`; do not edit. -->\n\n")
	b.WriteString("# fa diagnostics\n\n")
	b.WriteString("| code | name | category | severity | summary |\n|---|---|---|---|---|\n")
	all := append(All(), Extensions()...)
	for _, in := range all {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", in.Code, strings.ToLower(in.Code), in.Name, in.Category, in.Severity, in.Summary)
	}
	for _, in := range all {
		e, _ := Explain(in.Code)
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n## %s %s\n\n", strings.ToLower(e.Code), e.Code, e.Name)
		fmt.Fprintf(&b, "Category: `%s` · default severity: `%s`\n\n", e.Category, e.Severity)
		fmt.Fprintf(&b, "**What.** %s\n\n", e.What)
		if e.Details != "" {
			fmt.Fprintf(&b, "%s\n\n", e.Details)
		}
		fmt.Fprintf(&b, "**Why.** %s\n\n**Help.** %s.\n", e.Why, sentence(e.Help))
		if e.Wrong != "" {
			fmt.Fprintf(&b, "\nWrong:\n\n```go\n%s```\n", e.Wrong)
		}
		if e.Right != "" {
			fmt.Fprintf(&b, "\nRight:\n\n```go\n%s```\n", e.Right)
		}
		if len(e.SeeAlso) > 0 {
			var links []string
			for _, s := range e.SeeAlso {
				links = append(links, fmt.Sprintf("[%s](#%s)", s, strings.ToLower(s)))
			}
			fmt.Fprintf(&b, "\nSee also: %s.\n", strings.Join(links, ", "))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing markdown: %w", err)
	}
	return nil
}

// sentence capitalises the first letter of s.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
