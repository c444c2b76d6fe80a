// Package loops answers the loop questions of the fa checks FA301, FA602
// and FA603: which loop is the innermost one around an instruction, is it
// statically bounded, and is it the frame loop.
//
// Loops are found in the syntax: a ForStmt's condition, post statement and
// body, and a RangeStmt's body, are in the loop; a ForStmt's init statement
// and a RangeStmt's range expression are not. A func literal's body is a
// function of its own (loops around the literal do not count), except the
// func literal passed to Local.WithTag, which belongs to the loop it sits
// in. The body of a range-over-func loop, which SSA turns into a
// synthetic function, is in that loop as written.
//
// Bounded loops are 3-clause for loops with a condition and ranges over
// integers, slices, arrays (and pointers to arrays), strings and maps;
// unbounded loops are for {}, for cond {}, ranges over channels and over
// iterator functions. The frame loop is a loop whose iterations both begin
// and end a frame, directly or through helpers (including func literals
// called synchronously inside it and WithTag closures).
package loops

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// Loop is one for or range statement.
type Loop struct {
	// Stmt is the *ast.ForStmt or *ast.RangeStmt.
	Stmt ast.Stmt
	// Bounded reports whether the loop has a static bound.
	Bounded bool
	// Kind describes the loop, such as "for {} loop" or "range over a
	// channel".
	Kind string

	calls     []ssa.CallInstruction
	callsDone bool
}

// Pos returns the position of the loop's for keyword.
func (l *Loop) Pos() token.Pos { return l.Stmt.Pos() }

// Info holds the loop structure of one package.
type Info struct {
	pass  *analysis.Pass
	core  *framecore.Result
	calls []posCall // every call and defer of the package, by position

	// mu guards what is computed on demand (loops and each Loop's
	// calls): the checks sharing the Info run concurrently.
	mu    sync.Mutex
	loops map[ast.Stmt]*Loop
}

type posCall struct {
	pos   token.Pos
	instr ssa.CallInstruction
}

// Analyzer computes the loop structure of a package once for every check
// that needs it. Its result is nil for packages that do not reach the
// allocator.
var Analyzer = &analysis.Analyzer{
	Name:       "faloops",
	Doc:        "loop structure shared by the fa checks (innermost loop, static bound, frame loop); reports nothing",
	URL:        "https://pkg.go.dev/github.com/framealloc/fa/analyzers",
	Requires:   []*analysis.Analyzer{framecore.Analyzer},
	ResultType: reflect.TypeFor[*Info](),
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		if !core.Reaches {
			return (*Info)(nil), nil
		}
		return New(pass, core), nil
	},
}

// New returns the loop structure of the package of pass.
func New(pass *analysis.Pass, core *framecore.Result) *Info {
	in := &Info{pass: pass, core: core, loops: map[ast.Stmt]*Loop{}}
	for _, fn := range core.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Call, *ssa.Defer:
					ci := instr.(ssa.CallInstruction)
					if ci.Pos().IsValid() {
						in.calls = append(in.calls, posCall{ci.Pos(), ci})
					}
				}
			}
		}
	}
	slices.SortStableFunc(in.calls, func(a, b posCall) int { return int(a.pos - b.pos) })
	return in
}

// Path returns the syntax enclosing pos, innermost first.
func (in *Info) Path(pos token.Pos) []ast.Node {
	for _, f := range in.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}

// CallExpr returns the call expression of an SSA call instruction (whose
// position is the call's opening parenthesis), or nil.
func (in *Info) CallExpr(instr ssa.CallInstruction) *ast.CallExpr {
	pos := instr.Common().Pos()
	for _, n := range in.Path(pos) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
			return call
		}
	}
	return nil
}

// Span returns the extent of an SSA call instruction's call expression
// (falling back to the instruction's own position).
func (in *Info) Span(instr ssa.CallInstruction) (token.Pos, token.Pos) {
	if call := in.CallExpr(instr); call != nil {
		return call.Pos(), call.End()
	}
	return instr.Pos(), token.NoPos
}

