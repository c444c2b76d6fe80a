package framecore

import (
	"fmt"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// This file extends the core with what the threading checks (FA202–FA206)
// need: exported handle keys, goroutine launch sites (go statements,
// WaitGroup.Go, errgroup's Go and helpers that start a goroutine with a
// func parameter or hand a parameter to one), and FrameBarrier facts
// (helpers that wait on a barrier or signal a barrier parameter). The facts
// travel in FuncFact.Ext and are computed after the core's own summaries.

// Ext entries of the threading facts.
const (
	extBarrierWaits = "barrier.waits"    // calls WaitAll on some barrier
	extBarrierUses  = "barrier.uses"     // calls WaitAll or SignalFrameComplete
	extSignalsPre   = "barrier.signals=" // + LocalPath: signals that barrier
	extGoRunsPre    = "goroutine.runs="  // + param index: runs that func param on a goroutine
	extGoGetsPre    = "goroutine.gets="  // + param index: hands that param to a goroutine
	extBudgetPre    = "budget.sets="     // + LocalPath: calls SetFrameBudget on that Local
)

func init() {
	base := Analyzer.Run
	Analyzer.Run = func(pass *analysis.Pass) (any, error) {
		res, err := base(pass)
		if err != nil {
			return res, err
		}
		if r, ok := res.(*Result); ok && r.Reaches {
			r.computeThreadingFacts(pass)
		}
		return res, nil
	}
}

// HandleKey canonicalises a value denoting a handle (a *Local, a
// *FrameBarrier, an *Allocator) so that two loads of the same variable or
// field compare equal.
func HandleKey(v ssa.Value) LocalKey { return localKeyOf(v) }

// HandleKeyAt is the key of the handle stored at address addr (a captured
// variable's cell, a field address, a package-level variable).
func HandleKeyAt(addr ssa.Value) LocalKey { return addrKey(addr, 0) }

// IsParamKey reports whether k denotes parameter i of its function itself
// (not a field reached from it).
func (k LocalKey) IsParamKey() (int, bool) {
	if k.Root == rootParam && k.Path == "" {
		return k.Index, true
	}
	return 0, false
}

// ValueRoot returns the SSA value a key is rooted at when the handle is a
// value of the function (a call result, or a local cell for Path "*"), or
// nil.
func (k LocalKey) ValueRoot() ssa.Value {
	if k.Root == rootValue {
		return k.Value
	}
	return nil
}

// CallArgsOf returns the arguments of a call with the receiver first, also
// for interface method calls and calls of bound method values.
func CallArgsOf(common *ssa.CallCommon) []ssa.Value { return callArgs(common) }

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
	for _, e := range f.Ext {
		if i, ok := extParam(e, extGoRunsPre); ok && i < len(args) {
			site.Func = args[i]
			found = true
		}
		if i, ok := extParam(e, extGoGetsPre); ok && i < len(args) {
			site.Handed = append(site.Handed, args[i])
			found = true
		}
	}
	return site, found
}

func extParam(e, prefix string) (int, bool) {
	s, ok := strings.CutPrefix(e, prefix)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

// WaitsBarrier reports whether a call waits on a FrameBarrier: WaitAll
// directly, or a helper that does.
func (r *Result) WaitsBarrier(instr ssa.CallInstruction) bool {
	if c, ok := r.API.Classify(instr); ok {
		return c.Op == allocapi.OpWaitAll
	}
	f := r.CalleeFact(instr.Common())
	return f.HasExt(extBarrierWaits)
}

// UsesBarrier reports whether a call signals or waits on a FrameBarrier,
// directly or through a helper.
func (r *Result) UsesBarrier(instr ssa.CallInstruction) bool {
	if c, ok := r.API.Classify(instr); ok {
		return c.Op == allocapi.OpWaitAll || c.Op == allocapi.OpSignalFrameComplete
	}
	f := r.CalleeFact(instr.Common())
	return f.HasExt(extBarrierUses)
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
	return r.extKeys(instr, extSignalsPre)
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
	return r.extKeys(instr, extBudgetPre)
}

// extKeys maps the LocalPath entries of a callee's fact with prefix onto
// the caller's keys.
func (r *Result) extKeys(instr ssa.CallInstruction, prefix string) []LocalKey {
	f := r.CalleeFact(instr.Common())
	if f == nil {
		return nil
	}
	args := callArgs(instr.Common())
	var keys []LocalKey
	for _, e := range f.Ext {
		s, ok := strings.CutPrefix(e, prefix)
		if !ok {
			continue
		}
		if p, ok := parseLocalPath(s); ok {
			if k := keyAt(p, args, r.Pkg); k.Known() {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// parseLocalPath parses the String form of a parameter LocalPath
// ("param1.f.g").
func parseLocalPath(s string) (LocalPath, bool) {
	rest, ok := strings.CutPrefix(s, "param")
	if !ok {
		return LocalPath{}, false
	}
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil {
		return LocalPath{}, false
	}
	return LocalPath{Param: i, Path: rest[end:]}, true
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

// computeThreadingFacts adds the threading entries to the facts of this
// package's functions, to a fixed point, and exports the changed facts.
func (r *Result) computeThreadingFacts(pass *analysis.Pass) {
	changedAny := map[any]bool{}
	for changed := true; changed; {
		changed = false
		for _, fn := range r.Funcs {
			ext := r.threadingExt(fn)
			if len(ext) == 0 {
				continue
			}
			key := funcKey(fn)
			old := r.facts[key]
			if old == nil {
				old = new(FuncFact)
			}
			merged := *old
			merged.Ext = append(append([]string(nil), old.Ext...), ext...)
			merged.normalize()
			if !merged.equal(old) {
				r.facts[key] = &merged
				changed = true
				changedAny[key] = true
			}
		}
	}
	for _, fn := range r.Funcs {
		obj, ok := funcKey(fn).(*types.Func)
		if !ok || obj.Pkg() != pass.Pkg || !changedAny[obj] {
			continue
		}
		if f := r.facts[obj]; f != nil && !f.empty() {
			pass.ExportObjectFact(obj, f)
		}
	}
}

func (r *Result) threadingExt(fn *ssa.Function) []string {
	var ext []string
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
				if r.WaitsBarrier(ci) {
					ext = append(ext, extBarrierWaits)
				}
				if r.UsesBarrier(ci) {
					ext = append(ext, extBarrierUses)
				}
				for _, k := range r.SignalsBarrier(ci) {
					if p, ok := pathOf(k); ok && p.Param >= 0 {
						ext = append(ext, extSignalsPre+p.String())
					}
				}
				for _, k := range r.SetsFrameBudget(ci) {
					if p, ok := pathOf(k); ok && p.Param >= 0 {
						ext = append(ext, extBudgetPre+p.String())
					}
				}
			}
			site, ok := r.Launch(ci)
			if !ok || waits {
				continue
			}
			if p, ok := site.Func.(*ssa.Parameter); ok && isFunc(p.Type()) {
				ext = append(ext, fmt.Sprintf("%s%d", extGoRunsPre, paramIndex(p)))
			}
			given := append(append([]ssa.Value(nil), site.Args...), site.Handed...)
			if mc, ok := site.Func.(*ssa.MakeClosure); ok {
				given = append(given, mc.Bindings...)
			}
			for _, v := range given {
				if i, ok := paramOfHandle(v); ok && !isFunc(fn.Params[i].Type()) {
					ext = append(ext, fmt.Sprintf("%s%d", extGoGetsPre, i))
				}
			}
		}
	}
	return ext
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
