// Package tags resolves the subsystem tags a package allocates under, for
// the architecture checks FA801 tag-mismatch, FA802 unknown-tag and FA803
// cross-module-allocation, and for `fa init`.
//
// A tag is the first argument of l.WithTag(tag, fn). Only constant tags
// count: constant expressions, named constants and exported constants of
// other packages are folded by the type checker (go/types constant
// values); a variable, a parameter or a computed string is not a tag the
// checks can reason about. Phase names (BeginPhase) and scratch names
// (NewScratch) are not tags, and allocations outside any WithTag closure are
// untagged.
//
// Nested WithTag calls form a path, "physics/broadphase"; the outermost tag
// is the module tag, the one .fa.toml's [tags.modules] is about. A constant
// "physics/broadphase" written in one call counts as that path, so its
// first segment is the module tag too. A WithTag call is nested when it
// sits in the closure of another WithTag call (directly or in a func
// literal inside it), and also when it sits in an unexported function of
// the same package that is only ever called from inside WithTag closures.
//
// A WithTag call matters only if its closure allocates: an allocator
// allocation call, or a helper whose framecore facts say it allocates, in
// this or any other package.
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

// Analyzer resolves the WithTag calls of a package once for the three
// architecture checks. Its result is a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "fatags",
	Doc:        "resolves the constant WithTag tags a package allocates under (shared by FA801, FA802 and FA803)",
	URL:        "https://github.com/framealloc/fa",
	Requires:   []*analysis.Analyzer{framecore.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// Result lists the WithTag calls of one package.
type Result struct {
	// Path is the import path .fa.toml's [tags.modules] is matched
	// against: the package's path, with the "_test" suffix of an external
	// test package removed (its tests belong to the package).
	Path string
	// Uses lists every WithTag call, in source order.
	Uses []*Use
}

// Use is one l.WithTag(tag, fn) call.
type Use struct {
	// Call is the WithTag call expression; diagnostics point at it.
	Call *ast.CallExpr
	// Fn is the function whose body holds the call.
	Fn *ssa.Function
	// Tag is the constant value of the tag argument, when Const.
	Tag   string
	Const bool
	// Outer is the WithTag call this one is nested in, or nil when the
	// call is outermost: its tag is the module tag.
	Outer *Use
	// Allocates reports whether fn allocates: directly, through helpers
	// or in nested WithTag closures. A closure that is not a func literal
	// or a function known statically counts as not allocating.
	Allocates bool
}

// Pos returns the position of the WithTag call.
func (u *Use) Pos() token.Pos { return u.Call.Pos() }

// End returns the end of the WithTag call.
func (u *Use) End() token.Pos { return u.Call.End() }

// TagExpr returns the tag argument as written.
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

// Path returns the tag path of the call, from the outermost WithTag down
// to this one, a non-constant tag written as "?".
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

// Allocating returns the outermost calls with a constant module tag whose
// closure allocates: the allocations the architecture checks are about.
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
// outermost WithTag calls, and those of them it allocates under, both in
// order of first appearance.
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

func run(pass *analysis.Pass) (any, error) {
	core := required.Result[*framecore.Result](pass)
	res := &Result{Path: configPath(pass.Pkg)}
	if !core.Reaches {
		return res, nil
	}
	r := &resolver{pass: pass, core: core, closureOf: map[*ssa.Function]*Use{}}
	r.collect()
	if len(r.uses) == 0 {
		return res, nil
	}
	r.nest()
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
	pass *analysis.Pass
	core *framecore.Result
	uses []*Use
	// closureOf maps a func literal passed as a WithTag closure to its
	// call.
	closureOf map[*ssa.Function]*Use
	// named maps declared functions passed as a WithTag closure to the
	// calls they are passed to.
	named map[*types.Func][]*Use
}

// collect finds the WithTag calls, folds their tags and records their
// closures.
func (r *resolver) collect() {
	var calls map[token.Pos]*ast.CallExpr
	r.named = map[*types.Func][]*Use{}
	for _, fn := range r.core.Funcs {
		for _, c := range r.core.Calls[fn] {
			if c.Op != allocapi.OpWithTag || len(c.Args) != 3 {
				continue
			}
			if calls == nil {
				calls = callExprs(r.pass.Files)
			}
			call := calls[c.Instr.Common().Pos()]
			if call == nil || len(call.Args) != 2 {
				continue
			}
			u := &Use{Call: call, Fn: fn}
			if tv, ok := r.pass.TypesInfo.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				u.Tag, u.Const = constant.StringVal(tv.Value), true
			}
			switch cl := c.Args[2].(type) {
			case *ssa.MakeClosure:
				target := cl.Fn.(*ssa.Function)
				u.Allocates = r.allocates(target)
				if target.Parent() != nil {
					r.closureOf[target] = u
				} else if obj := declared(target); obj != nil {
					// A bound method value l.WithTag(t, w.step).
					r.named[obj] = append(r.named[obj], u)
				}
			case *ssa.Function:
				u.Allocates = r.allocates(cl)
				if cl.Parent() != nil {
					r.closureOf[cl] = u
				} else if obj := declared(cl); obj != nil {
					r.named[obj] = append(r.named[obj], u)
				}
			}
			r.uses = append(r.uses, u)
		}
	}
}

