package tags

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// This file finds EnterTag regions: `s := l.EnterTag(t)` enters the tag
// until `s.Exit()`; `defer l.EnterTag(t).Exit()` (or a deferred Exit of
// the scope) until the function returns. The region is every instruction
// reachable from the EnterTag call without passing through a call of the
// scope's Exit: the function's end when the Exit is deferred, made in a
// closure or not found. For FA801-FA803 the region counts exactly like a
// WithTag closure: what runs there (helpers called from it included) runs
// under the tag.

// region is the extent of one EnterTag use.
type region struct {
	use    *Use
	instrs map[ssa.Instruction]bool
}

// regions computes the region of every EnterTag use, by function.
func (r *resolver) computeRegions() {
	r.regions = map[*ssa.Function][]*region{}
	for _, u := range r.uses {
		if u.Kind != EnterTag {
			continue
		}
		call, ok := u.Instr.(*ssa.Call)
		if !ok {
			continue // go or defer of EnterTag: the scope is lost
		}
		rg := &region{use: u, instrs: map[ssa.Instruction]bool{}}
		exits, toEnd := r.exits(call)
		r.walkRegion(call, exits, toEnd, rg.instrs)
		r.regions[u.Fn] = append(r.regions[u.Fn], rg)
	}
}

// exits returns the calls of the scope's Exit that end the region, and
// whether the region lasts to the end of the function instead (a deferred
// Exit, an Exit in a closure, a scope stored or passed on).
func (r *resolver) exits(scope ssa.Value) (map[ssa.Instruction]bool, bool) {
	exits := map[ssa.Instruction]bool{}
	toEnd := false
	var follow func(v ssa.Value, seen map[ssa.Value]bool)
	follow = func(v ssa.Value, seen map[ssa.Value]bool) {
		if seen[v] {
			return
		}
		seen[v] = true
		for _, ref := range refs(v) {
			switch ref := ref.(type) {
			case *ssa.Defer:
				toEnd = true // a deferred Exit, or the scope given to a deferred call
			case ssa.CallInstruction:
				if c, ok := r.core.API.Classify(ref); ok && c.Op == allocapi.OpTagScopeExit && len(c.Args) == 1 && c.Args[0] == v {
					if _, isGo := ref.(*ssa.Go); !isGo {
						exits[ref] = true
						continue
					}
				}
				toEnd = true // passed on: another function may exit it
			case *ssa.Phi:
				follow(ref, seen)
			case *ssa.Store:
				if a, ok := ref.Addr.(*ssa.Alloc); ok && ref.Val == v {
					for _, use := range refs(a) {
						switch use := use.(type) {
						case *ssa.UnOp:
							if use.Op == token.MUL {
								follow(use, seen)
							}
						case *ssa.Store, *ssa.DebugRef:
						default:
							toEnd = true // captured by a closure, or its address taken
						}
					}
				} else {
					toEnd = true
				}
			case *ssa.DebugRef:
			default:
				toEnd = true
			}
		}
	}
	follow(scope, map[ssa.Value]bool{})
	return exits, toEnd
}

// walkRegion adds to in the instructions reachable from enter, stopping
// at the exits unless the region lasts to the end.
func (r *resolver) walkRegion(enter ssa.Instruction, exits map[ssa.Instruction]bool, toEnd bool, in map[ssa.Instruction]bool) {
	type point struct {
		b *ssa.BasicBlock
		i int
	}
	start := enter.Block()
	idx := 0
	for i, instr := range start.Instrs {
		if instr == enter {
			idx = i + 1
		}
	}
	seenBlock := map[*ssa.BasicBlock]bool{}
	work := []point{{start, idx}}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		stopped := false
		for _, instr := range p.b.Instrs[p.i:] {
			if !toEnd && exits[instr] {
				stopped = true
				break
			}
			in[instr] = true
		}
		if stopped {
			continue
		}
		for _, s := range p.b.Succs {
			if !seenBlock[s] {
				seenBlock[s] = true
				work = append(work, point{s, 0})
			}
		}
	}
}

// regionAt returns the innermost EnterTag region of fn that holds instr
// (not counting the region instr itself enters), or nil.
func (r *resolver) regionAt(fn *ssa.Function, instr ssa.Instruction) *Use {
	var in []*region
	for _, rg := range r.regions[fn] {
		if rg.instrs[instr] && rg.use.Instr != instr {
			in = append(in, rg)
		}
	}
	switch len(in) {
	case 0:
		return nil
	case 1:
		return in[0].use
	}
	// The innermost region was entered inside all the others.
	best := in[0]
	for _, rg := range in[1:] {
		if best.instrs[rg.use.Instr] || len(rg.instrs) < len(best.instrs) {
			best = rg
		}
	}
	return best.use
}

// regionAllocates reports whether an instruction of u's EnterTag region
// allocates: an allocator allocation, or a call of a helper (of any
// package) whose facts say it allocates. Helpers of this package called
// there, and func literals made there, run under the region and count
// through their own contexts.
func (r *resolver) regionAllocates(u *Use) bool {
	for _, rg := range r.regions[u.Fn] {
		if rg.use != u {
			continue
		}
		for instr := range rg.instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok && r.core.Allocates(ci) {
				return true
			}
		}
	}
	return false
}
