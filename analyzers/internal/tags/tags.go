// Package tags resolves the subsystem tags a package allocates under, for
// the architecture checks FA801 tag-mismatch, FA802 unknown-tag and FA803
// cross-module-allocation, and for `fa init`.
//
// A tag is the first argument of l.WithTag(tag, fn), or the name given to
// a.Tag(name) for the handle t of l.EnterTag(t). Only constant tags count:
// constant expressions, named constants and exported constants of other
// packages are folded by the type checker (go/types constant values); a
// variable, a parameter or a computed string is not a tag the checks can
// reason about. A handle is followed from the a.Tag call that made it
// through variables, package-level variables and fields holding it
// (handle.go). Phase names (BeginPhase) and scratch names (NewScratch) are
// not tags, and allocations outside any WithTag closure or EnterTag region
// are untagged.
//
// An EnterTag region, from `s := l.EnterTag(t)` to `s.Exit()` (to the
// function's end with `defer l.EnterTag(t).Exit()`), counts exactly like a
// WithTag closure (region.go): its allocations, those of the helpers it
// calls and the WithTag calls and regions in it are under its tag.
//
// Nested WithTag calls (and EnterTag regions) form a path,
// "physics/broadphase"; the outermost tag is the module tag, the one
// .fa.toml's [tags.modules] is about. A constant "physics/broadphase"
// written in one call (or one a.Tag handle) counts as that path, so its
// first segment is the module tag too. A WithTag call is nested when every
// way the package runs the function holding it runs it inside another
// WithTag closure: the closure itself or a func literal inside it, a helper
// called only from such places, a callback passed (through any number of
// the package's functions) to a WithTag call or called inside a WithTag
// closure, a method called through an interface or a func value the call
// graph resolves there (nest.go says how). Exported functions and methods
// of exported types may be called untagged from other packages: their
// WithTag calls are outermost.
//
// A WithTag call or EnterTag region matters only if the package allocates
// under it: an allocator allocation call, or a helper whose framecore facts
// say it allocates, in this or any other package, or a function the
// package runs under it.
package tags

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// Analyzer resolves the WithTag and EnterTag calls of a package once for
// the three architecture checks. Its result is a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "fatags",
	Doc:        "resolves the constant WithTag and EnterTag tags a package allocates under (shared by FA801, FA802 and FA803)",
	URL:        "https://github.com/framealloc/fa",
	Requires:   []*analysis.Analyzer{framecore.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// Result lists the WithTag and EnterTag calls of one package.
type Result struct {
	// Path is the import path .fa.toml's [tags.modules] is matched
	// against: the package's path, with the "_test" suffix of an external
	// test package removed (its tests belong to the package).
	Path string
	// Uses lists every WithTag and EnterTag call, function by function in
	// instruction order.
	Uses []*Use
}

// Kind says how a use enters its tag.
type Kind uint8

// The kinds of tag uses.
const (
	// WithTag is l.WithTag(tag, fn): fn runs under the tag.
	WithTag Kind = iota
	// EnterTag is l.EnterTag(t): the region from the call to the Exit of
	// the TagScope it returns (to the function's end when the Exit is
	// deferred) runs under the tag of the handle t.
	EnterTag
)

// Use is one l.WithTag(tag, fn) or l.EnterTag(t) call.
type Use struct {
	Kind Kind
	// Call is the WithTag or EnterTag call expression; diagnostics point
	// at it.
	Call *ast.CallExpr
	// Instr is the call instruction.
	Instr ssa.CallInstruction
	// Fn is the function whose body holds the call.
	Fn *ssa.Function
	// Tag is the constant value of the tag, when Const: WithTag's
	// argument, or the name given to the a.Tag(name) call that made
	// EnterTag's handle.
	Tag   string
	Const bool
	// Lit is the string literal the tag is written as, when it is one
	// (suggested fixes edit it): WithTag's argument, or the argument of
	// the one a.Tag call that made EnterTag's handle.
	Lit *ast.BasicLit
	// Outer is the use this one is nested in, or nil when the use is
	// outermost: its tag is the module tag.
	Outer *Use
	// Allocates reports whether the package allocates under the use:
	// in its closure or region, directly, through helpers, through
	// functions the package runs there, or in nested uses. A closure that the analysis
	// cannot follow (a func value loaded from a field) counts as not
	// allocating.
	Allocates bool
	// index is the use's position in Result.Uses.
	index int
}

// Pos returns the position of the WithTag or EnterTag call.
func (u *Use) Pos() token.Pos { return u.Call.Pos() }

// End returns the end of the WithTag or EnterTag call.
func (u *Use) End() token.Pos { return u.Call.End() }

// TagExpr returns the tag argument as written: WithTag's tag, EnterTag's
// handle.
func (u *Use) TagExpr() ast.Expr { return u.Call.Args[0] }

// ModuleTag returns the module tag of an outermost call with a constant
// tag: the tag up to its first "/". ok is false for nested calls, for
// non-constant tags and for an empty module tag.
func (u *Use) ModuleTag() (tag string, ok bool) {
	if u.Outer != nil || !u.Const {
		return "", false
	}
	tag, _, _ = strings.Cut(u.Tag, "/")
	return tag, tag != ""
}

// Path returns the tag path of the call, from the outermost use down to
// this one, a non-constant tag written as "?".
func (u *Use) Path() string {
	var parts []string
	seen := map[*Use]bool{}
	for v := u; v != nil && !seen[v]; v = v.Outer {
		seen[v] = true
		t := v.Tag
		if !v.Const {
			t = "?"
		}
		parts = append([]string{t}, parts...)
	}
	return strings.Join(parts, "/")
}

// Allocating returns the outermost uses with a constant module tag the
// package allocates under: the allocations the architecture checks are
// about.
func (r *Result) Allocating() []*Use {
	var out []*Use
	for _, u := range r.Uses {
		if _, ok := u.ModuleTag(); ok && u.Allocates {
			out = append(out, u)
		}
	}
	return out
}

// ModuleTags returns the distinct constant module tags of the package's
// outermost uses, and those of them it allocates under, both in order of
// first appearance.
func (r *Result) ModuleTags() (used, allocating []string) {
	seenUsed, seenAlloc := map[string]bool{}, map[string]bool{}
	for _, u := range r.Uses {
		tag, ok := u.ModuleTag()
		if !ok {
			continue
		}
		if !seenUsed[tag] {
			seenUsed[tag] = true
			used = append(used, tag)
		}
		if u.Allocates && !seenAlloc[tag] {
			seenAlloc[tag] = true
			allocating = append(allocating, tag)
		}
	}
	return used, allocating
}

// TagNames returns every tag name of the package's constant tags, nested
// or not, each segment of a path "physics/solver" on its own, in order of
// first appearance, whether or not the package allocates under it: the
// names [tags].known lists.
func (r *Result) TagNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, u := range r.Uses {
		if !u.Const {
			continue
		}
		for seg := range strings.SplitSeq(u.Tag, "/") {
			if seg != "" && !seen[seg] {
				seen[seg] = true
				names = append(names, seg)
			}
		}
	}
	return names
}

