// Package driver loads Go packages and runs the fa analyzers on them,
// turning analysis diagnostics into diagnostics.Diagnostic records.
//
// Two drivers share one analyzer graph and one lint policy: Run loads
// packages in process with go/packages and runs a copy of the analyzers
// (analyzers.New) with golang.org/x/tools/go/analysis/checker; RunVet runs
// `go vet -vettool=<fa> -json` with the same settings as analyzer flags and
// parses its output (cached by cmd/go and bounded in memory, for very large
// repositories). Either way the analyzers apply the policy (package
// internal/lint) as they report; the driver only gives each diagnostic the
// severity that policy assigns it.
package driver

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/lint"
)

// AllocatorPath is the import path of the allocator package.
const AllocatorPath = "github.com/framealloc/fa/allocator"

// Options configures one run.
type Options struct {
	// Dir is the directory packages are resolved in and diagnostics'
	// paths are relative to (default: the working directory).
	Dir string
	// Patterns are the package patterns (default "./...").
	Patterns []string
	// Tags are build tags (-tags).
	Tags []string
	// Settings are the lint settings of the run, given to the analyzers.
	// A relative Settings.Config is relative to Dir.
	Settings lint.Settings
}

// Result is what a run produced.
type Result struct {
	// Diagnostics are sorted and deduplicated, each with the severity the
	// lint policy of its package gives it.
	Diagnostics []diagnostics.Diagnostic
	Packages    int // packages analysed (without test variants)
	Files       int // Go files analysed
}

// LoadError reports packages that failed to load or type-check.
type LoadError struct {
	Problems []string // "pkg: error", one per problem
}

// Error lists the problems.
func (e *LoadError) Error() string {
	return fmt.Sprintf("%d package problem(s); nothing was analysed:\n  %s",
		len(e.Problems), strings.Join(e.Problems, "\n  "))
}

func (o *Options) dir() (string, error) {
	d := o.Dir
	if d == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("working directory: %w", err)
		}
		d = wd
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", fmt.Errorf("directory %s: %w", d, err)
	}
	return abs, nil
}

// settings returns the normalized settings with paths made absolute
// against dir (go vet runs the tool in each package's directory).
func (o *Options) settings(dir string) (lint.Settings, error) {
	s, err := o.Settings.Normalize()
	if err != nil {
		return lint.Settings{}, err
	}
	if s.Config != "" && !filepath.IsAbs(s.Config) {
		s.Config = filepath.Join(dir, s.Config)
	}
	switch {
	case len(s.Exclude) == 0:
		s.ExcludeRoot = ""
	case s.ExcludeRoot == "":
		s.ExcludeRoot = dir
	case !filepath.IsAbs(s.ExcludeRoot):
		s.ExcludeRoot = filepath.Join(dir, s.ExcludeRoot)
	}
	return s, nil
}

func (o *Options) patterns() []string {
	if len(o.Patterns) == 0 {
		return []string{"./..."}
	}
	return o.Patterns
}

func (o *Options) buildFlags() []string {
	if len(o.Tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(o.Tags, ",")}
}