func (r *resolver) allocates(fn *ssa.Function) bool {
	f := r.core.FactOf(fn)
	return f != nil && f.Allocates
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

// nest sets the Outer call of every WithTag call: the WithTag whose
// closure the function holding the call runs in.
//
// A func literal runs in the context of the WithTag it is passed to, else
// in that of the function it is written in. An unexported function or
// method of the package runs in a WithTag context when every use of it is
// a call (or a WithTag closure argument) made in one: then its own WithTag
// calls are nested, and the tag path starts at its callers'. Functions used
// any other way (exported, stored, started with go, called through an
// interface) may run untagged, so their WithTag calls are outermost.
func (r *resolver) nest() {
	sites := r.sites()
	ctxFn := map[*ssa.Function]*Use{} // func literals
	ctxObj := map[*types.Func]*Use{}  // declared functions
	ctxOf := func(fn *ssa.Function) *Use {
		if fn.Parent() != nil {
			return ctxFn[fn]
		}
		return ctxObj[declared(fn)]
	}
	// Contexts only ever go from nil to a call, so this terminates; each
	// round settles at least one more function.
	for changed := true; changed; {
		changed = false
		for _, fn := range r.core.Funcs {
			var ctx *Use
			if fn.Parent() != nil {
				ctx = r.closureOf[fn]
				if ctx == nil {
					ctx = ctxOf(fn.Parent())
				}
				if ctx != nil && ctxFn[fn] == nil {
					ctxFn[fn] = ctx
					changed = true
				}
				continue
			}
			obj := declared(fn)
			s, ok := sites[obj]
			if !ok || s.escapes || ctxObj[obj] != nil || len(s.callers)+len(r.named[obj]) == 0 {
				continue
			}
			for _, caller := range s.callers {
				c := ctxOf(caller)
				if c == nil {
					ctx = nil
					break
				}
				if ctx == nil {
					ctx = c
				}
			}
			if ctx == nil && len(s.callers) > 0 {
				continue
			}
			if ctx == nil {
				ctx = r.named[obj][0]
			}
			ctxObj[obj] = ctx
			changed = true
		}
	}
	for _, u := range r.uses {
		u.Outer = ctxOf(u.Fn)
	}
	// A function only reached through its own WithTag closure (recursion
	// and nothing else) would nest its calls in themselves: such calls
	// are outermost.
	for _, u := range r.uses {
		seen := map[*Use]bool{u: true}
		for v := u.Outer; v != nil; v = v.Outer {
			if seen[v] {
				u.Outer = nil
				break
			}
			seen[v] = true
		}
	}
}

// useSites is how the package uses one unexported declared function.
type useSites struct {
	callers []*ssa.Function // functions calling it directly
	escapes bool            // used other than by a direct call or as a WithTag closure
}

// sites records, for every unexported function and method declared in the
// package, where it is called and whether it is used in any other way.
func (r *resolver) sites() map[*types.Func]*useSites {
	m := map[*types.Func]*useSites{}
	for _, fn := range r.core.Funcs {
		if fn.Parent() != nil {
			continue
		}
		if obj := declared(fn); obj != nil && obj.Pkg() == r.pass.Pkg && !obj.Exported() {
			m[obj] = &useSites{}
		}
	}
	if len(m) == 0 {
		return m
	}
	// The WithTag closure arguments already recorded in r.named.
	blessed := map[ssa.Value]bool{}
	for _, fn := range r.core.Funcs {
		for _, c := range r.core.Calls[fn] {
			if c.Op == allocapi.OpWithTag && len(c.Args) == 3 {
				blessed[c.Args[2]] = true
			}
		}
	}
	escape := func(v ssa.Value) {
		if g, ok := v.(*ssa.Function); ok {
			if s := m[declared(g)]; s != nil {
				s.escapes = true
			}
		}
	}
	var ops []*ssa.Value
	for _, fn := range r.core.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ops = instr.Operands(ops[:0])
				skip := -1 // index of an operand that is a plain use
				switch instr := instr.(type) {
				case *ssa.Call, *ssa.Defer:
					common := instr.(ssa.CallInstruction).Common()
					if common.IsInvoke() {
						// Any method of that name may be the callee.
						for obj, s := range m {
							if obj.Name() == common.Method.Name() && obj.Signature().Recv() != nil {
								s.escapes = true
							}
						}
						break
					}
					if g, ok := common.Value.(*ssa.Function); ok {
						if s := m[declared(g)]; s != nil {
							s.callers = append(s.callers, fn)
						}
						skip = 0 // Operands puts the callee first
					}
				case *ssa.MakeClosure:
					if blessed[instr] && r.onlyWithTag(instr) {
						skip = 0 // the bound method of l.WithTag(t, w.step)
					}
				}
				for i, op := range ops {
					if i == skip || op == nil {
						continue
					}
					if blessed[*op] && r.isWithTagArg(instr, *op) {
						continue
					}
					escape(*op)
				}
			}
		}
	}
	return m
}

// onlyWithTag reports whether the closure value is used by nothing but
// WithTag calls (as their closure argument).
func (r *resolver) onlyWithTag(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if _, ok := ref.(*ssa.DebugRef); ok {
			continue
		}
		if !r.isWithTagArg(ref, mc) {
			return false
		}
	}
	return true
}

// isWithTagArg reports whether v is the closure argument of the WithTag
// call instr.
func (r *resolver) isWithTagArg(instr ssa.Instruction, v ssa.Value) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c, ok := r.core.API.Classify(ci)
	return ok && c.Op == allocapi.OpWithTag && len(c.Args) == 3 && c.Args[2] == v
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
