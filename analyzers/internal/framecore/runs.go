package framecore

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// This file is the one model of when a func literal runs, which FA701,
// FA703 and the flow into synchronous literals all use.

// RunKind says how a func literal runs relative to the function that
// makes it.
type RunKind uint8

// Run kinds.
const (
	// RunsSync: called where it is made, passed to WithTag or Scope, kept
	// in a local variable or container that does not escape, or passed to
	// a function that calls it (or not) before returning.
	RunsSync RunKind = iota
	// RunsWaited: started on a goroutine the maker waits for before going
	// on (WaitGroup.Go or errgroup's Go followed by Wait on the same group,
	// or go with wg.Done() in the literal and wg.Wait() after).
	RunsWaited
	// RunsGoroutine: started on a goroutine that may outlive the maker.
	RunsGoroutine
	// RunsDeferred: deferred; whether it runs after a frame ends depends
	// on that frame's EndFrame (see DeferredAfterEnd).
	RunsDeferred
	// RunsRegistered: passed to a function that keeps it to run later
	// (time.AfterFunc, context.AfterFunc, helpers whose facts say so).
	RunsRegistered
	// RunsStored: stored where it outlives the maker.
	RunsStored
	// RunsReturned: returned by the maker.
	RunsReturned
	// RunsSent: sent on a channel.
	RunsSent
)

// Run says how a func literal runs.
type Run struct {
	Kind RunKind
	// How describes it for messages: "started with go", "stored in field
	// cbs of receiver w", "registered to run later by time.AfterFunc".
	How string
	// At is the instruction that makes it run that way (the go, defer,
	// registering call, store, return or send), nil for RunsSync.
	At ssa.Instruction
}

// OnOtherGoroutine reports whether the literal may run on another
// goroutine or after the maker moves on, not counting deferred literals
// (FA701 counts waited goroutines: the Local it captures is then used by
// two goroutines).
func (r Run) OnOtherGoroutine() bool { return r.Kind != RunsSync && r.Kind != RunsDeferred }

// Outlives reports whether the literal may run after its maker has moved
// on (waited goroutines finish first; deferred literals are judged by
// DeferredAfterEnd).
func (r Run) Outlives() bool { return r.Kind >= RunsGoroutine && r.Kind != RunsDeferred }

// HowRuns returns how the func literal lit runs. Functions that are not
// func literals made in this package run synchronously.
func (r *Result) HowRuns(lit *ssa.Function) Run {
	if r.flow == nil {
		return Run{}
	}
	return r.flow.runs[lit]
}

// DeferredAfterEnd reports whether the deferred literal lit runs after the
// frame of the Local key (in the terms of lit's maker) ends: the maker ends
// that frame with a call (the literal runs at return, after it), or defers
// an EndFrame after deferring the literal on some path (deferred calls run
// last-in first-out). A literal deferred after `defer l.EndFrame()` runs
// before it.
func (r *Result) DeferredAfterEnd(lit *ssa.Function, key LocalKey) bool {
	run := r.HowRuns(lit)
	def, ok := run.At.(*ssa.Defer)
	if run.Kind != RunsDeferred || !ok || !key.Known() {
		return false
	}
	for _, b := range def.Parent().Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok || instr == def || !containsKey(r.EndsFrame(ci), key) {
				continue
			}
			switch instr.(type) {
			case *ssa.Call:
				return true
			case *ssa.Defer:
				if reaches(def, instr, nil) {
					return true
				}
			}
		}
	}
	return false
}

// classifyClosures decides how every func literal of the package runs.
// The values a literal captures flow into its body (for FA601, FA606...)
// when it runs synchronously or on a goroutine the maker waits for.
func (fl *Flow) classifyClosures() {
	for _, fn := range fl.res.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				mc, ok := instr.(*ssa.MakeClosure)
				if !ok {
					continue
				}
				lit := mc.Fn.(*ssa.Function)
				fl.maker[lit] = mc
			}
		}
	}
	for lit, mc := range fl.maker {
		run := fl.howRuns(mc)
		fl.runs[lit] = run
		if run.Kind == RunsSync || run.Kind == RunsWaited {
			fl.sync[lit] = true
			for _, ref := range *mc.Referrers() {
				if call, ok := ref.(*ssa.Call); ok {
					fl.runner[lit] = call
					break
				}
			}
		}
	}
}

func (fl *Flow) howRuns(mc *ssa.MakeClosure) Run {
	return fl.uses(mc, mc, map[ssa.Value]bool{})
}