// Run lists the packages matching the patterns, loads full syntax only for
// the ones that reach the allocator (directly or transitively), runs the
// analyzers on them and returns the converted diagnostics.
func Run(opts Options) (*Result, error) {
	dir, err := opts.dir()
	if err != nil {
		return nil, err
	}
	settings, err := opts.settings(dir)
	if err != nil {
		return nil, err
	}
	policies := lint.NewResolver(settings)
	top, err := policies.Policy(dir)
	if err != nil {
		return nil, err
	}

	// Phase 1: a cheap listing (names, files, imports; no types, no syntax).
	listCfg := &packages.Config{
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps,
		Dir:        dir,
		Tests:      true,
		BuildFlags: opts.buildFlags(),
	}
	listed, err := packages.Load(listCfg, opts.patterns()...)
	if err != nil {
		return nil, fmt.Errorf("listing packages: %w", err)
	}
	if problems := loadProblems(listed, false); len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	allocs := append([]string{AllocatorPath}, top.Config().Allocator.Packages...)
	reach := reaching(listed, allocs)

	res := &Result{}
	var roots []string // import paths (of packages under test) that reach
	seenRoot := map[string]bool{}
	counted := map[string]bool{}
	for _, p := range listed {
		base := basePath(p)
		if !counted[base] && !strings.HasSuffix(p.ID, ".test") {
			counted[base] = true
			res.Packages++
		}
		if reach[p.ID] && !seenRoot[base] && !strings.HasSuffix(p.ID, ".test") {
			seenRoot[base] = true
			roots = append(roots, base)
		}
	}
	files := map[string]bool{}
	for _, p := range listed {
		if strings.HasSuffix(p.ID, ".test") {
			continue
		}
		for _, f := range p.GoFiles {
			files[f] = true
		}
	}
	res.Files = len(files)
	// Packages that do not reach the allocator are not type-checked (that
	// is what makes them cheap), but broken syntax in them is still a
	// package that does not load: parse their files.
	if problems := syntaxProblems(listed, reach, allocs); len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	if len(roots) == 0 {
		return res, nil
	}
	slices.Sort(roots)

	// Phase 2: full syntax and types for the reaching packages.
	cfg := &packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule,
		Dir:        dir,
		Tests:      true,
		BuildFlags: opts.buildFlags(),
	}
	pkgs, err := packages.Load(cfg, roots...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	if problems := loadProblems(pkgs, true); len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	graph, err := checker.Analyze(analyzers.New(settings), pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("running analyzers: %w", err)
	}
	conv := newConverter(dir, policies)
	var failures []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			failures = append(failures, fmt.Sprintf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err))
			continue
		}
		pkgPath := act.Package.PkgPath
		for _, d := range act.Diagnostics {
			conv.add(act.Package.Fset, pkgPath, d)
		}
	}
	if len(failures) > 0 {
		slices.Sort(failures)
		return nil, fmt.Errorf("analysis failed:\n  %s", strings.Join(failures, "\n  "))
	}
	if res.Diagnostics, err = conv.result(); err != nil {
		return nil, err
	}
	return res, nil
}

// basePath is the import path of the package a (test) variant belongs to:
// "p" for p, "p [p.test]" and "p_test [p.test]".
func basePath(p *packages.Package) string {
	if i := strings.Index(p.ID, " ["); i >= 0 {
		inner := strings.TrimSuffix(p.ID[i+2:], "]")
		return strings.TrimSuffix(inner, ".test")
	}
	return strings.TrimSuffix(p.PkgPath, ".test")
}

// reaching returns the IDs of the packages that import one of allocs,
// directly or transitively (the allocator packages themselves excluded).
func reaching(pkgs []*packages.Package, allocs []string) map[string]bool {
	memo := map[string]int{} // 0 unknown, 1 visiting/no, 2 yes
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		switch memo[p.ID] {
		case 1:
			return false
		case 2:
			return true
		}
		memo[p.ID] = 1
		for path, imp := range p.Imports {
			if slices.Contains(allocs, path) || slices.Contains(allocs, imp.PkgPath) || visit(imp) {
				memo[p.ID] = 2
				return true
			}
		}
		return false
	}
	out := map[string]bool{}
	for _, p := range pkgs {
		if visit(p) && !slices.Contains(allocs, p.PkgPath) {
			out[p.ID] = true
		}
	}
	return out
}

// syntaxProblems parses the Go files of the listed packages that do not
// reach the allocator (test variants included) and returns their syntax
// errors, one per file.
func syntaxProblems(listed []*packages.Package, reach map[string]bool, allocs []string) []string {
	fset := token.NewFileSet()
	parsed := map[string]bool{}
	var out []string
	for _, p := range listed {
		if reach[p.ID] || slices.Contains(allocs, p.PkgPath) {
			continue
		}
		for _, f := range p.GoFiles {
			if parsed[f] {
				continue
			}
			parsed[f] = true
			if _, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution); err != nil {
				out = append(out, fmt.Sprintf("%s: %v", p.ID, err))
			}
		}
	}
	slices.Sort(out)
	return out
}

// loadProblems lists the errors of the packages and their dependencies.
func loadProblems(pkgs []*packages.Package, typed bool) []string {
	var out []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if !typed && e.Kind == packages.TypeError {
				continue
			}
			s := fmt.Sprintf("%s: %s", p.ID, e)
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	})
	slices.Sort(out)
	return out
}