func run(pass *analysis.Pass) (any, error) {
	core := required.Result[*framecore.Result](pass)
	res := &Result{Path: configPath(pass.Pkg)}
	if !core.Reaches {
		return res, nil
	}
	r := &resolver{pass: pass, core: core}
	r.collect()
	if len(r.uses) == 0 {
		return res, nil
	}
	r.computeRegions()
	n := newNester(r)
	r.resolveHandles(n)
	n.solve()
	n.assign()
	res.Uses = r.uses
	return res, nil
}

// configPath returns the path .fa.toml maps for pkg.
func configPath(pkg *types.Package) string {
	if strings.HasSuffix(pkg.Name(), "_test") {
		if p, ok := strings.CutSuffix(pkg.Path(), "_test"); ok {
			return p
		}
	}
	return pkg.Path()
}

type resolver struct {
	pass  *analysis.Pass
	core  *framecore.Result
	uses  []*Use
	calls map[token.Pos]*ast.CallExpr
	// regions holds the EnterTag regions of each function.
	regions map[*ssa.Function][]*region
}

// callExpr returns the call expression of a call instruction.
func (r *resolver) callExpr(ci ssa.CallInstruction) *ast.CallExpr {
	if r.calls == nil {
		r.calls = callExprs(r.pass.Files)
	}
	return r.calls[ci.Common().Pos()]
}

// collect finds the WithTag and EnterTag calls and folds the tags of the
// WithTag calls (resolveHandles does those of EnterTag).
func (r *resolver) collect() {
	for _, fn := range r.core.Funcs {
		for _, c := range r.core.Calls[fn] {
			var u *Use
			switch {
			case c.Op == allocapi.OpWithTag && len(c.Args) == 3:
				call := r.callExpr(c.Instr)
				if call == nil || len(call.Args) != 2 {
					continue
				}
				u = &Use{Kind: WithTag, Call: call}
				if tv, ok := r.pass.TypesInfo.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
					u.Tag, u.Const = constant.StringVal(tv.Value), true
					u.Lit = stringLit(call.Args[0])
				}
			case c.Op == allocapi.OpEnterTag && len(c.Args) == 2:
				call := r.callExpr(c.Instr)
				if call == nil || len(call.Args) != 1 {
					continue
				}
				u = &Use{Kind: EnterTag, Call: call}
			default:
				continue
			}
			u.Instr, u.Fn, u.index = c.Instr, fn, len(r.uses)
			r.uses = append(r.uses, u)
		}
	}
}

// stringLit returns e when it is a string literal (a parenthesized one
// included), else nil.
func stringLit(e ast.Expr) *ast.BasicLit {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		return lit
	}
	return nil
}

// callExprs indexes the call expressions of files by the position of
// their opening parenthesis, the position SSA gives a call.
func callExprs(files []*ast.File) map[token.Pos]*ast.CallExpr {
	m := map[token.Pos]*ast.CallExpr{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				m[call.Lparen] = call
			}
			return true
		})
	}
	return m
}

// declared returns the declared function or method fn is (or wraps, for
// bound method values and method expressions), its generic origin for
// instances; nil for func literals.
func declared(fn *ssa.Function) *types.Func {
	if fn == nil {
		return nil
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil {
		return obj.Origin()
	}
	if fn.Origin() != nil {
		return declared(fn.Origin())
	}
	return nil
}

// NewCheck returns the analyzer of an architecture code: a check.New
// check that also requires Analyzer and receives its result.
func NewCheck(code string, run func(*check.Pass, *Result) error) *analysis.Analyzer {
	a := check.New(code, func(p *check.Pass) error {
		return run(p, required.Result[*Result](p.Pass))
	})
	a.Requires = append(a.Requires, Analyzer)
	return a
}

// ReportPlacement is the run function of FA801 and FA803, which divide one
// question between them: for each allocation under a constant tag, Place
// decides whether the package may allocate under its module tag, and the
// check whose code the answer names reports it (never both).
func ReportPlacement(p *check.Pass, r *Result) error {
	cfg := p.Core.Config
	if len(cfg.Tags.Modules) == 0 {
		return nil
	}
	for _, u := range r.Allocating() {
		tag, _ := u.ModuleTag()
		if pl := Place(cfg, r.Path, tag); pl.Code() == p.Code {
			p.Reportf(u.Pos(), u.End(), "%s", pl.Message(cfg))
		}
	}
	return nil
}
