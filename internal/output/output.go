// Package output writes fa reports in the text, compact and JSON formats
// of the design contract (sections 3 and 4).
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/framealloc/fa/diagnostics"
)

// WriteJSON writes the report as JSON schema version 1. Empty lists are
// written as [] rather than null.
func WriteJSON(w io.Writer, r *diagnostics.Report) error {
	cp := *r
	cp.Diagnostics = make([]diagnostics.Diagnostic, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		if d.Related == nil {
			d.Related = []diagnostics.Related{}
		}
		if d.Fixes == nil {
			d.Fixes = []diagnostics.Fix{}
		}
		for j := range d.Fixes {
			if d.Fixes[j].Edits == nil {
				d.Fixes[j].Edits = []diagnostics.Edit{}
			}
		}
		cp.Diagnostics[i] = d
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&cp); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

// WriteCompact writes one line per diagnostic:
// "file:line:col: severity CODE: message".
func WriteCompact(w io.Writer, r *diagnostics.Report) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s: %s\n", d.File, d.Line, d.Column, d.Severity, d.Code, d.Message)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing compact output: %w", err)
	}
	return nil
}

// WriteText writes one block per diagnostic with source context, the
// related positions as notes and the code's help line, then a summary.
func WriteText(w io.Writer, r *diagnostics.Report) error {
	bw := bufio.NewWriter(w)
	src := newSources(r.Root)
	for _, d := range r.Diagnostics {
		writeBlock(bw, src, d)
	}
	s := r.Summary
	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(bw, "%s, %s, %s\n", plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Hints, "hint"))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing text output: %w", err)
	}
	return nil
}

// WriteDiagnostic writes one diagnostic as the text format and `fa show`
// do: the header, the source line with a caret under the span, the notes
// and the help line. root is the directory d.File is relative to.
func WriteDiagnostic(w io.Writer, root string, d diagnostics.Diagnostic) error {
	bw := bufio.NewWriter(w)
	writeBlock(bw, newSources(root), d)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing a diagnostic: %w", err)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func writeBlock(w io.Writer, src *sources, d diagnostics.Diagnostic) {
	fmt.Fprintf(w, "%s[%s]: %s\n", d.Severity, d.Code, d.Message)
	num := strconv.Itoa(d.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "%s--> %s:%d:%d\n", pad, d.File, d.Line, d.Column)
	if line, ok := src.line(d.File, d.Line); ok {
		fmt.Fprintf(w, "%s |\n", pad)
		fmt.Fprintf(w, "%s | %s\n", num, line)
		start := max(d.Column-1, 0)
		width := 1
		if d.EndLine == d.Line && d.EndColumn > d.Column {
			width = d.EndColumn - d.Column
		}
		start = min(start, len(line))
		width = max(min(width, len(line)-start), 1)
		// Keep tabs so the caret lines up with the source line.
		var lead strings.Builder
		for _, c := range line[:start] {
			if c == '\t' {
				lead.WriteByte('\t')
			} else {
				lead.WriteByte(' ')
			}
		}
		fmt.Fprintf(w, "%s | %s%s\n", pad, lead.String(), strings.Repeat("^", width))
	}
	for _, rel := range d.Related {
		fmt.Fprintf(w, "%s = note: %s\n", pad, relatedNote(d, rel))
	}
	if h := Help(d.Code); h != "" {
		fmt.Fprintf(w, "%s = help: %s\n", pad, h)
	}
	fmt.Fprintln(w)
}

// relatedNote renders "p was frame-allocated at file:line:col" for an
// "allocated here" position, else "message at file:line:col".
func relatedNote(d diagnostics.Diagnostic, r diagnostics.Related) string {
	at := fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
	if msg, ok := strings.CutSuffix(r.Message, " here"); ok && !strings.HasPrefix(msg, "allocated") {
		return msg + " at " + at
	}
	if strings.HasPrefix(r.Message, "allocated here") {
		if v := valueName(d.Message); v != "" {
			return fmt.Sprintf("%s was frame-allocated at %s", v, at)
		}
		return "frame-allocated at " + at
	}
	return r.Message + " at " + at
}

// valueName extracts the value a message names: "frame value p escapes
// ..." gives "p"; messages quoting `p` give p.
func valueName(msg string) string {
	if i := strings.IndexByte(msg, '`'); i >= 0 {
		if j := strings.IndexByte(msg[i+1:], '`'); j > 0 {
			return msg[i+1 : i+1+j]
		}
	}
	if rest, ok := strings.CutPrefix(msg, "frame value "); ok {
		if f := strings.Fields(rest); len(f) > 0 {
			return f[0]
		}
	}
	return ""
}

// Help returns the one-line help for a code: its catalogue entry's.
func Help(code string) string {
	in, _ := diagnostics.Lookup(code)
	return in.Help
}

// sources caches source files by their report path.
type sources struct {
	root  string
	files map[string][]string
}

func newSources(root string) *sources {
	return &sources{root: root, files: map[string][]string{}}
}

func (s *sources) line(file string, n int) (string, bool) {
	lines, ok := s.files[file]
	if !ok {
		p := filepath.FromSlash(file)
		if !filepath.IsAbs(p) && s.root != "" {
			p = filepath.Join(s.root, p)
		}
		data, err := os.ReadFile(p)
		if err == nil {
			lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
		}
		s.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}