// Innermost returns the innermost loop around the instruction at pos, or
// nil when pos is in no loop of its function (WithTag closures belong to
// the loop around them).
func (in *Info) Innermost(pos token.Pos) *Loop {
	path := in.Path(pos)
	for i := 0; i < len(path); i++ {
		var child ast.Node
		if i > 0 {
			child = path[i-1]
		}
		switch n := path[i].(type) {
		case *ast.ForStmt:
			if child != nil && (child == n.Body || child == n.Cond || child == n.Post) {
				return in.loop(n)
			}
		case *ast.RangeStmt:
			if child != nil && child == n.Body {
				return in.loop(n)
			}
		case *ast.FuncLit:
			if !in.isWithTagLit(path, i) {
				return nil
			}
		case *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

func (in *Info) loop(s ast.Stmt) *Loop {
	in.mu.Lock()
	defer in.mu.Unlock()
	if l := in.loops[s]; l != nil {
		return l
	}
	l := &Loop{Stmt: s}
	switch s := s.(type) {
	case *ast.ForStmt:
		switch {
		case s.Cond == nil:
			l.Kind = "for {} loop"
		case s.Init == nil && s.Post == nil:
			l.Kind = "for-condition loop"
		default:
			l.Kind, l.Bounded = "3-clause for loop", true
		}
	case *ast.RangeStmt:
		l.Kind, l.Bounded = in.rangeKind(s.X)
	}
	in.loops[s] = l
	return l
}

// rangeKind classifies the range expression of a range loop.
func (in *Info) rangeKind(x ast.Expr) (string, bool) {
	t := in.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return "range loop", true
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		// The core type is not known here; count the loop as bounded so
		// that no unboundedness is claimed without proof.
		return "range loop", true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return "range over a string", true
		}
		return "range over an integer", true
	case *types.Slice:
		return "range over a slice", true
	case *types.Array:
		return "range over an array", true
	case *types.Pointer:
		return "range over an array pointer", true
	case *types.Map:
		return "range over a map", true
	case *types.Chan:
		return "range over a channel", false
	case *types.Signature:
		return "range over an iterator", false
	}
	return "range loop", true
}

// isWithTagLit reports whether path[i], a func literal, is the func
// argument of a Local.WithTag call.
func (in *Info) isWithTagLit(path []ast.Node, i int) bool {
	return in.litCallee(path, i) == allocapi.OpWithTag
}

// litCallee returns the allocator operation whose call takes path[i], a
// func literal, as an argument.
func (in *Info) litCallee(path []ast.Node, i int) allocapi.Op {
	lit := path[i]
	for j := i + 1; j < len(path); j++ {
		switch n := path[j].(type) {
		case *ast.ParenExpr:
			lit = n
			continue
		case *ast.CallExpr:
			if !slices.Contains(n.Args, ast.Expr(lit.(ast.Expr))) {
				return allocapi.OpNone
			}
			return in.opOf(n)
		}
		return allocapi.OpNone
	}
	return allocapi.OpNone
}

// opOf returns the allocator operation a call expression calls, or OpNone.
func (in *Info) opOf(call *ast.CallExpr) allocapi.Op {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	}
	if id == nil {
		return allocapi.OpNone
	}
	obj, _ := in.pass.TypesInfo.Uses[id].(*types.Func)
	return in.core.API.OpOf(obj)
}

// syncLit reports whether path[i], a func literal, runs synchronously
// where it is written: called at once (or deferred), or passed to WithTag
// or Scratch.Scope.
func (in *Info) syncLit(path []ast.Node, i int) bool {
	switch in.litCallee(path, i) {
	case allocapi.OpWithTag, allocapi.OpScratchScope:
		return true
	}
	var lit ast.Node = path[i]
	for j := i + 1; j < len(path); j++ {
		switch n := path[j].(type) {
		case *ast.ParenExpr:
			lit = n
			continue
		case *ast.CallExpr:
			if n.Fun != lit {
				return false
			}
			if j+1 < len(path) {
				if _, ok := path[j+1].(*ast.GoStmt); ok {
					return false
				}
			}
			return true
		}
		return false
	}
	return false
}

