package tags

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// This file resolves the tag of an EnterTag call: the constant name given
// to the a.Tag(name) call that made the handle, followed through local
// variables, phis, captured variables, package-level variables and struct
// fields holding handles (every value the package stores there), the
// arguments of the package's unexported functions and the results of its
// functions returning handles. A handle with several possible names, or
// one the package does not make itself (a parameter of an exported
// function, a handle of another package), is not a constant tag.

// handles resolves Tag handles for one package.
type handles struct {
	r *resolver
	n *nester
	// fields and globals hold every value the package stores into a
	// field (by origin field) or a package-level variable.
	fields  map[*types.Var][]ssa.Value
	globals map[*ssa.Global][]ssa.Value
}

// resolveHandles sets the tag of every EnterTag use.
func (r *resolver) resolveHandles(n *nester) {
	var h *handles
	for _, u := range r.uses {
		if u.Kind != EnterTag {
			continue
		}
		c, ok := r.core.API.Classify(u.Instr)
		if !ok || len(c.Args) != 2 {
			continue
		}
		if h == nil {
			h = &handles{r: r, n: n}
			h.index()
		}
		var makers []*ssa.Call
		if !h.sources(c.Args[1], map[ssa.Value]bool{}, &makers) || len(makers) == 0 {
			continue
		}
		tag, ok := h.name(makers[0])
		for _, m := range makers[1:] {
			if t, ok2 := h.name(m); !ok2 || t != tag {
				ok = false
			}
		}
		if !ok {
			continue
		}
		u.Tag, u.Const = tag, true
		if len(makers) == 1 {
			if call := r.callExpr(makers[0]); call != nil && len(call.Args) == 1 {
				u.Lit = stringLit(call.Args[0])
			}
		}
	}
}

// name returns the constant name of an a.Tag(name) call.
func (h *handles) name(call *ssa.Call) (string, bool) {
	c, ok := h.r.core.API.Classify(call)
	if !ok || len(c.Args) != 2 {
		return "", false
	}
	k, ok := c.Args[1].(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(k.Value), true
}

// index records the values stored into fields and package-level
// variables, by the package's functions and its initializer.
func (h *handles) index() {
	h.fields = map[*types.Var][]ssa.Value{}
	h.globals = map[*ssa.Global][]ssa.Value{}
	funcs := h.r.core.Funcs
	if init := h.r.core.SSA.Pkg.Func("init"); init != nil {
		// The package initializer sets the package-level variables.
		funcs = append(funcs[:len(funcs):len(funcs)], init)
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				switch addr := st.Addr.(type) {
				case *ssa.FieldAddr:
					if f := fieldOf(addr.X.Type(), addr.Field); f != nil {
						h.fields[f] = append(h.fields[f], st.Val)
					}
				case *ssa.Global:
					h.globals[addr] = append(h.globals[addr], st.Val)
				}
			}
		}
	}
}

// fieldOf returns the origin of field i of the struct t (or *t) points to
// or is.
func fieldOf(t types.Type, i int) *types.Var {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok || i >= s.NumFields() {
		return nil
	}
	return s.Field(i).Origin()
}

// sources adds to makers the a.Tag calls the handle v may come from, and
// reports whether they are all known.
func (h *handles) sources(v ssa.Value, seen map[ssa.Value]bool, makers *[]*ssa.Call) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Call:
		if c, ok := h.r.core.API.Classify(v); ok {
			if c.Op != allocapi.OpTag {
				return false
			}
			*makers = append(*makers, v)
			return true
		}
		return h.results(v, seen, makers)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !h.sources(e, seen, makers) {
				return false
			}
		}
		return true
	case *ssa.ChangeType:
		return h.sources(v.X, seen, makers)
	case *ssa.UnOp:
		return v.Op == token.MUL && h.stored(v.X, seen, makers)
	case *ssa.Field:
		if f := fieldOf(v.X.Type(), v.Field); f != nil {
			return h.all(h.fields[f], seen, makers)
		}
	case *ssa.FreeVar:
		if b := h.n.binding(v); b != nil {
			return h.sources(b, seen, makers)
		}
	case *ssa.Parameter:
		return h.arguments(v, seen, makers)
	}
	return false
}

// stored resolves the handles stored at addr.
func (h *handles) stored(addr ssa.Value, seen map[ssa.Value]bool, makers *[]*ssa.Call) bool {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		if f := fieldOf(a.X.Type(), a.Field); f != nil {
			return h.all(h.fields[f], seen, makers)
		}
	case *ssa.Global:
		return h.all(h.globals[a], seen, makers)
	case *ssa.FreeVar:
		if b := h.n.binding(a); b != nil {
			return h.stored(b, seen, makers)
		}
	case *ssa.Alloc:
		var vals []ssa.Value
		for _, ref := range refs(a) {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
				vals = append(vals, st.Val)
			}
		}
		return h.all(vals, seen, makers)
	}
	return false
}

// all resolves every value of vals; none is unknown.
func (h *handles) all(vals []ssa.Value, seen map[ssa.Value]bool, makers *[]*ssa.Call) bool {
	if len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if !h.sources(v, seen, makers) {
			return false
		}
	}
	return true
}

// arguments resolves a parameter from the arguments of every call of its
// function; only unexported functions of the package, called directly.
func (h *handles) arguments(p *ssa.Parameter, seen map[ssa.Value]bool, makers *[]*ssa.Call) bool {
	obj, ok := h.n.key(p.Parent()).(*types.Func)
	if !ok || callableFromOutside(obj) || len(h.n.groups[obj]) > 0 || len(h.n.values[obj]) > 0 {
		return false
	}
	idx := -1
	for i, q := range p.Parent().Params {
		if q == p {
			idx = i
		}
	}
	var args []ssa.Value
	for _, ci := range h.n.in[obj] {
		common := ci.Common()
		i := idx
		if isBound(common.StaticCallee()) {
			i--
		}
		if i < 0 || i >= len(common.Args) {
			return false
		}
		args = append(args, common.Args[i])
	}
	return h.all(args, seen, makers)
}

// results resolves the handle a call of a function of the package
// returns.
func (h *handles) results(call *ssa.Call, seen map[ssa.Value]bool, makers *[]*ssa.Call) bool {
	callee := call.Common().StaticCallee()
	if callee == nil {
		return false
	}
	body := h.n.body(callee)
	if body == nil || body.Signature.Results().Len() != 1 {
		return false
	}
	var vals []ssa.Value
	for _, b := range body.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			vals = append(vals, ret.Results[0])
		}
	}
	return h.all(vals, seen, makers)
}
