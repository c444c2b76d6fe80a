// Package frameallocinasync defines the FA701 frame-alloc-in-async check:
// a frame allocation (Frame, FrameSlice, FrameBytes, TryFrame,
// TryFrameSlice, FrameRetained) inside a func literal that runs on another
// goroutine or later, using a Local captured from outside the literal.
//
// A literal runs later when it is started with go (or passed to a go
// statement), returned, sent on a channel, stored in a package-level
// variable or in memory that outlives the function (a field or map of a
// parameter or global, a local container that is itself returned or stored
// there), passed to a function that keeps its func argument (time.AfterFunc,
// context.AfterFunc, sync.WaitGroup.Go, helpers whose facts say so), or
// deferred in a function that ends the frame of that Local before the
// deferred call runs (a literal deferred after defer l.EndFrame() runs
// before it and is fine). Func literals called at once, passed to WithTag
// or Scratch.Scope, or to a function that does not keep them run
// synchronously; the check looks through them to the literal that
// captures the Local. A Local created inside the literal, or received as
// its parameter, is fine. The diagnostic points at the allocation call.
package frameallocinasync

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
)

// Analyzer is the FA701 check.
var Analyzer = check.New("FA701", run)

func run(p *check.Pass) error {
	info := loops.New(p.Pass, p.Core)
	memo := map[*ssa.Function]string{}
	for _, fn := range p.Core.Funcs {
		for _, c := range p.Core.Calls[fn] {
			if !c.Op.IsFrameAllocation() || c.Local() == nil {
				continue
			}
			g, k := fn, p.Core.HandleKey(c.Local())
			for g.Parent() != nil && k.IsCaptured() {
				if g.Synthetic == "" { // range-over-func bodies run in place
					how, ok := memo[g]
					if !ok {
						how = runsLater(p.Core, g, k)
						memo[g] = how
					}
					if how != "" {
						pos, end := info.Span(c.Instr)
						p.Reportf(pos, end, "%s allocates from %s, captured by a func literal that runs on another goroutine or later (%s): the frame it allocates into may be another goroutine's or already ended; create a Local inside the literal (a.NewLocal()) or hand the data over with Transfer",
							info.Text(c.Instr), info.LocalText(c.Instr, 0), how)
						break
					}
				}
				up, ok := p.Core.LiftOnce(g, k)
				if !ok {
					break
				}
				g, k = g.Parent(), up
			}
		}
	}
	return nil
}

// runsLater returns how the func literal g may run after its maker moves
// on or on another goroutine, or "" when it runs synchronously. k is the
// key, in g, of the captured Local (used for deferred literals).
func runsLater(core *framecore.Result, g *ssa.Function, k framecore.LocalKey) string {
	mc := framecore.ClosureOf(g)
	if mc == nil {
		return ""
	}
	if how := later(core, mc, mc, 0); how != "" {
		return how
	}
	// Deferred in a function that ends the frame before the literal runs.
	for _, ref := range *mc.Referrers() {
		d, ok := ref.(*ssa.Defer)
		if !ok || d.Call.Value != mc {
			continue
		}
		parentKey, ok := core.LiftOnce(g, k)
		if !ok {
			continue
		}
		if endsBefore(core, g.Parent(), d, parentKey) {
			return "deferred in a function that ends the frame first"
		}
	}
	return ""
}

// endsBefore reports whether fn ends the frame of k before the deferred
// call d runs: with an EndFrame call, or an EndFrame deferred before d
// was (deferred calls run last-in first-out).
func endsBefore(core *framecore.Result, fn *ssa.Function, d *ssa.Defer, k framecore.LocalKey) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok || instr == d {
				continue
			}
			matches := false
			for _, ek := range core.EndsFrame(ci) {
				if ek == k {
					matches = true
				}
			}
			if !matches {
				continue
			}
			switch instr.(type) {
			case *ssa.Call:
				return true
			case *ssa.Defer:
				if instr.Pos() > d.Pos() {
					return true
				}
			}
		}
	}
	return false
}