// uses returns how the literal made by mc runs through v (the closure
// itself, or a value or container holding it): the first way it may run
// later among v's uses, or RunsSync.
func (fl *Flow) uses(mc *ssa.MakeClosure, v ssa.Value, seen map[ssa.Value]bool) Run {
	if seen[v] || len(seen) > 64 {
		return Run{}
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return Run{}
	}
	for _, ref := range *refs {
		if run := fl.use(mc, v, ref, seen); run.Kind != RunsSync {
			return run
		}
	}
	return Run{}
}

func (fl *Flow) use(mc *ssa.MakeClosure, v ssa.Value, ref ssa.Instruction, seen map[ssa.Value]bool) Run {
	switch r := ref.(type) {
	case *ssa.Go:
		if r.Call.Value == v && v == mc && fl.goWaited(r, mc) {
			return Run{Kind: RunsWaited, How: "started with go and waited for", At: r}
		}
		if r.Call.Value == v {
			return Run{Kind: RunsGoroutine, How: "started with go", At: r}
		}
		return Run{Kind: RunsGoroutine, How: "passed to a go statement", At: r}
	case *ssa.Defer:
		return Run{Kind: RunsDeferred, How: "deferred", At: r}
	case *ssa.Return:
		return Run{Kind: RunsReturned, How: "returned", At: r}
	case *ssa.Send:
		if r.X == v {
			return Run{Kind: RunsSent, How: "sent on a channel", At: r}
		}
	case *ssa.Call:
		common := r.Common()
		if b, ok := common.Value.(*ssa.Builtin); ok {
			if b.Name() == "append" {
				return fl.uses(mc, r, seen)
			}
			return Run{}
		}
		if common.Value == v {
			return Run{} // called here
		}
		if c, ok := fl.res.API.Classify(r); ok && (c.Op == allocapi.OpWithTag || c.Op == allocapi.OpScratchScope) {
			return Run{}
		}
		for i, a := range callArgs(common) {
			if a != v || !fl.res.KeepsFunc(r, i) {
				continue
			}
			if _, ok := groupWait[funcName(common)]; ok {
				if fl.res.waitedAfter(r) {
					return Run{Kind: RunsWaited, How: "started by " + calleeName(common, true) + " and waited for", At: r}
				}
				return Run{Kind: RunsGoroutine, How: "started on a goroutine by " + calleeName(common, true), At: r}
			}
			return Run{Kind: RunsRegistered, How: "registered to run later by " + calleeName(common, true), At: r}
		}
	case *ssa.Store:
		if r.Val == v {
			return fl.storedIn(mc, r, r.Addr, seen)
		}
	case *ssa.MapUpdate:
		if r.Value == v || r.Key == v {
			return fl.storedIn(mc, r, r.Map, seen)
		}
	case *ssa.UnOp:
		if r.Op == token.MUL {
			return fl.uses(mc, r, seen) // a load of a variable or container holding it
		}
	case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Phi, *ssa.Slice,
		*ssa.FieldAddr, *ssa.IndexAddr, *ssa.Lookup, *ssa.Index, *ssa.Field:
		return fl.uses(mc, r.(ssa.Value), seen)
	}
	return Run{}
}

// storedIn returns how a literal stored at addr (by the store or map
// update at) runs: a local variable or container that does not escape is
// followed to its uses; any other memory outlives the maker.
func (fl *Flow) storedIn(mc *ssa.MakeClosure, at ssa.Instruction, addr ssa.Value, seen map[ssa.Value]bool) Run {
	if _, ok := addr.(*ssa.FreeVar); ok {
		return Run{} // a variable of an enclosing function: called there
	}
	stored := func(where string) Run { return Run{Kind: RunsStored, How: "stored in " + where, At: at} }
	switch k, key := fl.rootOf(addr, 0); k {
	case rootLocalMem:
		if key == nil {
			return stored("memory that outlives the function")
		}
		if _, ok := key.(*ssa.FreeVar); ok {
			return Run{}
		}
		return fl.uses(mc, key, seen)
	case rootFrameMem:
		return Run{} // frame memory dies with the frame
	case rootGlobalMem:
		return stored("package-level variable " + key.Name())
	case rootParamMem:
		return stored(fl.paramDest(addr, key.(*ssa.Parameter)))
	case rootPersistentMem:
		return stored("pool or heap memory")
	}
	return stored("memory that outlives the function")
}

// goWaited reports whether a go statement starting the literal made by mc
// is waited for: the literal calls Done on a WaitGroup its maker waits on
// after the go statement, or signals a channel when it finishes that the
// maker then receives from (see chanJoined).
func (fl *Flow) goWaited(g *ssa.Go, mc *ssa.MakeClosure) bool {
	lit := mc.Fn.(*ssa.Function)
	if fl.chanJoined(g, lit) {
		return true
	}
	for ci, obj := range staticCalls(lit) {
		if obj.FullName() != "(*sync.WaitGroup).Done" || len(ci.Common().Args) == 0 {
			continue
		}
		group := fl.outerValue(ci.Common().Args[0])
		if group == nil {
			continue
		}
		for w, o := range staticCalls(g.Parent()) {
			if o.FullName() == "(*sync.WaitGroup).Wait" && len(w.Common().Args) > 0 &&
				sameAddress(w.Common().Args[0], group) && fl.res.waitsInFrame(g, w) {
				return true
			}
		}
	}
	return false
}

