package framecore

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// This file extends the core with what the threading checks (FA202–FA206)
// need: goroutine launch sites (go statements, WaitGroup.Go, errgroup's Go
// and helpers that start a goroutine with a func parameter or hand a
// parameter to one), FrameBarrier facts (helpers that wait on a barrier or
// signal a barrier parameter) and budget facts (helpers that give a Local
// a frame or pool budget). They are part of FuncFact and computed with the
// lifecycle summaries.

// HandleKey canonicalises a value denoting a handle (a *Local, a
// *FrameBarrier, an *Allocator) so that two loads of the same variable or
// field compare equal.
func HandleKey(v ssa.Value) LocalKey { return localKeyOf(v) }

// HandleKeyAt is the key of the handle stored at address addr (a captured
// variable's cell, a field address, a package-level variable).
func HandleKeyAt(addr ssa.Value) LocalKey { return addrKey(addr, 0) }

// CallArgs returns the arguments of a call with the receiver first, also
// for interface method calls and calls of bound method values: the
// indexing of FuncFact and KeepsFunc.
func CallArgs(common *ssa.CallCommon) []ssa.Value { return callArgs(common) }

// LaunchSite is a call that starts a goroutine.
type LaunchSite struct {
	// Via names the kind of launch: "go statement", "WaitGroup.Go",
	// "errgroup Go", or "helper NAME".
	Via string
	// Func is the function value started on the goroutine (a
	// *ssa.MakeClosure, an *ssa.Function, a parameter...), or nil when a
	// helper hands values to a goroutine it starts itself.
	Func ssa.Value
	// Args are the arguments Func receives (receiver first); nil when Func
	// is started without arguments.
	Args []ssa.Value
	// Handed lists other values a helper hands to the goroutines it
	// starts.
	Handed []ssa.Value
}

var launchFuncs = map[string]string{
	"(*sync.WaitGroup).Go":                      "WaitGroup.Go",
	"(*golang.org/x/sync/errgroup.Group).Go":    "errgroup Go",
	"(*golang.org/x/sync/errgroup.Group).TryGo": "errgroup TryGo",
}

// Launch reports whether instr starts a goroutine: a go statement, a call
// of WaitGroup.Go or errgroup's Go, or a helper whose facts say it runs a
// func parameter on a goroutine or hands a parameter to one.
func (r *Result) Launch(instr ssa.CallInstruction) (LaunchSite, bool) {
	common := instr.Common()
	if _, ok := instr.(*ssa.Go); ok {
		site := LaunchSite{Via: "go statement"}
		if common.IsInvoke() {
			site.Args = callArgs(common)
			return site, true
		}
		site.Func = common.Value
		site.Args = common.Args
		return site, true
	}
	if _, ok := instr.(*ssa.Call); !ok {
		return LaunchSite{}, false
	}
	callee := common.StaticCallee()
	if callee == nil {
		return LaunchSite{}, false
	}
	args := callArgs(common)
	if obj, ok := funcKey(callee).(*types.Func); ok {
		if via, ok := launchFuncs[obj.FullName()]; ok && len(args) == 2 {
			return LaunchSite{Via: via, Func: args[1]}, true
		}
	}
	f := r.CalleeFact(common)
	if f == nil {
		return LaunchSite{}, false
	}
	site := LaunchSite{Via: "helper " + callee.Name()}
	found := false
	for _, i := range f.GoRuns {
		if i < len(args) {
			site.Func = args[i]
			found = true
		}
	}
	for _, i := range f.GoGets {
		if i < len(args) {
			site.Handed = append(site.Handed, args[i])
			found = true
		}
	}
	return site, found
}

// WaitsBarrier reports whether a call waits on a FrameBarrier: WaitAll
// directly, or a helper that does.
func (r *Result) WaitsBarrier(instr ssa.CallInstruction) bool {
	if c, ok := r.API.Classify(instr); ok {
		return c.Op == allocapi.OpWaitAll
	}
	f := r.CalleeFact(instr.Common())
	return f != nil && f.WaitsBarrier
}

// UsesBarrier reports whether a call signals or waits on a FrameBarrier,
// directly or through a helper.
func (r *Result) UsesBarrier(instr ssa.CallInstruction) bool {
	if c, ok := r.API.Classify(instr); ok {
		return c.Op == allocapi.OpWaitAll || c.Op == allocapi.OpSignalFrameComplete
	}
	f := r.CalleeFact(instr.Common())
	return f != nil && f.UsesBarrier
}

// SignalsBarrier returns the keys of the barriers a call signals:
// SignalFrameComplete directly, or a helper whose facts say it signals a
// barrier it is given.
func (r *Result) SignalsBarrier(instr ssa.CallInstruction) []LocalKey {
	if c, ok := r.API.Classify(instr); ok {
		if c.Op == allocapi.OpSignalFrameComplete && len(c.Args) > 0 {
			return []LocalKey{localKeyOf(c.Args[0])}
		}
		return nil
	}
	return r.factKeys(instr, func(f *FuncFact) []LocalPath { return f.SignalsBarrier })
}

// SetsFrameBudget returns the keys of the Locals whose frame budget a call
// sets: SetFrameBudget directly, or a helper whose facts say it sets the
// budget of a Local it is given.
func (r *Result) SetsFrameBudget(instr ssa.CallInstruction) []LocalKey {
	if c, ok := r.API.Classify(instr); ok {
		if c.Op == allocapi.OpSetFrameBudget {
			return []LocalKey{localKeyOf(c.Local())}
		}
		return nil
	}
	return r.factKeys(instr, func(f *FuncFact) []LocalPath { return f.SetsFrameBudget })
}

