package goroutines

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// Name returns a source-like name for a handle value (a variable, a
// parameter, a field path), or "" when it has none.
func Name(v ssa.Value) string {
	return name(v, 0)
}

func name(v ssa.Value, depth int) string {
	if depth > 6 {
		return ""
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		if v.Comment != "" && v.Comment != "complit" && !strings.Contains(v.Comment, " ") {
			return v.Comment
		}
	case *ssa.Parameter:
		return v.Name()
	case *ssa.FreeVar:
		return v.Name()
	case *ssa.Global:
		return v.Name()
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return name(v.X, depth+1)
		}
	case *ssa.FieldAddr:
		if base := name(v.X, depth+1); base != "" {
			return base + "." + fieldName(v.X.Type(), v.Field)
		}
	case *ssa.Field:
		if base := name(v.X, depth+1); base != "" {
			return base + "." + fieldName(v.X.Type(), v.Field)
		}
	case *ssa.ChangeType:
		return name(v.X, depth+1)
	}
	return ""
}

// fieldName returns the name of field i of the struct t points to or is,
// or "?".
func fieldName(t types.Type, i int) string {
	if v := framecore.FieldVar(t, i); v != nil {
		return v.Name()
	}
	return "?"
}

// ArgText returns the source text of argument i of a call or go
// statement (an index into instr.Common().Args, so the receiver comes first
// for static method calls), or "".
func ArgText(files []*ast.File, instr ssa.CallInstruction, i int) string {
	var found *ast.CallExpr
	pos := instr.Pos()
	for _, f := range files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.GoStmt:
				if n.Go == pos {
					found = n.Call
				}
			case *ast.DeferStmt:
				if n.Defer == pos {
					found = n.Call
				}
			case *ast.CallExpr:
				if n.Lparen == pos {
					found = n
				}
			}
			return found == nil
		})
	}
	if found == nil {
		return ""
	}
	args := found.Args
	if sel, ok := ast.Unparen(found.Fun).(*ast.SelectorExpr); ok && isStaticMethodCall(instr) {
		args = append([]ast.Expr{sel.X}, args...)
	}
	if i < len(args) {
		return types.ExprString(args[i])
	}
	return ""
}

func isStaticMethodCall(instr ssa.CallInstruction) bool {
	if _, ok := instr.Common().Value.(*ssa.Function); !ok {
		return false
	}
	callee := instr.Common().StaticCallee()
	return callee != nil && callee.Signature.Recv() != nil
}

// GivenName returns a name for what a launch gives its goroutine: the
// captured variable, or the argument's variable or source text.
func GivenName(files []*ast.File, l *Launch, g Given) string {
	if n := Name(g.Outer); n != "" {
		return n
	}
	for i, a := range l.Instr.Common().Args {
		if a == g.Outer {
			if s := ArgText(files, l.Instr, i); s != "" {
				return s
			}
		}
	}
	if call, ok := g.Outer.(*ssa.Call); ok {
		// A handle made by a call and kept in a variable: l := a.NewLocal().
		return AssignedName(files, call.Pos())
	}
	return ""
}

// AssignedName returns the name of the variable that the call at pos (its
// left parenthesis) is assigned to or declared with, or "".
func AssignedName(files []*ast.File, pos token.Pos) string {
	name := ""
	for _, f := range files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if name != "" {
				return false
			}
			var lhs []ast.Expr
			var rhs []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, id := range n.Names {
					lhs = append(lhs, id)
				}
				rhs = n.Values
			default:
				return true
			}
			if len(lhs) != len(rhs) {
				return true
			}
			for i, r := range rhs {
				if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && c.Lparen == pos {
					name = types.ExprString(lhs[i])
				}
			}
			return true
		})
	}
	return name
}
