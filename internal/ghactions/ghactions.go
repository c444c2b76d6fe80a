// Package ghactions writes a fa report as GitHub Actions workflow commands,
// so that a step running `fa --format github` annotates the pull request's
// files without uploading anything:
//
//	::warning file=game/update.go,line=45,col=12,endLine=45,endColumn=17,title=FA601 frame-escape::frame value p escapes ...
//
// Severities map hint → notice, warning → warning, error → error. Related
// positions (where the frame value was allocated) are added to the message
// on lines of their own. File paths are made relative to the repository
// root (the nearest directory above the report's root holding .git), which
// is what GitHub resolves annotation paths against. Property values escape
// %, CR, LF, ':' and ','; the message escapes %, CR and LF, as the
// @actions/core toolkit does. col and endColumn are written only for a
// single-line range, the only kind GitHub accepts them for.
package ghactions

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/framealloc/fa/diagnostics"
)

// Command returns the workflow command of a severity: notice, warning or
// error.
func Command(s diagnostics.Severity) string {
	switch s {
	case diagnostics.SeverityError:
		return "error"
	case diagnostics.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// EscapeData escapes a workflow command's message.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a workflow command's property value.
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Write writes one workflow command line per diagnostic of r to w.
func Write(w io.Writer, r *diagnostics.Report) error {
	if r == nil {
		return fmt.Errorf("ghactions: nil report")
	}
	p := newPaths(r.Root)
	var sb strings.Builder
	for _, d := range r.Diagnostics {
		props := []string{"file=" + EscapeProperty(p.rel(d.File))}
		if d.Line >= 1 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			single := d.EndLine == 0 || d.EndLine == d.Line
			if d.Column >= 1 && single {
				props = append(props, fmt.Sprintf("col=%d", d.Column))
			}
			if d.EndLine >= d.Line {
				props = append(props, fmt.Sprintf("endLine=%d", d.EndLine))
				if single && d.EndColumn >= 1 && d.EndColumn >= d.Column {
					props = append(props, fmt.Sprintf("endColumn=%d", d.EndColumn))
				}
			}
		}
		title := d.Code
		if d.Name != "" {
			title += " " + d.Name
		}
		props = append(props, "title="+EscapeProperty(title))
		msg := d.Message
		for _, rel := range d.Related {
			msg += fmt.Sprintf("\n%s: %s:%d:%d", rel.Message, p.rel(rel.File), rel.Line, rel.Column)
		}
		fmt.Fprintf(&sb, "::%s %s::%s\n", Command(d.Severity), strings.Join(props, ","), EscapeData(msg))
	}
	if _, err := io.WriteString(w, sb.String()); err != nil {
		return fmt.Errorf("writing GitHub Actions annotations: %w", err)
	}
	return nil
}

// paths rewrites report paths (relative to the report's root) to paths
// relative to the repository root.
type paths struct {
	root, repo string
}

func newPaths(root string) paths {
	if root == "" {
		return paths{}
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return paths{}
	}
	repo := abs
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			repo = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return paths{root: abs, repo: repo}
}

func (p paths) rel(file string) string {
	if p.root == "" {
		return filepath.ToSlash(file)
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.root, filepath.FromSlash(file))
	}
	r, err := filepath.Rel(p.repo, abs)
	if err != nil || r == ".." || strings.HasPrefix(filepath.ToSlash(r), "../") {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}
