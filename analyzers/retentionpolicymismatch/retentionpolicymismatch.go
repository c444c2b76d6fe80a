// Package retentionpolicymismatch is the FA604 retention-policy-mismatch check.
//
// What it reports and what it leaves alone is documented once, in the
// FA604 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA604` or
// docs/diagnostics.md#fa604.
package retentionpolicymismatch

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA604 check.
var Analyzer = check.New("FA604", run, loops.Analyzer)

// ends counts how the frames of one Local are ended.
type ends struct {
	plain, discarded, used, other int
	at                            ssa.Instruction // a plain or discarding end
}

func (e ends) any() bool { return e.plain+e.discarded+e.used+e.other > 0 }

func (e ends) mismatch() bool { return e.plain+e.discarded > 0 && e.used == 0 && e.other == 0 }

func run(p *check.Pass) error {
	info := p.Loops()
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if c.Op != allocapi.OpFrameRetained || len(c.Args) < 2 || c.Local() == nil {
				continue
			}
			policy := promoting(p, c)
			if policy == "" {
				continue
			}
			key := p.Core.Lift(fn, framecore.HandleKey(c.Local()))
			if !key.Known() || key.Fn == nil {
				continue
			}
			e := endsOf(p, key)
			if !e.any() {
				e = callerEnds(p, key)
			}
			pos, end := info.Span(c.Instr)
			if key.Key.IsRequestLocal() && e.used == 0 && e.other == 0 {
				// framehttp ends the request's frames with plain EndFrame:
				// when the handler returns, and at each Cycle.
				p.Reportf(pos, end, "%s promotes with %s, but the frames of %s are ended by the framehttp middleware with plain EndFrame (when the handler returns, and at each framehttp.Cycle): the promotions are never collected; use Discard, or allocate from the pool or the heap what must outlive the request",
					info.Text(c.Instr), policy, info.LocalText(c.Instr, 0))
				continue
			}
			if !e.mismatch() || e.at == nil {
				continue
			}
			how := "ended with plain EndFrame"
			if e.plain == 0 {
				how = "ended with EndFrameWithPromotions whose []Promotion result is discarded"
			}
			p.Reportf(pos, end, "%s promotes with %s, but the frames of %s are %s (line %d): the promotions are never collected; end the frame with EndFrameWithPromotions and handle the promotions, or use Discard",
				info.Text(c.Instr), policy, info.LocalText(c.Instr, 0), how, info.Line(e.at.Pos()))
		}
	}
	return nil
}

// promoting returns the name of the promoting policy of a FrameRetained
// call ("PromoteToPool", "PromoteToHeap", or both joined by "or"), or ""
// when it may not promote. A policy held in a variable promotes when every
// constant that can reach it through assignments and branches (phis,
// local variables, unexported package-level variables, parameters of
// unexported functions given constants at every call in the package)
// promotes.
func promoting(p *check.Pass, c allocapi.Call) string {
	callee := c.Instr.Common().StaticCallee()
	if callee == nil || callee.Object() == nil || callee.Object().Pkg() == nil {
		return ""
	}
	scope := callee.Object().Pkg().Scope()
	found := map[string]bool{}
	r := policyResolver{p: p, seen: map[ssa.Value]bool{}}
	if !r.consts(c.Args[1], func(k *ssa.Const) bool {
		for _, name := range []string{"PromoteToPool", "PromoteToHeap"} {
			if pc, ok := scope.Lookup(name).(*types.Const); ok && k.Value != nil && constant.Compare(pc.Val(), token.EQL, k.Value) {
				found[name] = true
				return true
			}
		}
		return false
	}) {
		return ""
	}
	switch {
	case found["PromoteToPool"] && found["PromoteToHeap"]:
		return "PromoteToPool or PromoteToHeap"
	case found["PromoteToPool"]:
		return "PromoteToPool"
	case found["PromoteToHeap"]:
		return "PromoteToHeap"
	}
	return ""
}

// policyResolver finds the constants that can reach a policy value.
type policyResolver struct {
	p    *check.Pass
	seen map[ssa.Value]bool
}

// consts calls ok for every constant that can reach v and reports whether
// all of them were accepted and every source was a constant.
func (r policyResolver) consts(v ssa.Value, ok func(*ssa.Const) bool) bool {
	if r.seen[v] {
		return true
	}
	if len(r.seen) > 64 {
		return false
	}
	r.seen[v] = true
	switch x := v.(type) {
	case *ssa.Const:
		return ok(x)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !r.consts(e, ok) {
				return false
			}
		}
		return true
	case *ssa.ChangeType:
		return r.consts(x.X, ok)
	case *ssa.Convert:
		return r.consts(x.X, ok)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		return r.stored(x.X, ok)
	case *ssa.Parameter:
		return r.arguments(x, ok)
	}
	return false
}

