package budgetnotconfigured

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA203 budget-not-configured check.
var Analyzer = check.New("FA203", run, goroutines.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	done := map[*ssa.Function]bool{}
	for _, l := range m.Launches {
		body := l.Body
		if body == nil || done[body] {
			continue
		}
		done[body] = true
		for _, c := range m.Calls(body, allocapi.OpNewLocal) {
			call, ok := c.Instr.(*ssa.Call)
			if !ok || len(c.Args) != 1 {
				continue
			}
			frames, budget, known := localUse(m, call)
			if !known || budget || !frames {
				continue
			}
			cb := &configs{p: p, m: m, seen: map[ssa.Value]bool{}}
			has, known := cb.budget(c.Args[0], 0)
			if !known || has {
				continue
			}
			name := goroutines.AssignedName(p.Files, call.Pos())
			if name == "" {
				name = "created here"
			}
			p.Reportf(call.Pos(), 0, "goroutine body creates Local %s and runs frames on it without a frame budget: call SetFrameBudget on it or set Config.FrameBudget", name)
		}
	}
	return nil
}

// localUse follows the Local created by call through local variables:
// frames reports whether frames run on it, budget whether its frame budget
// is set; known is false when the Local goes where the check cannot follow
// (a field, a closure, another goroutine, a dynamic call).
func localUse(m *goroutines.Model, call *ssa.Call) (frames, budget, known bool) {
	core := m.Core
	values := []ssa.Value{call}
	keys := map[framecore.LocalKey]bool{framecore.HandleKey(call): true}
	cells := map[ssa.Value]bool{}
	for i := 0; i < len(values); i++ {
		v := values[i]
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if cells[ref.Addr] && ref.Val == call {
					continue
				}
				a, ok := ref.Addr.(*ssa.Alloc)
				if v != call || ref.Val != call || !ok {
					return false, false, false
				}
				if !cells[a] {
					cells[a] = true
					keys[framecore.HandleKeyAt(a)] = true
					values = append(values, a)
				}
			case *ssa.UnOp:
				if ref.Op != token.MUL || !cells[v] {
					return false, false, false
				}
				values = append(values, ref)
			case *ssa.Call, *ssa.Defer:
				ci := ref.(ssa.CallInstruction)
				if ci.Common().IsInvoke() || ci.Common().StaticCallee() == nil {
					return false, false, false
				}
				for _, k := range core.SetsFrameBudget(ci) {
					if keys[k] {
						budget = true
					}
				}
				if c, ok := core.API.Classify(ci); ok {
					if c.Local() != v {
						return false, false, false
					}
					if c.Op.IsFrameAllocation() || c.Op == allocapi.OpBeginFrame || c.Op.EndsFrame() {
						frames = true
					}
					continue
				}
				if len(core.BeginsFrame(ci)) > 0 || len(core.EndsFrame(ci)) > 0 || core.Allocates(ci) {
					frames = true
				}
			default:
				return false, false, false
			}
		}
	}
	return frames, budget, true
}

type configs struct {
	p    *check.Pass
	m    *goroutines.Model
	seen map[ssa.Value]bool
}

// budget reports whether the Allocator value a may have a Config with a
// FrameBudget; known is false unless every place a can come from is a
// visible allocator.New call.
func (c *configs) budget(a ssa.Value, depth int) (has, known bool) {
	if depth > 10 || c.seen[a] {
		return false, false
	}
	c.seen[a] = true
	switch v := a.(type) {
	case *ssa.Call:
		cc, ok := c.m.Core.API.Classify(v)
		if !ok || cc.Op != allocapi.OpNew || len(cc.Args) != 1 {
			return false, false
		}
		return configBudget(cc.Args[0])
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false, false
		}
		switch x := v.X.(type) {
		case *ssa.FreeVar:
			return c.fromLaunches(x.Parent(), func(l *goroutines.Launch) ssa.Value {
				mc, ok := l.Site.Func.(*ssa.MakeClosure)
				if !ok {
					return nil
				}
				for i, fv := range x.Parent().FreeVars {
					if fv == x && i < len(mc.Bindings) {
						return mc.Bindings[i]
					}
				}
				return nil
			}, true, depth)
		case *ssa.Alloc:
			return c.stored(x, depth)
		case *ssa.Global:
			return c.storedGlobal(x, depth)
		}
	case *ssa.Alloc:
		return c.stored(v, depth)
	case *ssa.Parameter:
		fn := v.Parent()
		idx := -1
		for i, q := range fn.Params {
			if q == v {
				idx = i
			}
		}
		return c.fromLaunches(fn, func(l *goroutines.Launch) ssa.Value {
			if idx < len(l.Site.Args) && l.Site.Func != nil {
				return l.Site.Args[idx]
			}
			return nil
		}, false, depth)
	}
	return false, false
}