// SetsPoolBudget returns the keys of the Locals whose pool budget a call
// sets: SetPoolBudget directly, or a helper whose facts say it sets the
// pool budget of a Local it is given.
func (r *Result) SetsPoolBudget(instr ssa.CallInstruction) []LocalKey {
	if c, ok := r.API.Classify(instr); ok {
		if c.Op == allocapi.OpSetPoolBudget {
			return []LocalKey{localKeyOf(c.Local())}
		}
		return nil
	}
	return r.factKeys(instr, func(f *FuncFact) []LocalPath { return f.SetsPoolBudget })
}

// factKeys maps the LocalPaths a callee's fact lists onto the caller's
// keys.
func (r *Result) factKeys(instr ssa.CallInstruction, paths func(*FuncFact) []LocalPath) []LocalKey {
	f := r.CalleeFact(instr.Common())
	if f == nil {
		return nil
	}
	args := callArgs(instr.Common())
	var keys []LocalKey
	for _, p := range paths(f) {
		if k := keyAt(p, args, r.Pkg); k.Known() {
			keys = append(keys, k)
		}
	}
	return keys
}

// paramOfHandle returns the parameter index a handle value denotes in its
// function: the parameter itself, or a captured cell the parameter was
// spilled into.
func paramOfHandle(v ssa.Value) (int, bool) {
	if k := localKeyOf(v); k.Root == rootParam && k.Path == "" {
		return k.Index, true
	}
	if a, ok := v.(*ssa.Alloc); ok {
		for _, ref := range *a.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
				if p, ok := st.Val.(*ssa.Parameter); ok {
					return paramIndex(p), true
				}
			}
		}
	}
	return 0, false
}

// summarizeThreading adds to f what fn does with goroutines, barriers and
// budgets.
func (r *Result) summarizeThreading(fn *ssa.Function, f *FuncFact) {
	// A helper that waits for goroutines (WaitGroup.Wait, errgroup's Wait)
	// is treated as synchronous: it hands nothing to a goroutine that
	// outlives the call.
	waits := waitsForGoroutines(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); !isGo {
				f.WaitsBarrier = f.WaitsBarrier || r.WaitsBarrier(ci)
				f.UsesBarrier = f.UsesBarrier || r.UsesBarrier(ci)
				for _, k := range r.SignalsBarrier(ci) {
					if p, ok := pathOf(k); ok && p.Param >= 0 {
						f.SignalsBarrier = append(f.SignalsBarrier, p)
					}
				}
				for _, k := range r.SetsFrameBudget(ci) {
					if p, ok := pathOf(k); ok && p.Param >= 0 {
						f.SetsFrameBudget = append(f.SetsFrameBudget, p)
					}
				}
				for _, k := range r.SetsPoolBudget(ci) {
					if p, ok := pathOf(k); ok && p.Param >= 0 {
						f.SetsPoolBudget = append(f.SetsPoolBudget, p)
					}
				}
			}
			site, ok := r.Launch(ci)
			if !ok || waits {
				continue
			}
			if p, ok := site.Func.(*ssa.Parameter); ok && isFunc(p.Type()) {
				f.GoRuns = append(f.GoRuns, paramIndex(p))
			}
			given := append(append([]ssa.Value(nil), site.Args...), site.Handed...)
			if mc, ok := site.Func.(*ssa.MakeClosure); ok {
				given = append(given, mc.Bindings...)
			}
			for _, v := range given {
				if i, ok := paramOfHandle(v); ok && !isFunc(fn.Params[i].Type()) {
					f.GoGets = append(f.GoGets, i)
				}
			}
		}
	}
}

// waitsForGoroutines reports whether fn calls WaitGroup.Wait or errgroup's
// Wait.
func waitsForGoroutines(fn *ssa.Function) bool {
	for _, obj := range staticCalls(fn) {
		switch obj.FullName() {
		case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
			return true
		}
	}
	return false
}

// Waited reports whether the goroutine a launch starts finishes before
// its spawner goes on past a Wait: a go statement given (or, for a func
// literal, calling Done on) a WaitGroup the spawner waits on afterwards, or
// WaitGroup.Go or errgroup's Go followed by Wait on the same group.
// Launches through helpers are not waited (a helper that waits has no
// launch facts).
func (r *Result) Waited(instr ssa.CallInstruction) bool {
	switch instr := instr.(type) {
	case *ssa.Go:
		if r.waitedGo(instr) {
			return true
		}
		if mc, ok := instr.Call.Value.(*ssa.MakeClosure); ok && r.flow != nil {
			return r.flow.goWaited(instr, mc)
		}
	case *ssa.Call:
		if _, ok := groupWait[funcName(instr.Common())]; ok {
			return r.waitedAfter(instr)
		}
	}
	return false
}

// waitedGo reports whether the goroutine a go statement starts is waited
// for by the function that starts it: it is given a sync.WaitGroup (or an
// errgroup.Group) whose Wait the function calls after the go statement.
// What such a goroutine is given, it uses inside the spawner's frame.
func (r *Result) waitedGo(g *ssa.Go) bool {
	for _, a := range callArgs(g.Common()) {
		for w, o := range staticCalls(g.Parent()) {
			switch o.FullName() {
			case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
				if args := w.Common().Args; len(args) > 0 && sameAddress(args[0], a) && r.waitsInFrame(g, w) {
					return true
				}
			}
		}
	}
	return false
}
