// Package unboundedallocation is the FA301 unbounded-allocation check.
//
// What it reports and what it leaves alone is documented once, in the
// FA301 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA301` or
// docs/diagnostics.md#fa301.
package unboundedallocation

import (
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/budget"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA301 check.
var Analyzer = check.New("FA301", run, loops.Analyzer)

type checker struct {
	p    *check.Pass
	info *loops.Info
}

func run(p *check.Pass) error {
	c := &checker{p: p, info: p.Loops()}
	for _, fn := range p.Core.Funcs {
		for _, call := range p.Core.Calls[fn] {
			if !call.Op.IsAllocation() {
				continue
			}
			l := c.info.Innermost(call.Instr.Pos())
			if l == nil || l.Bounded || c.guarded(fn, call, l) {
				continue
			}
			who := c.info.LocalText(call.Instr, 0)
			guard := "SetFrameBudget/SetPoolBudget on " + who + ", a Config.FrameBudget/PoolBudget, or a Try* allocation whose error is checked"
			if call.Op == allocapi.OpScratchAlloc {
				guard = "a Config.FrameBudget/PoolBudget on its Allocator"
			}
			pos, end := c.info.Span(call.Instr)
			p.Reportf(pos, end, "%s allocates in the %s at line %d, which has no static bound, and nothing limits it (no %s)",
				c.info.Text(call.Instr), l.Kind, c.info.Line(l.Pos()), guard)
		}
	}
	return nil
}

// guarded reports whether the allocation has a budget guard.
func (c *checker) guarded(fn *ssa.Function, call allocapi.Call, l *loops.Loop) bool {
	core := c.p.Core
	if call.Op.IsTry() && budget.ErrorOf(call.Instr) == budget.ErrChecked {
		return true
	}
	local := call.Local()
	if call.Op == allocapi.OpScratchAlloc {
		return c.scratchGuarded(call)
	}
	if local == nil {
		return true
	}
	key := core.Lift(fn, framecore.HandleKey(local))
	if !key.Known() {
		return true
	}
	same := func(at *ssa.Function, v ssa.Value) bool {
		k := core.Lift(at, framecore.HandleKey(v))
		return !k.Known() || k == key
	}
	// A checked Try* allocation of the same Local in the loop.
	for _, ci := range c.info.Calls(l) {
		if tc, ok := core.API.Classify(ci); ok && tc.Op.IsTry() && tc.Local() != nil &&
			same(ci.Parent(), tc.Local()) && budget.ErrorOf(ci) == budget.ErrChecked {
			return true
		}
	}
	// SetFrameBudget/SetPoolBudget in the function, its literals, or an
	// in-package helper.
	top := framecore.Outermost(fn)
	for _, g := range core.Funcs {
		if framecore.Outermost(g) != top {
			continue
		}
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if bc, ok := core.API.Classify(ci); ok {
					if (bc.Op == allocapi.OpSetFrameBudget || bc.Op == allocapi.OpSetPoolBudget) && bc.Local() != nil && same(g, bc.Local()) {
						return true
					}
					continue
				}
				for _, k := range core.SetsFrameBudget(ci) {
					if k2 := core.Lift(g, k); !k2.Known() || k2 == key {
						return true
					}
				}
				if callee := ci.Common().StaticCallee(); callee != nil {
					args := framecore.CallArgs(ci.Common())
					// A helper of another package (whose body is not
					// seen) named for budgets, given the Local.
					if callee.Pkg != nil && callee.Pkg.Pkg != c.p.Pkg && strings.Contains(strings.ToLower(callee.Name()), "budget") {
						for _, a := range args {
							if same(g, a) {
								return true
							}
						}
					}
				}
			}
		}
	}
	// Config.FrameBudget/PoolBudget on the Local's Allocator.
	return c.configGuarded(key)
}

// configGuarded reports whether the Local's Allocator was made with a
// Config that sets a frame or pool budget, or with a Config that cannot be
// seen. A Local that is a parameter or a field has no visible Allocator
// and is not guarded.
func (c *checker) configGuarded(key framecore.ScopedKey) bool {
	v := key.Key.RootValue()
	if v == nil || key.Key.Field() != "" {
		return false
	}
	if alloc, ok := v.(*ssa.Alloc); ok {
		// A variable: the Locals stored into it.
		for _, s := range storedInto(alloc) {
			if c.localGuarded(s) {
				return true
			}
		}
		return false
	}
	return c.localGuarded(v)
}