// converter turns analysis diagnostics into fa diagnostics, deduplicating
// those reported twice (for p and p [p.test]) by position and code, and
// gives each the severity of its package's lint policy.
type converter struct {
	dir      string
	policies *lint.Resolver
	files    map[string][]byte // source cache for end positions
	seen     map[string]bool
	out      []diagnostics.Diagnostic
	abs      []string // absolute file of each of out
}

func newConverter(dir string, policies *lint.Resolver) *converter {
	return &converter{dir: dir, policies: policies, seen: map[string]bool{}, files: map[string][]byte{}}
}

func (c *converter) rel(path string) string {
	if path == "" {
		return ""
	}
	if r, err := filepath.Rel(c.dir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

func (c *converter) add(fset *token.FileSet, pkgPath string, d analysis.Diagnostic) {
	start := fset.Position(d.Pos)
	end := start
	if d.End.IsValid() && d.End > d.Pos {
		end = fset.Position(d.End)
	} else {
		end = c.tokenEnd(start)
	}
	code := d.Category
	key := fmt.Sprintf("%s:%d:%d:%s", start.Filename, start.Line, start.Column, code)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	out := FromParts(code, d.Message)
	out.File = c.rel(start.Filename)
	out.Line, out.Column = start.Line, start.Column
	out.EndLine, out.EndColumn = end.Line, end.Column
	out.Package = pkgPath
	for _, r := range d.Related {
		p := fset.Position(r.Pos)
		out.Related = append(out.Related, diagnostics.Related{Message: r.Message, File: c.rel(p.Filename), Line: p.Line, Column: p.Column})
	}
	for _, f := range d.SuggestedFixes {
		fix := diagnostics.Fix{Message: f.Message}
		for _, e := range f.TextEdits {
			sp := fset.Position(e.Pos)
			ep := sp
			if e.End.IsValid() {
				ep = fset.Position(e.End)
			}
			fix.Edits = append(fix.Edits, diagnostics.Edit{File: c.rel(sp.Filename), StartOffset: sp.Offset, EndOffset: ep.Offset, NewText: string(e.NewText)})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	c.out = append(c.out, out)
	c.abs = append(c.abs, start.Filename)
}

// tokenEnd extends a position with no end over the identifier (or the
// single character) that starts there.
func (c *converter) tokenEnd(p token.Position) token.Position {
	src, ok := c.files[p.Filename]
	if !ok {
		src, _ = os.ReadFile(p.Filename)
		c.files[p.Filename] = src
	}
	end := p
	i := p.Offset
	if i < 0 || i >= len(src) {
		return end
	}
	j := i
	for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9' || src[j] >= 0x80) {
		j++
	}
	if j == i && src[j] != '\n' {
		j++
	}
	end.Offset = j
	end.Column = p.Column + (j - i)
	return end
}

// result grades and sorts the diagnostics: the analyzers reported only
// what the policy of each package keeps; its severity comes from the same
// policy, found from the diagnostic's directory (a package's directory).
func (c *converter) result() ([]diagnostics.Diagnostic, error) {
	for i := range c.out {
		p, err := c.policies.Policy(filepath.Dir(c.abs[i]))
		if err != nil {
			return nil, err
		}
		c.out[i].Severity = p.Severity(c.out[i].Code)
	}
	Sort(c.out)
	return c.out, nil
}

// FromParts fills code, name, category, default severity and message
// (without its "CODE: " prefix) from an analysis category and message.
func FromParts(code, message string) diagnostics.Diagnostic {
	if code == "" {
		if i := strings.Index(message, ": "); i > 0 && strings.HasPrefix(message, "FA") {
			code = message[:i]
		}
	}
	d := diagnostics.Diagnostic{Code: code, Message: strings.TrimPrefix(message, code+": ")}
	if info, ok := diagnostics.Lookup(code); ok {
		d.Name, d.Category, d.Severity = info.Name, info.Category, info.Severity
	}
	return d
}

// Sort orders diagnostics by file, line, column and code.
func Sort(ds []diagnostics.Diagnostic) {
	slices.SortStableFunc(ds, func(a, b diagnostics.Diagnostic) int {
		switch {
		case a.File != b.File:
			return strings.Compare(a.File, b.File)
		case a.Line != b.Line:
			return a.Line - b.Line
		case a.Column != b.Column:
			return a.Column - b.Column
		}
		return strings.Compare(a.Code, b.Code)
	})
}
