package framecore

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime/debug"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// This file gives facts to the functions of packages that do not reach the
// allocator. Such packages get no SSA (building it for every dependency
// would cost more than all the checks together), yet a helper in one of
// them can hand what a caller gives it to another goroutine or keep a
// callback the caller passes: a worker-pool package that sends jobs on a
// channel, an event bus whose Subscribe appends the callback to its
// receiver. Their facts come from the syntax and the types: which
// parameters a function sends on a channel or passes to a go statement
// (Handoffs, GoGets), which func parameters it starts on a goroutine
// (GoRuns) and which it keeps (KeepsFunc), directly or through helpers
// whose facts say so. Nothing else: what such a function returns or stores
// is not summarised.
//
// Packages outside any module (the standard library, whose aliasing the
// table in stdlib.go describes) get no facts.

// plainFacts exports the threading and callback facts of the functions of
// a package that does not reach the allocator.
func plainFacts(pass *analysis.Pass) (err error) {
	if pass.Module == nil || pass.Module.Path == "" {
		return nil
	}
	var current *ast.FuncDecl
	defer func() {
		// A bug here must not pass for a package without facts.
		if p := recover(); p != nil {
			name := "?"
			if current != nil {
				name = current.Name.Name
			}
			err = fmt.Errorf("framecore: internal error summarising %s in package %s: %v\n%s (please report it with the code that caused it)",
				name, pass.Pkg.Path(), p, debug.Stack())
		}
	}()
	s := &plainSummary{pass: pass, facts: map[*types.Func]*FuncFact{}}
	var funcs []*plainFunc
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				current = fd
				if pf := s.scan(fd); pf != nil {
					funcs = append(funcs, pf)
				}
			}
		}
	}
	// Helpers calling helpers of the same package: to a fixed point.
	for changed := true; changed; {
		changed = false
		for _, pf := range funcs {
			current = pf.decl
			f := pf.summarize()
			if old := s.facts[pf.obj]; old == nil && f.empty() || old != nil && old.equal(f) {
				continue
			}
			s.facts[pf.obj] = f
			changed = true
		}
	}
	for _, pf := range funcs {
		if f := s.facts[pf.obj]; f != nil && !f.empty() {
			pass.ExportObjectFact(pf.obj, f)
		}
	}
	return nil
}

type plainSummary struct {
	pass  *analysis.Pass
	facts map[*types.Func]*FuncFact // this package's functions
}

// plainFunc is what one function does that its facts may depend on.
type plainFunc struct {
	s      *plainSummary
	decl   *ast.FuncDecl
	obj    *types.Func
	params map[types.Object]int // parameter (receiver first) → index
	// stable lists the parameters never reassigned nor address-taken:
	// where they are used, they are still what the caller passed.
	stable map[types.Object]bool
	locals map[types.Object]bool // variables declared in the function
	waits  bool                  // the function waits for goroutines
	// nodes are the statements and calls that may give facts, outside
	// func literals (which run when and where they are called) except
	// those started with go.
	nodes []ast.Node
	f     *FuncFact
}

// scan reads a function once: its parameters, which of them stay what
// the caller passed, its local variables, and the nodes that may give it
// facts. It returns nil for a function without parameters.
func (s *plainSummary) scan(fd *ast.FuncDecl) *plainFunc {
	info := s.pass.TypesInfo
	obj, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return nil
	}
	pf := &plainFunc{s: s, decl: fd, obj: obj, params: map[types.Object]int{}, stable: map[types.Object]bool{},
		locals: map[types.Object]bool{}}
	var fields []*ast.Field
	if fd.Recv != nil {
		fields = append(fields, fd.Recv.List...)
	}
	fields = append(fields, fd.Type.Params.List...)
	i := 0
	for _, field := range fields {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if obj := info.Defs[name]; obj != nil && obj.Name() != "_" {
				pf.params[obj] = i
				pf.stable[obj] = true
			}
			i++
		}
	}
	if len(pf.params) == 0 {
		return nil
	}
	// Nodes inside func literals give no facts (a literal runs when and
	// where it is called; goStmt looks at what a started one captures),
	// but their variables and assignments count.
	var started []*ast.FuncLit // the literals of go statements
	inside := func(n ast.Node) bool {
		for _, lit := range started {
			if lit.Body.Pos() <= n.Pos() && n.End() <= lit.Body.End() {
				return true
			}
		}
		return false
	}
	var visit func(n ast.Node, record bool) bool
	visit = func(n ast.Node, record bool) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if obj, ok := info.Defs[n].(*types.Var); ok {
				pf.locals[obj] = true
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				pf.assigned(lhs)
			}
		case *ast.IncDecStmt:
			pf.assigned(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				pf.assigned(n.Key)
				pf.assigned(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				pf.assigned(n.X)
			}
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(info, n); fn != nil {
				switch fn.FullName() {
				case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
					pf.waits = true
				}
			}
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok && record {
				started = append(started, lit)
			}
		}
		if !record {
			return true
		}
		switch lit := n.(type) {
		case *ast.SendStmt, *ast.GoStmt, *ast.CallExpr, *ast.AssignStmt, *ast.ReturnStmt:
			if !inside(n) {
				pf.nodes = append(pf.nodes, n)
			}
		case *ast.FuncLit:
			if !slices.Contains(started, lit) {
				ast.Inspect(n, func(m ast.Node) bool { return visit(m, false) })
				return false
			}
		}
		return true
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool { return visit(n, true) })
	return pf
}

