package framecore

import (
	"go/types"
	"iter"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// funcKey is the key of a function's fact: its types.Object for declared
// functions and methods (the generic origin for instantiations), the
// *ssa.Function itself for func literals.
func funcKey(fn *ssa.Function) any {
	if fn == nil {
		return nil
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil {
		return obj.Origin()
	}
	if fn.Origin() != nil {
		return funcKey(fn.Origin())
	}
	return fn
}

// CalleeFact returns the summary of the function a call statically calls:
// computed for this package, imported from a dependency, or nil when the
// callee is unknown or has nothing to say.
func (r *Result) CalleeFact(common *ssa.CallCommon) *FuncFact {
	callee := common.StaticCallee()
	if callee == nil {
		return nil
	}
	key := funcKey(callee)
	if f := r.facts[key]; f != nil {
		return f
	}
	if obj, ok := key.(*types.Func); ok {
		return stdFacts[obj.FullName()]
	}
	return nil
}

// FactOf returns the summary of fn, or nil.
func (r *Result) FactOf(fn *ssa.Function) *FuncFact { return r.facts[funcKey(fn)] }

// importCalleeFacts loads the facts of every function called from another
// package into r.facts, so that later queries need no pass.
func (r *Result) importCalleeFacts(pass *analysis.Pass) {
	for _, fn := range r.Funcs {
		for _, obj := range staticCalls(fn) {
			if obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
				continue
			}
			if _, done := r.facts[obj]; done {
				continue
			}
			f := new(FuncFact)
			if pass.ImportObjectFact(obj, f) {
				r.facts[obj] = f
			} else {
				r.facts[obj] = nil
			}
		}
	}
}

// staticCalls yields the calls of fn whose callee is a declared function
// or method, with that function (generic instances as their origin).
func staticCalls(fn *ssa.Function) iter.Seq2[ssa.CallInstruction, *types.Func] {
	return func(yield func(ssa.CallInstruction, *types.Func) bool) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := ci.Common().StaticCallee()
				if callee == nil {
					continue
				}
				if obj, ok := funcKey(callee).(*types.Func); ok && !yield(ci, obj) {
					return
				}
			}
		}
	}
}

// EndsFrame returns the keys of the Locals whose frame a call ends:
// EndFrame/EndFrameWithPromotions directly, or a helper whose fact says so.
func (r *Result) EndsFrame(instr ssa.CallInstruction) []LocalKey {
	return r.lifecycle(instr, allocapi.Op.EndsFrame, func(f *FuncFact) []LocalPath { return f.EndsFrame })
}

// BeginsFrame returns the keys of the Locals whose frame a call begins.
func (r *Result) BeginsFrame(instr ssa.CallInstruction) []LocalKey {
	return r.lifecycle(instr, allocapi.Op.BeginsFrame,
		func(f *FuncFact) []LocalPath { return f.BeginsFrame })
}

func (r *Result) lifecycle(instr ssa.CallInstruction, direct func(allocapi.Op) bool, paths func(*FuncFact) []LocalPath) []LocalKey {
	if c, ok := r.API.Classify(instr); ok {
		if direct(c.Op) {
			return []LocalKey{frameKeyOf(c)}
		}
		return nil
	}
	f := r.CalleeFact(instr.Common())
	if f == nil {
		return nil
	}
	args := callArgs(instr.Common())
	var keys []LocalKey
	for _, p := range paths(f) {
		keys = append(keys, keyAt(p, args, r.Pkg))
	}
	return keys
}

// Allocates reports whether a call allocates from the allocator, directly
// or through a helper.
func (r *Result) Allocates(instr ssa.CallInstruction) bool {
	if c, ok := r.API.Classify(instr); ok {
		return c.Op.IsAllocation()
	}
	f := r.CalleeFact(instr.Common())
	return f != nil && f.Allocates
}

// KeepsFunc reports whether a call keeps its argument i (receiver first)
// to run it later or on another goroutine: go statements, the standard
// library's deferred-execution functions, and helpers whose facts say so.
func (r *Result) KeepsFunc(instr ssa.CallInstruction, i int) bool {
	if _, ok := instr.(*ssa.Go); ok {
		return true
	}
	common := instr.Common()
	if callee := common.StaticCallee(); callee != nil {
		if obj, ok := funcKey(callee).(*types.Func); ok && keepsFuncStd[obj.FullName()] {
			return true
		}
	}
	if f := r.CalleeFact(common); f != nil {
		for _, k := range f.KeepsFunc {
			if k == i {
				return true
			}
		}
	}
	return false
}

// keepsFuncStd lists standard and well-known functions that run a func
// argument later or on another goroutine.
var keepsFuncStd = map[string]bool{
	"time.AfterFunc":                            true,
	"context.AfterFunc":                         true,
	"(*sync.WaitGroup).Go":                      true,
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
	"runtime.SetFinalizer":                      true,
	"runtime.AddCleanup":                        true,
}

