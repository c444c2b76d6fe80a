// Package report turns analyzer findings into analysis.Diagnostics the way
// every fa check reports them: the message starts with the code (plain go
// vet prints no analyzer name), the Category is the code, and findings
// suppressed by //fa:ignore or //fa:file-ignore comments, or dropped by the
// run's lint policy (levels, minimum severity, excluded files: package
// internal/lint), are not reported. Every driver sees only what passes
// here, so fa, go vet and golangci-lint agree.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/lint"
)

// InvalidSuppression is the code of a malformed suppression comment: one
// without a reason, or naming an unknown code.
const InvalidSuppression = "FA001"

// Diag is one finding of a check.
type Diag struct {
	Code    string // "FA601"
	Pos     token.Pos
	End     token.Pos // may be NoPos
	Message string    // without the code prefix
	Related []analysis.RelatedInformation
	Fixes   []analysis.SuggestedFix
}

// Suppressions holds the //fa:ignore and //fa:file-ignore comments of a
// package.
type Suppressions struct {
	fset  *token.FileSet
	lines map[string]map[int][]string // file name -> line -> codes
	files map[string][]string         // file name -> codes ignored file-wide
	// Problems lists malformed directives, reported as FA001.
	Problems []Diag
}

var directiveRE = regexp.MustCompile(`^//fa:(ignore|file-ignore)\b(.*)$`)

// ParseSuppressions scans the comments of files for fa directives.
func ParseSuppressions(fset *token.FileSet, files []*ast.File) *Suppressions {
	s := &Suppressions{fset: fset, lines: map[string]map[int][]string{}, files: map[string][]string{}}
	for _, f := range files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				if !strings.Contains(c.Text, "fa:") {
					continue
				}
				m := directiveRE.FindStringSubmatch(c.Text)
				if m == nil {
					continue
				}
				s.add(c, m[1], strings.Fields(m[2]))
			}
		}
	}
	return s
}

func (s *Suppressions) add(c *ast.Comment, kind string, fields []string) {
	bad := func(format string, args ...any) {
		s.Problems = append(s.Problems, Diag{Code: InvalidSuppression, Pos: c.Pos(), End: c.End(),
			Message: fmt.Sprintf(format, args...)})
	}
	if len(fields) == 0 {
		bad("//fa:%s names no code (want //fa:%s FA601 reason)", kind, kind)
		return
	}
	var codes []string
	i := 0
	for ; i < len(fields); i++ {
		f := strings.TrimSuffix(fields[i], ",")
		if !looksLikeCode(f) {
			break
		}
		for _, code := range strings.Split(f, ",") {
			info, ok := diagnostics.Lookup(code)
			if !ok {
				bad("//fa:%s names unknown code %s", kind, code)
				return
			}
			codes = append(codes, info.Code)
		}
	}
	if len(codes) == 0 {
		bad("//fa:%s names no code (want //fa:%s FA601 reason)", kind, kind)
		return
	}
	if i == len(fields) {
		bad("//fa:%s %s has no reason; say why the finding does not apply", kind, strings.Join(codes, ","))
		return
	}
	pos := s.fset.Position(c.Pos())
	if kind == "file-ignore" {
		s.files[pos.Filename] = append(s.files[pos.Filename], codes...)
		return
	}
	if s.lines[pos.Filename] == nil {
		s.lines[pos.Filename] = map[int][]string{}
	}
	s.lines[pos.Filename][pos.Line] = append(s.lines[pos.Filename][pos.Line], codes...)
}

// looksLikeCode reports whether a directive field names codes: "FA601",
// "FA601,FA606" or a kebab name such as "frame-escape".
func looksLikeCode(s string) bool {
	for _, part := range strings.Split(s, ",") {
		if len(part) > 2 && strings.EqualFold(part[:2], "FA") && strings.Trim(part[2:], "0123456789") == "" {
			continue
		}
		if _, ok := diagnostics.Lookup(part); ok {
			continue
		}
		return false
	}
	return true
}

// Suppressed reports whether a finding of code at pos is suppressed by a
// directive on its line, on the line above, or file-wide.
func (s *Suppressions) Suppressed(code string, pos token.Pos) bool {
	if s == nil || !pos.IsValid() {
		return false
	}
	p := s.fset.Position(pos)
	for _, c := range s.files[p.Filename] {
		if c == code {
			return true
		}
	}
	lines := s.lines[p.Filename]
	for _, l := range []int{p.Line, p.Line - 1} {
		for _, c := range lines[l] {
			if c == code {
				return true
			}
		}
	}
	return false
}

// Report reports d on pass unless it is suppressed or the policy does not
// report it. A nil policy reports everything.
func Report(pass *analysis.Pass, s *Suppressions, policy *lint.Policy, d Diag) {
	d.Pos, d.End = callStart(pass.Fset, pass.Files, d.Pos, d.End)
	if s.Suppressed(d.Code, d.Pos) {
		return
	}
	if policy != nil {
		if _, ok := policy.Grade(d.Code, pass.Fset.Position(d.Pos).Filename); !ok {
			return
		}
	}
	for i := range d.Related {
		r := &d.Related[i]
		r.Pos, r.End = callStart(pass.Fset, pass.Files, r.Pos, r.End)
	}
	pass.Report(analysis.Diagnostic{
		Pos:            d.Pos,
		End:            d.End,
		Category:       d.Code,
		Message:        d.Code + ": " + d.Message,
		URL:            diagnostics.DocURL(d.Code),
		Related:        d.Related,
		SuggestedFixes: d.Fixes,
	})
}

// callStart moves a position at the opening parenthesis of a call (where
// SSA places calls) to the start of the call expression when both are on
// one line, so that a finding about a call points at the call
// (arb.Update(info), not its "("); the line never changes (a chain of
// calls over several lines keeps the line of the call's parenthesis).
// end, when unset, becomes the end of the call.
func callStart(fset *token.FileSet, files []*ast.File, pos, end token.Pos) (token.Pos, token.Pos) {
	if !pos.IsValid() {
		return pos, end
	}
	for _, f := range files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		var call *ast.CallExpr
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			if c, ok := n.(*ast.CallExpr); ok && c.Lparen == pos {
				call = c
				break
			}
		}
		if call == nil {
			return pos, end
		}
		if !end.IsValid() || end <= pos {
			end = call.End()
		}
		if fset.Position(call.Pos()).Line != fset.Position(pos).Line {
			return pos, end
		}
		return call.Pos(), end
	}
	return pos, end
}
