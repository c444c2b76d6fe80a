package check

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// ValueName returns the name of the variable an origin's allocation was
// assigned to ("p" in p := allocator.Frame[T](l)), or a description of
// the call when it was not assigned to a single variable.
func (p *Pass) ValueName(o *framecore.Origin) string {
	path := p.pathAt(o.Pos)
	for i, n := range path {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) >= 1 {
				if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name != "_" && !p.isPackageVar(id) {
					return id.Name
				}
				if name := p.fieldName(n.Lhs[0]); name != "" {
					return name
				}
			}
			return p.callText(path, i)
		case *ast.ValueSpec:
			if len(n.Names) >= 1 && n.Names[0].Name != "_" {
				return n.Names[0].Name
			}
		case *ast.BlockStmt, *ast.FuncLit:
			return p.callText(path, i)
		}
	}
	return "frame memory"
}

// fieldName returns the source text of a field of a local variable an
// allocation was assigned to ("solver.constraints"), or "". A field of a
// parameter, receiver or package-level variable is left out: the value
// escapes right there and is named by its allocation.
func (p *Pass) fieldName(e ast.Expr) string {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if _, isField := p.TypesInfo.Selections[sel]; !isField {
		return ""
	}
	root := ast.Unparen(sel.X)
	for s, ok := root.(*ast.SelectorExpr); ok; s, ok = root.(*ast.SelectorExpr) {
		root = ast.Unparen(s.X)
	}
	id, ok := root.(*ast.Ident)
	if !ok {
		return ""
	}
	if v, ok := p.TypesInfo.ObjectOf(id).(*types.Var); !ok || v.Kind() != types.LocalVar {
		return ""
	}
	return p.shortText(sel, 40)
}

// shortText is the source text of n, or "" when it is longer than max.
func (p *Pass) shortText(n ast.Node, max int) string {
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, p.Fset, n); err != nil || buf.Len() > max {
		return ""
	}
	return buf.String()
}

// isPackageVar reports whether id names a package-level variable: a frame
// value stored straight into one is named by its allocation, not by the
// variable it escapes to.
func (p *Pass) isPackageVar(id *ast.Ident) bool {
	v, ok := p.TypesInfo.ObjectOf(id).(*types.Var)
	return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

func (p *Pass) callText(path []ast.Node, upto int) string {
	for _, n := range path[:upto] {
		if call, ok := n.(*ast.CallExpr); ok {
			if text := p.shortText(call.Fun, 59); text != "" {
				return text + "(...)"
			}
			break
		}
	}
	return "frame memory"
}

// pathAt returns the AST path enclosing pos, innermost first.
func (p *Pass) pathAt(pos token.Pos) []ast.Node {
	for _, f := range p.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}

// callAt returns the call expression whose opening parenthesis (the SSA
// position of a call) is at pos.
func (p *Pass) callAt(pos token.Pos) *ast.CallExpr {
	for _, n := range p.pathAt(pos) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
			return call
		}
	}
	return nil
}

// Allocated returns the related-information entry pointing at an origin.
func (p *Pass) Allocated(o *framecore.Origin) analysis.RelatedInformation {
	what := "frame-allocated"
	switch o.Kind {
	case framecore.OriginScratch:
		what = "scratch-allocated"
	case framecore.OriginDiscard:
		what = "allocated with FrameRetained(..., Discard)"
	}
	if o.Op == allocapi.OpNone {
		what = "returned as frame memory"
	}
	return analysis.RelatedInformation{Pos: o.Pos, Message: fmt.Sprintf("%s was %s here", p.ValueName(o), what)}
}

// HeapFix returns the suggested fix that makes an origin's allocation
// outlive the frame: Frame[T](l) becomes Heap[T](l), FrameSlice[T](l, n)
// becomes make([]T, n) and FrameBytes(l, n) becomes make([]byte, n). It
// returns nil when there is no mechanical fix.
func (p *Pass) HeapFix(o *framecore.Origin) []analysis.SuggestedFix {
	call := p.callAt(o.Pos)
	if call == nil {
		return nil
	}
	fun := ast.Unparen(call.Fun)
	var typeArg ast.Expr
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun, typeArg = ix.X, ix.Index
	}
	var name *ast.Ident
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		name = f.Sel
	case *ast.Ident:
		name = f
	}
	if name == nil {
		return nil
	}
	text := func(e ast.Expr) string {
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, p.Fset, e); err != nil {
			return ""
		}
		return buf.String()
	}
	switch o.Op {
	case allocapi.OpFrame:
		return []analysis.SuggestedFix{{
			Message:   "allocate with allocator.Heap so the value outlives the frame",
			TextEdits: []analysis.TextEdit{{Pos: name.Pos(), End: name.End(), NewText: []byte("Heap")}},
		}}
	case allocapi.OpFrameSlice, allocapi.OpFrameBytes:
		if len(call.Args) != 2 {
			return nil
		}
		elem := "byte"
		if o.Op == allocapi.OpFrameSlice {
			if typeArg == nil {
				return nil
			}
			elem = text(typeArg)
		}
		n := text(call.Args[1])
		if elem == "" || n == "" {
			return nil
		}
		return []analysis.SuggestedFix{{
			Message:   "allocate with make so the slice outlives the frame",
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(fmt.Sprintf("make([]%s, %s)", elem, n))}},
		}}
	}
	return nil
}
