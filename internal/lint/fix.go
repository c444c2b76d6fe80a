package lint

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/framealloc/fa/diagnostics"
)

// ApplyFixes applies the first suggested fix of each diagnostic, skipping
// edits that overlap an edit already taken, gofmts each changed file, and
// writes it, naming it on log (or, with dryRun, writes a unified diff to
// out). Edit paths are relative to dir. It returns the diagnostics left
// without an applied fix.
func ApplyFixes(dir string, ds []diagnostics.Diagnostic, dryRun bool, out, log io.Writer) ([]diagnostics.Diagnostic, error) {
	byFile := map[string][]diagnostics.Edit{}
	var remaining []diagnostics.Diagnostic
	for _, d := range ds {
		if len(d.Fixes) == 0 {
			remaining = append(remaining, d)
			continue
		}
		ok := true
		for _, e := range d.Fixes[0].Edits {
			for _, o := range byFile[e.File] {
				same := o == e
				if !same && e.StartOffset < o.EndOffset && o.StartOffset < e.EndOffset {
					ok = false
				}
			}
		}
		if !ok {
			remaining = append(remaining, d)
			continue
		}
		for _, e := range d.Fixes[0].Edits {
			if !slices.Contains(byFile[e.File], e) {
				byFile[e.File] = append(byFile[e.File], e)
			}
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, file := range files {
		path := filepath.Join(dir, filepath.FromSlash(file))
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("applying fixes: %w", err)
		}
		edits := byFile[file]
		slices.SortFunc(edits, func(a, b diagnostics.Edit) int { return a.StartOffset - b.StartOffset })
		var buf bytes.Buffer
		last := 0
		for _, e := range edits {
			if e.StartOffset < last || e.EndOffset > len(src) || e.StartOffset > e.EndOffset {
				return nil, fmt.Errorf("applying fixes to %s: edit %d-%d out of range", file, e.StartOffset, e.EndOffset)
			}
			buf.Write(src[last:e.StartOffset])
			buf.WriteString(e.NewText)
			last = e.EndOffset
		}
		buf.Write(src[last:])
		fixed, err := format.Source(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("fixed %s does not parse: %w", file, err)
		}
		if dryRun {
			io.WriteString(out, unifiedDiff(file, string(src), string(fixed)))
			continue
		}
		if err := os.WriteFile(path, fixed, 0o644); err != nil {
			return nil, fmt.Errorf("writing fixed %s: %w", file, err)
		}
		fmt.Fprintf(log, "fixed %s\n", file)
	}
	return remaining, nil
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