// summarize computes the function's facts from its nodes and the facts of
// the helpers it calls.
func (pf *plainFunc) summarize() *FuncFact {
	pf.f = new(FuncFact)
	for _, n := range pf.nodes {
		switch n := n.(type) {
		case *ast.SendStmt:
			for _, p := range pf.carried(n.Value) {
				pf.handoff(p, HandoffSend)
				pf.keeps(p)
			}
		case *ast.GoStmt:
			pf.goStmt(n)
		case *ast.CallExpr:
			pf.call(n)
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if !pf.local(lhs) {
						for _, p := range pf.carried(n.Rhs[i]) {
							pf.keeps(p)
						}
					}
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				for _, p := range pf.carried(r) {
					pf.keeps(p)
				}
			}
		}
	}
	pf.f.normalize()
	return pf.f
}

// assigned marks the parameter e names (if any) as not stable.
func (pf *plainFunc) assigned(e ast.Expr) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if obj := pf.s.pass.TypesInfo.Uses[id]; obj != nil {
			delete(pf.stable, obj)
		}
	}
}

// param returns the index of the stable parameter e names.
func (pf *plainFunc) param(e ast.Expr) (int, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	obj := pf.s.pass.TypesInfo.Uses[id]
	if obj == nil || !pf.stable[obj] || !hasPointers(obj.Type()) {
		return 0, false
	}
	i, ok := pf.params[obj]
	return i, ok
}

// carried returns the parameters whose memory the value of e may be or
// point into: the parameter itself, slices of it, addresses of its fields
// and elements, conversions keeping its address, composite literals and
// appends holding it.
func (pf *plainFunc) carried(e ast.Expr) []int {
	info := pf.s.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && !hasPointers(tv.Type) {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if i, ok := pf.param(x); ok {
			return []int{i}
		}
	case *ast.SliceExpr:
		return pf.carried(x.X)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			switch y := ast.Unparen(x.X).(type) {
			case *ast.SelectorExpr:
				if sel := info.Selections[y]; sel != nil && sel.Kind() == types.FieldVal && sel.Indirect() {
					return pf.carried(y.X) // &p.f: p's memory
				}
			case *ast.IndexExpr:
				if _, ok := typeOf(info, y.X).(*types.Slice); ok {
					return pf.carried(y.X) // &s[i]: s's array
				}
			case *ast.CompositeLit:
				return pf.carried(y)
			}
		}
	case *ast.CompositeLit:
		var out []int
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if _, isMap := typeOf(info, x).(*types.Map); isMap {
					out = append(out, pf.carried(kv.Key)...)
				}
				el = kv.Value
			}
			out = append(out, pf.carried(el)...)
		}
		return out
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			if isString(tv.Type) || isString(info.Types[x.Args[0]].Type) {
				return nil // string(b) and []byte(s) copy
			}
			return pf.carried(x.Args[0])
		}
		if b, ok := info.Uses[calleeIdent(x.Fun)].(*types.Builtin); ok && b.Name() == "append" {
			var out []int
			for _, a := range x.Args {
				out = append(out, pf.carried(a)...)
			}
			return out
		}
	}
	return nil
}

// typeOf returns the underlying type of e, or nil when it is not known.
func typeOf(info *types.Info, e ast.Expr) types.Type {
	if t := info.TypeOf(e); t != nil {
		return t.Underlying()
	}
	return nil
}

func calleeIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// local reports whether the destination of an assignment is a variable of
// the function or memory reached from one (a local container), rather than
// a parameter's or package-level memory.
func (pf *plainFunc) local(lhs ast.Expr) bool {
	info := pf.s.pass.TypesInfo
	for {
		switch x := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if x.Name == "_" {
				return true
			}
			obj := info.Defs[x]
			if obj == nil {
				obj = info.Uses[x]
			}
			return pf.locals[obj]
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil {
				return false // a qualified identifier: another package's variable
			}
			lhs = x.X
		case *ast.IndexExpr:
			lhs = x.X
		case *ast.StarExpr:
			lhs = x.X
		default:
			return false
		}
	}
}

func (pf *plainFunc) handoff(p int, kind HandoffKind) {
	pf.f.Handoffs = append(pf.f.Handoffs, HandoffEffect{Param: p, Kind: kind})
}

// keeps records that func parameter p is kept.
func (pf *plainFunc) keeps(p int) {
	if pf.isFunc(p) {
		pf.f.KeepsFunc = append(pf.f.KeepsFunc, p)
	}
}

func (pf *plainFunc) isFunc(p int) bool {
	for obj, i := range pf.params {
		if i == p {
			return isFunc(obj.Type())
		}
	}
	return false
}

// goStmt summarises a go statement: the func parameter it starts, the
// parameters it passes or the started literal captures. A function that
// waits for goroutines is taken to wait for this one.
func (pf *plainFunc) goStmt(g *ast.GoStmt) {
	if pf.waits {
		return
	}
	info := pf.s.pass.TypesInfo
	var args []ast.Expr
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		// Parameters the literal captures go with it.
		ast.Inspect(fun.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if i, ok := pf.param(id); ok {
					if pf.isFunc(i) {
						pf.keeps(i)
					} else {
						pf.f.GoGets = append(pf.f.GoGets, i)
					}
				}
			}
			return true
		})
	case *ast.SelectorExpr:
		if sel := info.Selections[fun]; sel != nil && sel.Kind() == types.MethodVal {
			args = append(args, fun.X) // the receiver
		}
	default:
		if i, ok := pf.param(fun); ok && pf.isFunc(i) {
			pf.f.GoRuns = append(pf.f.GoRuns, i)
			pf.keeps(i)
		}
	}
	args = append(args, g.Call.Args...)
	for _, a := range args {
		for _, p := range pf.carried(a) {
			pf.handoff(p, HandoffGo)
			if pf.isFunc(p) {
				pf.keeps(p)
			} else {
				pf.f.GoGets = append(pf.f.GoGets, p)
			}
		}
	}
}

// call applies the facts of a called helper to the parameters passed to
// it.
func (pf *plainFunc) call(call *ast.CallExpr) {
	info := pf.s.pass.TypesInfo
	callee := typeutil.StaticCallee(info, call)
	if callee == nil {
		return
	}
	callee = callee.Origin()
	args := call.Args
	sig := callee.Signature()
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sig.Recv() != nil {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			args = append([]ast.Expr{sel.X}, args...)
		}
	}
	f := pf.s.fact(callee)
	keepsStd := keepsFuncStd[callee.FullName()]
	if f == nil && !keepsStd {
		return
	}
	nparams := sig.Params().Len()
	if sig.Recv() != nil {
		nparams++
	}
	for ai, a := range args {
		i := ai
		if sig.Variadic() && !call.Ellipsis.IsValid() && i >= nparams-1 {
			// Elements of the variadic slice: its content, not the
			// slice itself, which the fact does not describe.
			continue
		}
		for _, p := range pf.carried(a) {
			if keepsStd || f != nil && contains(f.KeepsFunc, i) {
				pf.keeps(p)
			}
			if f == nil {
				continue
			}
			for _, h := range f.Handoffs {
				if h.Param == i && h.Depth == 0 {
					pf.handoff(p, h.Kind)
				}
			}
			if pf.waits {
				continue
			}
			if contains(f.GoRuns, i) && pf.isFunc(p) {
				pf.f.GoRuns = append(pf.f.GoRuns, p)
			}
			if contains(f.GoGets, i) && !pf.isFunc(p) {
				pf.f.GoGets = append(pf.f.GoGets, p)
			}
		}
	}
}

// fact returns the facts of a function: this package's summaries so far,
// imported facts, or the standard library's table.
func (s *plainSummary) fact(fn *types.Func) *FuncFact {
	if fn.Pkg() == s.pass.Pkg {
		return s.facts[fn]
	}
	if fn.Pkg() != nil {
		f := new(FuncFact)
		if s.pass.ImportObjectFact(fn, f) {
			return f
		}
	}
	return stdFacts[fn.FullName()]
}

func contains(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}