// chanJoined reports whether the goroutine running lit, started by g,
// signals a channel as the last thing it does and g's function receives
// from that channel after g: the literal closes it in a defer (defer
// close(done)), or closes it or sends on it right before each of its
// returns. A send joins only a go statement outside a loop (one receive
// then waits for one goroutine); a channel is closed once.
func (fl *Flow) chanJoined(g *ssa.Go, lit *ssa.Function) bool {
	var signaled []ssa.Value // the channels, in the maker's terms
	var sends bool
	add := func(ch ssa.Value, send bool) {
		if ov := fl.outerValue(ch); ov != nil {
			signaled = append(signaled, ov)
			sends = sends || send
		}
	}
	isClose := func(c *ssa.CallCommon) bool {
		b, ok := c.Value.(*ssa.Builtin)
		return ok && b.Name() == "close" && len(c.Args) == 1
	}
	for _, b := range lit.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && isClose(&d.Call) {
				add(d.Call.Args[0], false)
			}
		}
	}
	if len(signaled) == 0 {
		// Each return must come right after the signal.
		var ch ssa.Value
		send := false
		for _, b := range lit.Blocks {
			n := len(b.Instrs)
			if n == 0 {
				continue
			}
			if _, ok := b.Instrs[n-1].(*ssa.Return); !ok {
				continue
			}
			var last ssa.Instruction
			for i := n - 2; i >= 0; i-- {
				if _, ok := b.Instrs[i].(*ssa.DebugRef); !ok {
					last = b.Instrs[i]
					break
				}
			}
			var c ssa.Value
			switch x := last.(type) {
			case *ssa.Send:
				c, send = x.Chan, true
			case *ssa.Call:
				if isClose(&x.Call) {
					c = x.Call.Args[0]
				}
			}
			if c == nil || (ch != nil && !sameAddress(c, ch)) {
				return false
			}
			ch = c
		}
		if ch == nil {
			return false
		}
		add(ch, send)
	}
	if sends && reaches(g, g, nil) { // g is in a loop
		return false
	}
	for _, b := range g.Parent().Blocks {
		for _, instr := range b.Instrs {
			var recv ssa.Value
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					recv = x.X
				}
			case *ssa.Select:
				if len(x.States) == 1 && x.Blocking && x.States[0].Dir == types.RecvOnly {
					recv = x.States[0].Chan
				}
			}
			if recv == nil || !fl.res.waitsInFrame(g, instr) {
				continue
			}
			for _, ch := range signaled {
				if sameAddress(recv, ch) {
					return true
				}
			}
		}
	}
	return false
}

// outerValue expresses a value of a func literal that denotes a captured
// group in the maker's terms: the captured variable's cell (&wg), or the
// value a captured cell holds (a *WaitGroup parameter).
func (fl *Flow) outerValue(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.FreeVar:
		return fl.binding(x)
	case *ssa.UnOp:
		if fv, ok := x.X.(*ssa.FreeVar); ok && x.Op == token.MUL {
			if cell, ok := fl.binding(fv).(*ssa.Alloc); ok {
				return singleStore(cell)
			}
		}
	}
	return nil
}

// funcName returns the full name of a call's static callee ("" if none).
func funcName(common *ssa.CallCommon) string {
	if callee := common.StaticCallee(); callee != nil {
		if obj, ok := funcKey(callee).(*types.Func); ok {
			return obj.FullName()
		}
		return callee.Name()
	}
	return ""
}

// calleeName names a call's static callee for messages: "Update", or
// qualified "time.AfterFunc", "sync.WaitGroup.Go", "helpers.Later".
func calleeName(common *ssa.CallCommon, qualified bool) string {
	callee := common.StaticCallee()
	if callee == nil {
		return "the callee"
	}
	obj, ok := funcKey(callee).(*types.Func)
	if !ok || obj.Pkg() == nil {
		return callee.Name()
	}
	name := obj.Name()
	if !qualified {
		return name
	}
	if recv := obj.Signature().Recv(); recv != nil {
		t := types.Unalias(recv.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if n, ok := t.(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	return obj.Pkg().Name() + "." + name
}

// FuncOf returns the function a call of the func value v runs when v is a
// function or a closure of one (a literal, a bound method wrapper), or
// nil.
func FuncOf(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}