// stored resolves a load: every value stored into a local variable, or
// into an unexported package-level variable anywhere in the package.
func (r policyResolver) stored(addr ssa.Value, ok func(*ssa.Const) bool) bool {
	switch a := addr.(type) {
	case *ssa.Alloc:
		n := 0
		for _, ref := range *a.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr != a {
					return false
				}
				n++
				if !r.consts(ref.Val, ok) {
					return false
				}
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				return false // its address escapes: assignments unseen
			}
		}
		return n > 0
	case *ssa.Global:
		if a.Object().Exported() {
			return false
		}
		// Globals have no referrers: look at every function of the
		// package, its initializer included.
		funcs := r.p.Core.Funcs
		if init := r.p.Core.SSA.Pkg.Func("init"); init != nil {
			funcs = append([]*ssa.Function{init}, funcs...)
		}
		n := 0
		for _, fn := range funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					switch x := instr.(type) {
					case *ssa.Store:
						if x.Addr == a {
							n++
							if !r.consts(x.Val, ok) {
								return false
							}
							continue
						}
					case *ssa.UnOp:
						continue // a load
					}
					for _, op := range instr.Operands(nil) {
						if *op == a {
							return false // its address escapes: assignments unseen
						}
					}
				}
			}
		}
		return n > 0
	}
	return false
}

// arguments resolves a parameter of an unexported function from the
// arguments of its static calls in the package.
func (r policyResolver) arguments(param *ssa.Parameter, ok func(*ssa.Const) bool) bool {
	fn := param.Parent()
	if fn.Parent() != nil || fn.Object() == nil || fn.Object().Exported() {
		return false
	}
	i := -1
	for j, q := range fn.Params {
		if q == param {
			i = j
		}
	}
	calls := 0
	for _, g := range r.p.Core.Funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, isCall := instr.(ssa.CallInstruction)
				if !isCall {
					continue
				}
				callee := ci.Common().StaticCallee()
				if callee == nil || (callee != fn && callee.Origin() != fn) {
					continue
				}
				args := framecore.CallArgs(ci.Common())
				if i < 0 || i >= len(args) || !r.consts(args[i], ok) {
					return false
				}
				calls++
			}
		}
	}
	return calls > 0
}

// endsOf classifies the frame ends of the Local key in its function and
// the func literals nested in it.
func endsOf(p *check.Pass, key framecore.ScopedKey) ends {
	var e ends
	top := framecore.Outermost(key.Fn)
	for _, g := range p.Core.Funcs {
		if framecore.Outermost(g) != top {
			continue
		}
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if _, isGo := instr.(*ssa.Go); isGo {
					continue
				}
				for _, ek := range p.Core.EndsFrame(ci) {
					if !ek.Known() {
						e.other++
						continue
					}
					if p.Core.Lift(g, ek) != key {
						continue
					}
					c, direct := p.Core.API.Classify(ci)
					switch {
					case !direct:
						e.other++
					case c.Op == allocapi.OpEndFrame:
						e.plain++
						e.at = instr
					default: // EndFrameWithPromotions
						call, isCall := instr.(*ssa.Call)
						if isCall && len(*call.Referrers()) > 0 {
							e.used++
						} else {
							e.discarded++
							if e.at == nil {
								e.at = instr
							}
						}
					}
				}
			}
		}
	}
	return e
}

// callerEnds classifies the frame ends of a parameter Local in the
// package's callers of its function; any caller that ends no frame of it
// makes the result unknown (no mismatch).
func callerEnds(p *check.Pass, key framecore.ScopedKey) ends {
	i, ok := key.Key.Param()
	if !ok || key.Fn.Parent() != nil {
		return ends{}
	}
	var all ends
	callers := 0
	for _, g := range p.Core.Funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				callee := call.Call.StaticCallee()
				if callee == nil || (callee != key.Fn && callee.Origin() != key.Fn) {
					continue
				}
				args := framecore.CallArgs(call.Common())
				if i >= len(args) {
					return ends{}
				}
				ck := p.Core.Lift(g, framecore.HandleKey(args[i]))
				if !ck.Known() || ck.Fn == nil {
					return ends{}
				}
				e := endsOf(p, ck)
				if !e.mismatch() {
					return ends{}
				}
				callers++
				all.plain += e.plain
				all.discarded += e.discarded
				if all.at == nil {
					all.at = e.at
				}
			}
		}
	}
	if callers == 0 {
		return ends{}
	}
	return all
}