// callArgs returns the arguments of a call with the receiver first, also
// for calls of bound method values.
func callArgs(common *ssa.CallCommon) []ssa.Value {
	if common.IsInvoke() {
		return append([]ssa.Value{common.Value}, common.Args...)
	}
	if mc, ok := common.Value.(*ssa.MakeClosure); ok && len(mc.Bindings) == 1 {
		if fn, ok := mc.Fn.(*ssa.Function); ok && fn.Object() != nil {
			if f, ok := fn.Object().(*types.Func); ok && f.Signature().Recv() != nil {
				return append([]ssa.Value{mc.Bindings[0]}, common.Args...)
			}
		}
	}
	return common.Args
}

// computeSummaries computes the lifecycle part of the facts of this
// package's functions (what they begin, end, allocate and keep), iterating
// to a fixed point so that helpers calling helpers are understood.
func (r *Result) computeSummaries(pass *analysis.Pass) {
	r.importCalleeFacts(pass)
	for changed := true; changed; {
		changed = false
		for _, fn := range r.Funcs {
			f := r.summarize(fn)
			key := funcKey(fn)
			old := r.facts[key]
			if old == nil {
				old = new(FuncFact)
			}
			merged := *old
			merged.EndsFrame = append(append([]LocalPath(nil), old.EndsFrame...), f.EndsFrame...)
			merged.BeginsFrame = append(append([]LocalPath(nil), old.BeginsFrame...), f.BeginsFrame...)
			merged.KeepsFunc = append(append([]int(nil), old.KeepsFunc...), f.KeepsFunc...)
			merged.Allocates = old.Allocates || f.Allocates
			merged.GoRuns = append(append([]int(nil), old.GoRuns...), f.GoRuns...)
			merged.GoGets = append(append([]int(nil), old.GoGets...), f.GoGets...)
			merged.WaitsBarrier = old.WaitsBarrier || f.WaitsBarrier
			merged.UsesBarrier = old.UsesBarrier || f.UsesBarrier
			merged.SignalsBarrier = append(append([]LocalPath(nil), old.SignalsBarrier...), f.SignalsBarrier...)
			merged.SetsFrameBudget = append(append([]LocalPath(nil), old.SetsFrameBudget...), f.SetsFrameBudget...)
			merged.SetsPoolBudget = append(append([]LocalPath(nil), old.SetsPoolBudget...), f.SetsPoolBudget...)
			merged.normalize()
			if !merged.equal(old) {
				r.facts[key] = &merged
				changed = true
			}
		}
	}
}

func (r *Result) summarize(fn *ssa.Function) *FuncFact {
	f := new(FuncFact)
	r.summarizeThreading(fn, f)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call, *ssa.Defer:
				ci := instr.(ssa.CallInstruction)
				for _, k := range r.EndsFrame(ci) {
					if p, ok := pathOf(k); ok {
						f.EndsFrame = append(f.EndsFrame, p)
					}
				}
				for _, k := range r.BeginsFrame(ci) {
					if p, ok := pathOf(k); ok {
						f.BeginsFrame = append(f.BeginsFrame, p)
					}
				}
				if r.Allocates(ci) {
					f.Allocates = true
				}
				// A func literal run by the call (WithTag, Scope, a
				// callback) allocates on behalf of the caller.
				for _, a := range ci.Common().Args {
					if mc, ok := a.(*ssa.MakeClosure); ok {
						if lf := r.facts[funcKey(mc.Fn.(*ssa.Function))]; lf != nil && lf.Allocates {
							f.Allocates = true
						}
					}
				}
				if mc, ok := ci.Common().Value.(*ssa.MakeClosure); ok {
					if lf := r.facts[funcKey(mc.Fn.(*ssa.Function))]; lf != nil && lf.Allocates {
						f.Allocates = true
					}
				}
			}
			if ci, ok := instr.(ssa.CallInstruction); ok {
				for i, a := range callArgs(ci.Common()) {
					if p, ok := a.(*ssa.Parameter); ok && isFunc(p.Type()) && r.KeepsFunc(ci, i) {
						f.KeepsFunc = append(f.KeepsFunc, paramIndex(p))
					}
				}
				if _, ok := ci.(*ssa.Go); ok {
					if p, ok := ci.Common().Value.(*ssa.Parameter); ok {
						f.KeepsFunc = append(f.KeepsFunc, paramIndex(p))
					}
				}
			}
			switch instr := instr.(type) {
			case *ssa.Store:
				if p, ok := instr.Val.(*ssa.Parameter); ok && isFunc(p.Type()) {
					f.KeepsFunc = append(f.KeepsFunc, paramIndex(p))
				}
			case *ssa.Return:
				for _, v := range instr.Results {
					if p, ok := v.(*ssa.Parameter); ok && isFunc(p.Type()) {
						f.KeepsFunc = append(f.KeepsFunc, paramIndex(p))
					}
				}
			case *ssa.Send:
				if p, ok := instr.X.(*ssa.Parameter); ok && isFunc(p.Type()) {
					f.KeepsFunc = append(f.KeepsFunc, paramIndex(p))
				}
			}
		}
	}
	return f
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// exportFacts exports the non-empty facts of this package's declared
// functions.
func (r *Result) exportFacts(pass *analysis.Pass) {
	for _, fn := range r.Funcs {
		obj, ok := funcKey(fn).(*types.Func)
		if !ok || obj.Pkg() != pass.Pkg {
			continue
		}
		if f := r.facts[obj]; f != nil && !f.empty() {
			pass.ExportObjectFact(obj, f)
		}
	}
}
