package driver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"strings"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/lint"
)

// VetOptions configures RunVet.
type VetOptions struct {
	Options
	// Tool is the fa executable go vet runs as its vet tool.
	Tool string
	// GoCmd is the go command (default "go").
	GoCmd string
}

// vetDiag is one diagnostic in go vet's -json tree.
type vetDiag struct {
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Category string `json:"category"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// RunVet runs `go vet -vettool=<Tool> -json` on the patterns and converts
// its JSON tree. cmd/go caches the results, and memory stays at the size
// of one package.
func RunVet(opts VetOptions) (*Result, error) {
	dir, err := opts.dir()
	if err != nil {
		return nil, err
	}
	settings, err := opts.settings(dir)
	if err != nil {
		return nil, err
	}
	gocmd := opts.GoCmd
	if gocmd == "" {
		gocmd = "go"
	}
	args := []string{"vet", "-vettool=" + opts.Tool, "-json"}
	args = append(args, settings.VetArgs(analyzers.Core.Name)...)
	args = append(args, opts.buildFlags()...)
	args = append(args, opts.patterns()...)
	cmd := exec.Command(gocmd, args...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// go vet -json writes the tree (with "# pkg" headers) to stderr in
	// some versions and stdout in others: read both.
	conv := newConverter(dir, lint.NewResolver(settings))
	pkgs := map[string]bool{}
	var problems []string
	for _, src := range [][]byte{stdout.Bytes(), stderr.Bytes()} {
		p, err := parseVetJSON(src, conv, pkgs)
		if err != nil {
			return nil, err
		}
		problems = append(problems, p...)
	}
	if runErr != nil && len(problems) == 0 {
		problems = append(problems, strings.TrimSpace(stderr.String()))
	}
	if runErr != nil {
		return nil, &LoadError{Problems: problems}
	}
	ds, err := conv.result()
	if err != nil {
		return nil, err
	}
	return &Result{Diagnostics: ds, Packages: len(pkgs)}, nil
}

// parseVetJSON reads "# pkg" headers and JSON objects
// {pkgID: {analyzer: [diag...]}}; other lines are problems.
func parseVetJSON(src []byte, conv *converter, pkgs map[string]bool) ([]string, error) {
	var problems []string
	var obj bytes.Buffer
	depth := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	flush := func() error {
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal(obj.Bytes(), &tree); err != nil {
			return fmt.Errorf("parsing go vet -json output: %w", err)
		}
		obj.Reset()
		for pkgID, byAnalyzer := range tree {
			pkgs[strings.Fields(pkgID)[0]] = true
			for _, raw := range byAnalyzer {
				var ds []vetDiag
				if err := json.Unmarshal(raw, &ds); err != nil {
					continue // {"error": "..."} entries
				}
				for _, d := range ds {
					conv.addVet(strings.Fields(pkgID)[0], d)
				}
			}
		}
		return nil
	}
	for sc.Scan() {
		line := sc.Text()
		if depth == 0 {
			t := strings.TrimSpace(line)
			switch {
			case t == "":
				continue
			case strings.HasPrefix(t, "#"):
				continue
			case !strings.HasPrefix(t, "{"):
				problems = append(problems, t)
				continue
			}
		}
		obj.WriteString(line)
		obj.WriteByte('\n')
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth <= 0 {
			depth = 0
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading go vet output: %w", err)
	}
	return problems, nil
}

// splitPosn splits "file:line:col".
func splitPosn(s string) (file string, line, col int) {
	parts := strings.Split(s, ":")
	if len(parts) >= 3 {
		fmt.Sscan(parts[len(parts)-2], &line)
		fmt.Sscan(parts[len(parts)-1], &col)
		return strings.Join(parts[:len(parts)-2], ":"), line, col
	}
	return s, 0, 0
}

// offsetOf returns the byte offset of line:col in file.
func (c *converter) offsetOf(file string, line, col int) (int, bool) {
	src, ok := c.files[file]
	if !ok {
		src, _ = os.ReadFile(file)
		c.files[file] = src
	}
	l, off := 1, 0
	for off < len(src) && l < line {
		if src[off] == '\n' {
			l++
		}
		off++
	}
	off += col - 1
	if l != line || off > len(src) {
		return 0, false
	}
	return off, true
}

func (c *converter) addVet(pkgPath string, d vetDiag) {
	file, line, col := splitPosn(d.Posn)
	key := fmt.Sprintf("%s:%d:%d:%s", file, line, col, d.Category)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	out := FromParts(d.Category, d.Message)
	out.File, out.Line, out.Column = c.rel(file), line, col
	out.EndLine, out.EndColumn = line, col
	if d.End != "" {
		_, el, ec := splitPosn(d.End)
		out.EndLine, out.EndColumn = el, ec
	}
	if out.EndLine == line && out.EndColumn <= col {
		if off, ok := c.offsetOf(file, line, col); ok {
			end := c.tokenEnd(token.Position{Filename: file, Line: line, Column: col, Offset: off})
			out.EndColumn = end.Column
		}
	}
	out.Package = pkgPath
	for _, r := range d.Related {
		f, l, cl := splitPosn(r.Posn)
		out.Related = append(out.Related, diagnostics.Related{Message: r.Message, File: c.rel(f), Line: l, Column: cl})
	}
	for _, f := range d.SuggestedFixes {
		fix := diagnostics.Fix{Message: f.Message}
		for _, e := range f.Edits {
			fix.Edits = append(fix.Edits, diagnostics.Edit{File: c.rel(e.Filename), StartOffset: e.Start, EndOffset: e.End, NewText: e.New})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	c.out = append(c.out, out)
	c.abs = append(c.abs, file)
}