// later returns how v (the closure, or a value or container holding it)
// may be run later, or "".
func later(core *framecore.Result, mc *ssa.MakeClosure, v ssa.Value, depth int) string {
	if depth > 8 {
		return ""
	}
	refs := v.Referrers()
	if refs == nil {
		return ""
	}
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.Go:
			if r.Call.Value == v {
				return "started with go"
			}
			return "passed to a go statement"
		case *ssa.Return:
			return "returned"
		case *ssa.Send:
			if r.X == v {
				return "sent on a channel"
			}
		case *ssa.Call, *ssa.Defer:
			ci := r.(ssa.CallInstruction)
			common := ci.Common()
			if b, ok := common.Value.(*ssa.Builtin); ok {
				if b.Name() == "append" {
					if call, ok := r.(*ssa.Call); ok {
						if how := later(core, mc, call, depth+1); how != "" {
							return how
						}
					}
				}
				continue
			}
			if common.Value == v {
				continue // called here
			}
			if c, ok := core.API.Classify(ci); ok && (c.Op == allocapi.OpWithTag || c.Op == allocapi.OpScratchScope) {
				continue
			}
			for i, a := range framecore.ArgsOf(common) {
				if a == v && core.KeepsFunc(ci, i) {
					return "registered to run later by " + calleeName(common)
				}
			}
		case *ssa.Store:
			if r.Val != v {
				continue
			}
			if _, ok := r.Addr.(*ssa.FreeVar); ok {
				continue // a variable of an enclosing function: not followed
			}
			switch root := addrRoot(r.Addr).(type) {
			case *ssa.Alloc:
				// A local variable or container: where its value goes.
				if how := laterLocal(core, mc, root, depth+1); how != "" {
					return how
				}
			case *ssa.MakeSlice, *ssa.MakeMap:
				if how := later(core, mc, root, depth+1); how != "" {
					return how
				}
			case *ssa.Global:
				return "stored in a package-level variable"
			default:
				return "stored in memory that outlives the function"
			}
		case *ssa.MapUpdate:
			if r.Value != v {
				continue
			}
			if mm, ok := r.Map.(*ssa.MakeMap); ok {
				if how := later(core, mc, mm, depth+1); how != "" {
					return how
				}
				continue
			}
			return "stored in a map that outlives the function"
		case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Phi, *ssa.Slice:
			if how := later(core, mc, r.(ssa.Value), depth+1); how != "" {
				return how
			}
		}
	}
	return ""
}

// laterLocal follows a local variable or container (an Alloc) holding the
// closure: its loads, and the container's own escape.
func laterLocal(core *framecore.Result, mc *ssa.MakeClosure, alloc *ssa.Alloc, depth int) string {
	if how := later(core, mc, alloc, depth); how != "" {
		return how
	}
	for _, ref := range *alloc.Referrers() {
		if ld, ok := ref.(*ssa.UnOp); ok && ld.X == alloc {
			if how := later(core, mc, ld, depth); how != "" {
				return how
			}
		}
	}
	return ""
}

// addrRoot returns the memory an address points into: a local container
// (the *ssa.Alloc of a local variable or struct, a local make of a slice
// or map), the *ssa.Global, or nil when it may outlive the function.
func addrRoot(a ssa.Value) ssa.Value {
	for depth := 0; depth < 12; depth++ {
		switch x := a.(type) {
		case *ssa.Alloc:
			if x.Heap && escapesAlloc(x) {
				return nil
			}
			return x
		case *ssa.MakeSlice, *ssa.MakeMap, *ssa.Global:
			return x
		case *ssa.FieldAddr:
			a = x.X
		case *ssa.IndexAddr:
			a = x.X
		case *ssa.Slice:
			a = x.X
		case *ssa.UnOp:
			// A pointer loaded from a variable: the memory it points to
			// is known only when the variable holds one local container.
			if g, ok := x.X.(*ssa.Global); ok {
				return g
			}
			cell, ok := x.X.(*ssa.Alloc)
			if !ok {
				return nil
			}
			stored := storedInto(cell)
			if len(stored) != 1 {
				return nil
			}
			a = stored[0]
		default:
			return nil
		}
	}
	return nil
}

// storedInto returns the values stored into a local variable's cell.
func storedInto(cell *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			out = append(out, st.Val)
		}
	}
	return out
}

// escapesAlloc reports whether a heap-allocated local's address is
// stored or returned (so what it holds outlives the function).
func escapesAlloc(alloc *ssa.Alloc) bool {
	for _, ref := range *alloc.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if _, local := r.Addr.(*ssa.Alloc); r.Val == alloc && !local {
				return true
			}
		case *ssa.Return, *ssa.Go, *ssa.Send, *ssa.MapUpdate:
			return true
		}
	}
	return false
}

func calleeName(common *ssa.CallCommon) string {
	if callee := common.StaticCallee(); callee != nil {
		if obj, ok := callee.Object().(*types.Func); ok {
			if obj.Pkg() != nil {
				return obj.Pkg().Name() + "." + obj.Name()
			}
			return obj.Name()
		}
		return callee.Name()
	}
	return "the callee"
}