// inLoop reports whether the instruction at pos runs as part of an
// iteration of l: it is in l's condition, post statement or body, and any
// func literal between it and l runs synchronously.
func (in *Info) inLoop(l *Loop, pos token.Pos) bool {
	path := in.Path(pos)
	for i := 0; i < len(path); i++ {
		if path[i] == l.Stmt {
			if i == 0 {
				return false
			}
			child := path[i-1]
			switch s := l.Stmt.(type) {
			case *ast.ForStmt:
				return child == s.Body || child == s.Cond || child == s.Post
			case *ast.RangeStmt:
				return child == s.Body
			}
			return false
		}
		switch path[i].(type) {
		case *ast.FuncLit:
			if !in.syncLit(path, i) {
				return false
			}
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// Calls returns the calls (and defers) an iteration of l makes, including
// those in func literals run synchronously inside it.
func (in *Info) Calls(l *Loop) []ssa.CallInstruction {
	in.mu.Lock()
	defer in.mu.Unlock()
	if l.callsDone {
		return l.calls
	}
	l.callsDone = true
	lo, hi := l.Stmt.Pos(), l.Stmt.End()
	i, _ := slices.BinarySearchFunc(in.calls, lo, func(c posCall, p token.Pos) int { return int(c.pos - p) })
	for ; i < len(in.calls) && in.calls[i].pos < hi; i++ {
		if in.inLoop(l, in.calls[i].pos) {
			l.calls = append(l.calls, in.calls[i].instr)
		}
	}
	return l.calls
}

// IsFrameLoop reports whether l both begins and ends a frame in each
// iteration, directly or through helpers.
func (in *Info) IsFrameLoop(l *Loop) bool {
	begins, ends := false, false
	for _, c := range in.Calls(l) {
		if len(in.core.BeginsFrame(c)) > 0 {
			begins = true
		}
		if len(in.core.EndsFrame(c)) > 0 {
			ends = true
		}
	}
	return begins && ends
}

// EndsFrameOf reports whether an iteration of l ends the frame of the
// handle k (lifted with framecore.Result.Lift), directly or through a
// helper; an EndFrame whose handle cannot be identified counts as a match.
func (in *Info) EndsFrameOf(l *Loop, k framecore.ScopedKey) bool {
	for _, c := range in.Calls(l) {
		for _, ek := range in.core.EndsFrame(c) {
			if !ek.Known() || !k.Known() {
				return true
			}
			if in.core.Lift(c.Parent(), ek) == k {
				return true
			}
		}
	}
	return false
}

// Text returns the source text of an SSA call instruction's call
// expression, shortened to its callee when it is long.
func (in *Info) Text(instr ssa.CallInstruction) string {
	call := in.CallExpr(instr)
	if call == nil {
		if callee := instr.Common().StaticCallee(); callee != nil {
			return callee.Name() + "(...)"
		}
		return "the call"
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, in.pass.Fset, call); err == nil && buf.Len() <= 60 {
		return buf.String()
	}
	buf.Reset()
	if err := printer.Fprint(&buf, in.pass.Fset, call.Fun); err == nil && buf.Len() <= 60 {
		return buf.String() + "(...)"
	}
	return "the call"
}

// Line returns the line of pos.
func (in *Info) Line(pos token.Pos) int { return in.pass.Fset.Position(pos).Line }

// LocalText returns the source text of argument i of an SSA call
// instruction's call expression (the receiver of a method call counts as
// argument 0 when the call has one), or "its Local".
func (in *Info) LocalText(instr ssa.CallInstruction, i int) string {
	call := in.CallExpr(instr)
	if call == nil {
		return "its Local"
	}
	args := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := in.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			args = append([]ast.Expr{sel.X}, args...)
		}
	}
	if i >= len(args) {
		return "its Local"
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, in.pass.Fset, args[i]); err != nil || buf.Len() > 40 {
		return "its Local"
	}
	return buf.String()
}