// localGuarded reports whether a *Local value comes from an Allocator
// with a budget (or one whose Config is out of sight).
func (c *checker) localGuarded(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	nc, ok := c.p.Core.API.Classify(call)
	if !ok || nc.Op != allocapi.OpNewLocal || len(nc.Args) == 0 {
		return false
	}
	return c.allocatorGuarded(nc.Args[0], 0)
}

// allocatorGuarded reports whether an *Allocator value was made by New
// with a budget in its Config, or comes from somewhere out of sight.
func (c *checker) allocatorGuarded(a ssa.Value, depth int) bool {
	if depth > 4 {
		return true
	}
	switch a := a.(type) {
	case *ssa.Call:
		nc, ok := c.p.Core.API.Classify(a)
		if !ok || nc.Op != allocapi.OpNew {
			return true // made by a function we do not look into
		}
		if len(nc.Args) == 0 {
			return true
		}
		return configHasBudget(nc.Args[0])
	case *ssa.UnOp:
		g, ok := a.X.(*ssa.Global)
		if !ok || g.Pkg == nil || g.Pkg.Pkg != c.p.Pkg {
			return true
		}
		found := false
		funcs := c.p.Core.Funcs
		if init := c.p.Core.SSA.Pkg.Func("init"); init != nil {
			funcs = append([]*ssa.Function{init}, funcs...)
		}
		for _, fn := range funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
						found = true
						if c.allocatorGuarded(st.Val, depth+1) {
							return true
						}
					}
				}
			}
		}
		return !found
	case *ssa.Phi:
		for _, e := range a.Edges {
			if c.allocatorGuarded(e, depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// configHasBudget reports whether a Config value sets FrameBudget or
// PoolBudget to something other than the constant 0, or cannot be seen.
func configHasBudget(cfg ssa.Value) bool {
	switch cfg := cfg.(type) {
	case *ssa.Const:
		return false // the zero Config
	case *ssa.UnOp:
		alloc, ok := cfg.X.(*ssa.Alloc)
		if !ok {
			return true
		}
		for _, ref := range *alloc.Referrers() {
			switch r := ref.(type) {
			case *ssa.FieldAddr:
				name := fieldName(alloc.Type(), r.Field)
				if name != "FrameBudget" && name != "PoolBudget" {
					continue
				}
				for _, fr := range *r.Referrers() {
					if st, ok := fr.(*ssa.Store); ok && st.Addr == r && !isZero(st.Val) {
						return true
					}
				}
			case *ssa.Store, *ssa.UnOp, *ssa.DebugRef:
				if st, ok := r.(*ssa.Store); ok && st.Addr == alloc && !isZero(st.Val) {
					return true // the whole Config assigned from elsewhere
				}
			default:
				return true // address taken: out of sight
			}
		}
		return false
	}
	return true
}

func fieldName(ptr types.Type, i int) string {
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i).Name()
		}
	}
	return ""
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true
	}
	return c.Value.Kind() == constant.Int && constant.Sign(c.Value) == 0
}

// storedInto returns the values stored into a local variable's cell.
func storedInto(alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			out = append(out, st.Val)
		}
	}
	return out
}

// scratchGuarded reports whether a ScratchAlloc's Scratch comes from an
// Allocator with a budget (or from somewhere out of sight).
func (c *checker) scratchGuarded(call allocapi.Call) bool {
	if len(call.Args) == 0 {
		return true
	}
	// The Scratch is usually the parameter of the Scope func literal; its
	// NewScratch call is in the enclosing function.
	s := call.Args[0]
	if p, ok := s.(*ssa.Parameter); ok {
		var fnv ssa.Value = p.Parent()
		if mc := framecore.ClosureOf(p.Parent()); mc != nil {
			fnv = mc
		}
		refs := fnv.Referrers()
		if refs == nil {
			return true
		}
		for _, ref := range *refs {
			if sc, ok := ref.(ssa.CallInstruction); ok {
				if op, ok := c.p.Core.API.Classify(sc); ok && op.Op == allocapi.OpScratchScope && len(op.Args) > 0 {
					s = op.Args[0]
				}
			}
		}
	}
	nc, ok := s.(*ssa.Call)
	if !ok {
		return true
	}
	op, ok := c.p.Core.API.Classify(nc)
	if !ok || op.Op != allocapi.OpNewScratch || len(op.Args) == 0 {
		return true
	}
	return c.allocatorGuarded(op.Args[0], 0)
}
