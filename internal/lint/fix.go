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

// unifiedDiff returns a one-hunk unified diff of a and b (common leading
// and trailing lines trimmed, three lines of context).
func unifiedDiff(name, a, b string) string {
	if a == b {
		return ""
	}
	al, bl := splitLines(a), splitLines(b)
	pre := 0
	for pre < len(al) && pre < len(bl) && al[pre] == bl[pre] {
		pre++
	}
	suf := 0
	for suf < len(al)-pre && suf < len(bl)-pre && al[len(al)-1-suf] == bl[len(bl)-1-suf] {
		suf++
	}
	const ctx = 3
	start := max(pre-ctx, 0)
	aEnd := min(len(al)-suf+ctx, len(al))
	bEnd := min(len(bl)-suf+ctx, len(bl))
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", name, name)
	fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", start+1, aEnd-start, start+1, bEnd-start)
	for i := start; i < pre; i++ {
		sb.WriteString(" " + al[i] + "\n")
	}
	for i := pre; i < len(al)-suf; i++ {
		sb.WriteString("-" + al[i] + "\n")
	}
	for i := pre; i < len(bl)-suf; i++ {
		sb.WriteString("+" + bl[i] + "\n")
	}
	for i := len(al) - suf; i < aEnd; i++ {
		sb.WriteString(" " + al[i] + "\n")
	}
	return sb.String()
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