// fromLaunches follows a parameter or free variable of a goroutine body
// back to what every launch of it gives.
func (c *configs) fromLaunches(fn *ssa.Function, given func(*goroutines.Launch) ssa.Value, cell bool, depth int) (has, known bool) {
	if !c.m.OnlyGoroutine(fn) {
		return false, false
	}
	for _, l := range c.m.StartedBy(fn) {
		g := given(l)
		if g == nil {
			return false, false
		}
		var h, k bool
		if cell {
			alloc, ok := g.(*ssa.Alloc)
			if !ok {
				if fv, ok := g.(*ssa.FreeVar); ok {
					// Captured twice over: follow the outer closure.
					return c.budget(&ssa.UnOp{Op: token.MUL, X: fv}, depth+1)
				}
				return false, false
			}
			h, k = c.stored(alloc, depth+1)
		} else {
			h, k = c.budget(g, depth+1)
		}
		if !k || h {
			return h, k
		}
	}
	return false, true
}

// stored follows a local variable to the values stored in it.
func (c *configs) stored(a *ssa.Alloc, depth int) (has, known bool) {
	n := 0
	for _, ref := range *a.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != a {
			continue
		}
		n++
		h, k := c.budget(st.Val, depth+1)
		if !k || h {
			return h, k
		}
	}
	return false, n > 0
}

// storedGlobal follows a package-level variable to the values this
// package stores in it (only for unexported variables).
func (c *configs) storedGlobal(g *ssa.Global, depth int) (has, known bool) {
	if obj := g.Object(); obj == nil || obj.Exported() {
		return false, false
	}
	n := 0
	for _, fn := range c.m.Core.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok || st.Addr != g {
					if ok && st.Val == g {
						return false, false
					}
					continue
				}
				n++
				h, k := c.budget(st.Val, depth+1)
				if !k || h {
					return h, k
				}
			}
		}
	}
	// Package initialisation stores are in init, part of Funcs only when
	// written as init functions; be conservative otherwise.
	if n == 0 {
		if init := c.m.Core.SSA.Pkg.Func("init"); init != nil {
			for _, b := range init.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
						n++
						h, k := c.budget(st.Val, depth+1)
						if !k || h {
							return h, k
						}
					}
				}
			}
		}
	}
	return false, n > 0
}

// configBudget inspects the Config passed to New: known is true only for
// a composite literal (or zero value) whose fields are all visible.
func configBudget(cfg ssa.Value) (has, known bool) {
	switch v := cfg.(type) {
	case *ssa.Const:
		return false, true
	case *ssa.UnOp:
		a, ok := v.X.(*ssa.Alloc)
		if !ok || v.Op != token.MUL {
			return false, false
		}
		st, ok := types.Unalias(a.Type().(*types.Pointer).Elem()).Underlying().(*types.Struct)
		if !ok {
			return false, false
		}
		for _, ref := range *a.Referrers() {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return false, false
				}
			case *ssa.FieldAddr:
				name := st.Field(ref.Field).Name()
				if name == "FrameBudget" {
					for _, r := range *ref.Referrers() {
						if s, ok := r.(*ssa.Store); ok && s.Addr == ref {
							has = true
						}
					}
				}
				for _, r := range *ref.Referrers() {
					switch r.(type) {
					case *ssa.Store, *ssa.UnOp, *ssa.DebugRef, *ssa.FieldAddr:
					default:
						return false, false // the field's address escapes
					}
				}
			case *ssa.Store:
				if ref.Addr != a {
					return false, false
				}
				// A whole Config stored into the variable: look at it.
				h, k := configBudget(ref.Val)
				if !k || h {
					return h, k
				}
			default:
				return false, false
			}
		}
		return has, true
	}
	return false, false
}
