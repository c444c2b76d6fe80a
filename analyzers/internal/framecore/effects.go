package framecore

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// store records that the memory addr points into now holds content, and
// reports frame memory stored where it outlives the frame: a package-level
// variable, pool or heap memory, or memory reachable from a parameter or
// receiver (presumed to outlive the frame). helper names the callee when
// the store happens inside a helper whose facts the call applies.
func (fl *Flow) store(fn *ssa.Function, instr ssa.Instruction, addr ssa.Value, content Set, pos token.Pos, val ssa.Value) {
	fl.storeVia(fn, instr, addr, content, pos, val, "", 0)
}

// storeVia is store for a helper's store into the memory addr points to
// (helper names the callee; "" for a store of fn itself); into, when not
// 0, names the field of that memory's struct the helper stores through
// (StoreEffect.IntoVia).
func (fl *Flow) storeVia(fn *ssa.Function, instr ssa.Instruction, addr ssa.Value, content Set, pos token.Pos, val ssa.Value, helper string, into int) {
	if content.Empty() {
		return
	}
	if !pos.IsValid() && val != nil {
		pos = val.Pos()
	}
	by := ""
	if helper != "" {
		by = " (stored by " + helper + ")"
	}
	k, key := fl.rootOf(addr, 0)
	switch k {
	case rootLocalMem, rootFrameMem:
		if key != nil { // nil: frame memory not known here (held by a helper's result)
			fl.addFieldHolds(key, destVia(addr, key, into), content)
		}
	case rootGlobalMem:
		g := key.(*ssa.Global)
		n := len(fl.Escapes)
		fl.escape(fn, instr, content, pos, EscapeGlobal, "package-level variable "+g.Name()+by)
		if len(fl.Escapes) > n {
			fl.Escapes[n].Global = g
		}
		fl.summaryStore(fn, content, StoreEffect{Global: globalName(g.Object())}, nil)
	case rootPersistentMem:
		fl.escape(fn, instr, content, pos, EscapePersistent, "pool or heap memory that outlives the frame"+by)
		fl.summaryStore(fn, content, StoreEffect{Persistent: true}, nil)
	case rootParamMem:
		p := key.(*ssa.Parameter)
		fl.escape(fn, instr, content, pos, EscapeParam, fl.paramDest(addr, p)+by)
		fl.summaryStore(fn, content, StoreEffect{Into: paramIndex(p), IntoVia: destVia(addr, p, into)}, p.Parent())
	}
}

// destVia is the field of root's struct a store into the memory addr
// points to goes through: the field addr was reached by, or else, when
// addr points to the start of root's struct, the field into names (a
// helper's StoreEffect.IntoVia).
func destVia(addr, root ssa.Value, into int) int {
	if v := pathVia(addr, root.Type()); v != 0 {
		return v
	}
	if into != 0 && startsStruct(addr, root.Type()) {
		return into
	}
	return 0
}

// paramDest describes memory reachable from parameter p that addr points
// into: "field lastInfo of receiver w" (the field itself, or the array of
// the slice it holds), or "memory reachable from parameter arb".
func (fl *Flow) paramDest(addr ssa.Value, p *ssa.Parameter) string {
	role := "parameter "
	if fn := p.Parent(); fn.Signature.Recv() != nil && paramIndex(p) == 0 {
		role = "receiver "
	}
	if ia, ok := addr.(*ssa.IndexAddr); ok {
		addr = ia.X // an element of an array or slice field
	}
	if ld, ok := addr.(*ssa.UnOp); ok && ld.Op == token.MUL {
		addr = ld.X // the array of a slice held in a field
	}
	if fa, ok := addr.(*ssa.FieldAddr); ok && fl.denotes(fa.X, p) {
		return "field " + fieldName(fa.X.Type(), fa.Field) + " of " + role + p.Name()
	}
	return "memory reachable from " + role + p.Name()
}

// denotes reports whether v is p itself, or a load of a variable (possibly
// captured) only ever assigned p.
func (fl *Flow) denotes(v ssa.Value, p *ssa.Parameter) bool {
	if v == p {
		return true
	}
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		vals, ok := fl.cellValues(ld.X)
		return ok && len(vals) == 1 && vals[0] == p
	}
	return false
}

// escape records a finding (in the recording round only).
func (fl *Flow) escape(fn *ssa.Function, instr ssa.Instruction, content Set, pos token.Pos, kind EscapeKind, where string) {
	if !fl.recording {
		return
	}
	var origins []*Origin
	for _, o := range fl.origins(content) {
		if o.Reportable() {
			origins = append(origins, o)
		} else if o.Kind == OriginClosure {
			how := "stored in " + where
			if kind == EscapeReturn {
				how = "returned"
			}
			fl.capture(o, how)
		}
	}
	if len(origins) > 0 {
		fl.Escapes = append(fl.Escapes, Escape{Kind: kind, Instr: instr, Pos: pos, Origins: origins, Where: where})
	}
}

// capture records a capture by the closure of origin o (when it captures
// reportable memory).
func (fl *Flow) capture(o *Origin, how string) {
	mc, ok := o.Instr.(*ssa.MakeClosure)
	if !ok || !fl.recording {
		return
	}
	var content Set
	for _, b := range mc.Bindings {
		content.union(fl.content(b))
	}
	var origins []*Origin
	for _, c := range fl.origins(content) {
		if c.Reportable() {
			origins = append(origins, c)
		}
	}
	if len(origins) > 0 {
		fl.Captures = append(fl.Captures, Capture{Closure: mc, Fn: mc.Fn.(*ssa.Function), Origins: origins, How: how})
	}
}

func (fl *Flow) pendingOf(fn *ssa.Function) *FuncFact {
	f := fl.pending[fn]
	if f == nil {
		f = new(FuncFact)
		fl.pending[fn] = f
	}
	return f
}

// summaryStore records a store effect for the parameters in content (and
// fresh frame memory stored into a parameter). The effect belongs to the
// function whose parameters are involved, which is fn itself or, for a
// func literal that runs synchronously, the function it is nested in.
// into is the function owning the destination parameter (nil for a
// package-level variable or persistent memory).
func (fl *Flow) summaryStore(fn *ssa.Function, content Set, eff StoreEffect, into *ssa.Function) {
	for _, o := range fl.origins(content) {
		e := eff
		owner := into
		switch {
		case o.isParam() && fl.runsWithin(fn, o.Fn) && (into == nil || into == o.Fn):
			e.Param, e.Depth, e.Via, owner = o.Param, o.Depth, o.Via, o.Fn
		case o.Kind == OriginFrame && into != nil && fl.runsWithin(fn, into):
			e.Param = -1 // fresh frame memory stored into a parameter
		default:
			continue
		}
		f := fl.pendingOf(owner)
		f.Stores = append(f.Stores, e)
	}
}

// runsWithin reports whether fn is outer or a func literal nested in outer
// that runs synchronously, so that what fn does, outer does.
func (fl *Flow) runsWithin(fn, outer *ssa.Function) bool {
	for f := fn; f != nil; f = f.Parent() {
		if f == outer {
			return true
		}
		if !fl.sync[f] {
			return false
		}
	}
	return false
}

// handoff records frame memory reaching another goroutine.
func (fl *Flow) handoff(fn *ssa.Function, instr ssa.Instruction, content Set, pos token.Pos, how string) {
	if content.Empty() {
		return
	}
	var origins []*Origin
	for _, o := range fl.origins(content) {
		if o.isParam() && fl.runsWithin(fn, o.Fn) {
			kind := HandoffSend
			if _, ok := instr.(*ssa.Go); ok || strings.Contains(how, "goroutine") {
				kind = HandoffGo
			}
			f := fl.pendingOf(o.Fn)
			f.Handoffs = append(f.Handoffs, HandoffEffect{Param: o.Param, Kind: kind, Depth: o.Depth, Via: o.Via})
		} else if o.Reportable() {
			origins = append(origins, o)
		} else if o.Kind == OriginClosure {
			fl.capture(o, how)
		}
	}
	if fl.recording && len(origins) > 0 {
		fl.Handoffs = append(fl.Handoffs, Handoff{Instr: instr, Pos: pos, Origins: origins, How: how})
	}
}

// ret records what a function returns, and reports frame memory returned
// from a function that ends its frame.
func (fl *Flow) ret(fn *ssa.Function, v *ssa.Return) {
	f := fl.pendingOf(fn)
	for len(f.Results) < len(v.Results) {
		f.Results = append(f.Results, ResultFlow{})
	}
	for i, res := range v.Results {
		var escaping Set
		// A result carries what it is and what its memory holds: a slice
		// built with append (or a struct) holding frame memory or a
		// parameter carries them to the caller.
		direct := fl.taint[res]
		// What the result's memory holds, by the field of its struct it
		// is held through (0: any other way).
		buckets := map[int]Set{}
		if key := fl.valueStructRoot(res); key != nil {
			// A struct value loaded whole from local memory (a composite
			// literal, a variable filled field by field): its fields
			// carry what was stored through them, told apart as the
			// memory's are; what was stored any other way is the value.
			buckets = fl.fieldParts(key)
			direct = buckets[0]
			delete(buckets, 0)
		} else if isReference(res.Type()) {
			if k, key := fl.rootOf(res, 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
				if pathVia(res, key.Type()) != 0 || !startsStruct(res, key.Type()) {
					buckets[0] = fl.holdsAt(res)
				} else {
					buckets = fl.fieldParts(key)
				}
			}
		}
		var held Set
		for _, s := range buckets {
			held.union(s)
		}
		r := &f.Results[i]
		// heldIn calls add for each bucket holding o.
		heldIn := func(o *Origin, add func(fields *FieldFlow)) {
			for via, s := range buckets {
				if !s.Has(o.ID) {
					continue
				}
				if via == 0 {
					add(nil)
				} else {
					add(r.field(via))
				}
			}
		}
		for _, o := range fl.origins(direct.Union(held)) {
			isDirect := direct.Has(o.ID)
			switch {
			case o.isParam() && o.Fn == fn:
				if isDirect {
					r.Is = append(r.Is, ParamRef{o.Param, o.Depth, o.Via})
				}
				heldIn(o, func(ff *FieldFlow) {
					ref := ParamRef{o.Param, o.Depth, o.Via}
					if ff == nil {
						r.Held = append(r.Held, ref)
					} else {
						ff.Held = append(ff.Held, ref)
					}
				})
			case o.Kind == OriginFrame:
				if fl.endsFrameBefore(fn, o, v) {
					escaping.add(o.ID)
				} else if _, key, ok := fl.anchor(o, fn); ok {
					if p, ok := pathOf(key); ok {
						if isDirect {
							r.Frame = append(r.Frame, p)
						}
						heldIn(o, func(ff *FieldFlow) {
							if ff == nil {
								r.HeldFrame = append(r.HeldFrame, p)
							} else {
								ff.HeldFrame = append(ff.HeldFrame, p)
							}
						})
					}
				}
			case o.Kind == OriginDiscard:
				if fl.endsFrameBefore(fn, o, v) {
					escaping.add(o.ID)
				}
			case o.Kind == OriginClosure:
				fl.capture(o, "returned")
			}
		}
		if !escaping.Empty() {
			pos := returnPos(v, res)
			fl.escape(fn, v, escaping, pos, EscapeReturn, "the caller of "+fn.Name()+", which ends the frame before returning")
		}
	}
}

// fieldParts is what root's memory holds by the field of its struct it
// was stored through (0: any other way).
func (fl *Flow) fieldParts(root ssa.Value) map[int]Set {
	parts := map[int]Set{0: fl.fholds[fieldKey{root, 0}]}
	for _, via := range fl.fvias[root] {
		parts[via] = fl.fholds[fieldKey{root, via}]
	}
	return parts
}

// valueStructRoot returns the local or frame memory a struct value v was
// loaded from whole (v = *t, t the start of that memory's struct), when
// that memory's holds are told apart by field; else nil.
func (fl *Flow) valueStructRoot(v ssa.Value) ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || isReference(v.Type()) {
		return nil
	}
	if _, ok := v.Type().Underlying().(*types.Struct); !ok {
		return nil
	}
	k, key := fl.rootOf(ld.X, 0)
	if (k != rootLocalMem && k != rootFrameMem) || key == nil || len(fl.fvias[key]) == 0 {
		return nil
	}
	if pathVia(ld.X, key.Type()) != 0 || !startsStruct(ld.X, key.Type()) {
		return nil
	}
	return key
}

// endsFrameBefore reports whether fn ends the frame of o's Local before
// ret hands o to the caller: a deferred EndFrame, or an EndFrame on every
// path to ret after the allocation.
func (fl *Flow) endsFrameBefore(fn *ssa.Function, o *Origin, ret *ssa.Return) bool {
	at, key, ok := fl.anchor(o, fn)
	if !ok || !key.Known() {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue
			}
			if !containsKey(fl.res.EndsFrame(ci), key) {
				continue
			}
			if _, deferred := ci.(*ssa.Defer); deferred {
				return true
			}
			if dominates(instr, ret) && reaches(at, instr, nil) {
				return true
			}
		}
	}
	return false
}

func containsKey(keys []LocalKey, k LocalKey) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// closure flows captured values into func literals that run synchronously,
// and back out of them, and records captures by func literals that may run
// after the frame ends.
func (fl *Flow) closure(fn *ssa.Function, mc *ssa.MakeClosure) {
	callee, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return
	}
	if strings.HasSuffix(callee.Name(), "$bound") {
		// A method value bound to a frame value is a frame value.
		if len(mc.Bindings) > 0 {
			fl.addTaint(mc, fl.taint[mc.Bindings[0]])
		}
		return
	}
	if fl.sync[callee] {
		for i, b := range mc.Bindings {
			if i >= len(callee.FreeVars) {
				break
			}
			fv := callee.FreeVars[i]
			fl.addTaint(fv, fl.taint[b])
			if k, key := fl.rootOf(b, 0); k == rootLocalMem && key != nil {
				fl.addHolds(fv, fl.holds[key])
				fl.addHolds(key, fl.holds[fv])
			}
		}
		return
	}
	o := fl.newOrigin(&Origin{Kind: OriginClosure, Fn: fn, Instr: mc, Pos: mc.Pos()})
	fl.addTaint(mc, single(o.ID))
	if !fl.recording {
		return
	}
	// How the literal runs (one model for FA701 and FA703); stores,
	// returns and sends through memory the model cannot follow are seen
	// by the flow itself.
	run := fl.runs[callee]
	switch {
	case run.Outlives():
		fl.capture(o, run.How)
	case run.Kind == RunsDeferred:
		var content Set
		for _, b := range mc.Bindings {
			content.union(fl.content(b))
		}
		for _, c := range fl.origins(content) {
			if !c.Reportable() {
				continue
			}
			if _, key, ok := fl.anchor(c, fn); ok && fl.res.DeferredAfterEnd(callee, key) {
				fl.capture(o, "deferred in a function that ends the frame, so it runs after EndFrame")
				break
			}
		}
	}
}

// returnPos finds the source position of a return of res: the return
// statement itself, or, in functions with defers (whose exit block has no
// position), the store of the value into the result slot.
func returnPos(v *ssa.Return, res ssa.Value) token.Pos {
	if p := v.Pos(); p.IsValid() {
		return p
	}
	if load, ok := res.(*ssa.UnOp); ok && load.Op == token.MUL {
		if slot, ok := load.X.(*ssa.Alloc); ok {
			for _, ref := range *slot.Referrers() {
				if st, ok := ref.(*ssa.Store); ok && st.Pos().IsValid() {
					return st.Pos()
				}
			}
		}
	}
	return res.Pos()
}

// updateSummaries turns this round's pending summaries into the
// in-package summaries and the exported facts; it reports a change.
func (fl *Flow) updateSummaries() bool {
	changed := false
	for _, fn := range fl.res.Funcs {
		p := fl.pending[fn]
		if p == nil {
			p = new(FuncFact)
		}
		p.normalize()
		old := fl.summary[fn]
		if old != nil && old.equal(p) {
			continue
		}
		if old == nil && p.empty() {
			continue
		}
		fl.summary[fn] = p
		changed = true
		key := funcKey(fn)
		f := fl.res.facts[key]
		if f == nil {
			f = new(FuncFact)
		}
		merged := *f
		merged.Results, merged.Stores, merged.Handoffs = p.Results, p.Stores, p.Handoffs
		merged.normalize()
		fl.res.facts[key] = &merged
	}
	return changed
}

// instrIndex returns the position of instr in its block.
func instrIndex(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// dominates reports whether a executes before b on every path to b.
func dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return instrIndex(a) < instrIndex(b)
	}
	return a.Block().Dominates(b.Block())
}

// reaches reports whether some path from just after from reaches to
// without passing avoid (which may be nil).
func reaches(from, to, avoid ssa.Instruction) bool {
	if from == nil || to == nil || from.Block() == nil || to.Block() == nil {
		return false
	}
	fb, fi := from.Block(), instrIndex(from)
	ti := instrIndex(to)
	blocked := func(b *ssa.BasicBlock, lo, hi int) bool {
		return avoid != nil && avoid.Block() == b && instrIndex(avoid) > lo && instrIndex(avoid) < hi
	}
	if to.Block() == fb && ti > fi {
		return !blocked(fb, fi, ti)
	}
	if blocked(fb, fi, len(fb.Instrs)) {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), fb.Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b == to.Block() && !blocked(b, -1, ti) {
			return true
		}
		if blocked(b, -1, len(b.Instrs)) {
			continue
		}
		work = append(work, b.Succs...)
	}
	return false
}

// staleUses finds uses of frame memory after its frame ended (FA606).
func (fl *Flow) staleUses(fn *ssa.Function) {
	type end struct {
		instr ssa.Instruction
		keys  []LocalKey
	}
	var ends []end
	scopeEnd := map[*ssa.Function]ssa.Instruction{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, ok := ci.(*ssa.Call); !ok {
				continue // deferred ends happen at return; go calls elsewhere
			}
			if keys := fl.res.EndsFrame(ci); len(keys) > 0 {
				ends = append(ends, end{instr, keys})
			}
			if c, ok := fl.res.API.Classify(ci); ok && c.Op == allocapi.OpScratchScope && len(c.Args) > 1 {
				if mc, ok := c.Args[1].(*ssa.MakeClosure); ok {
					if f, ok := mc.Fn.(*ssa.Function); ok {
						scopeEnd[f] = instr
					}
				}
			}
		}
	}
	if len(ends) == 0 && len(scopeEnd) == 0 {
		return
	}
	var found []StaleUse
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, u := range append(usedValues(instr), fl.calledCaptures(instr)...) {
				for _, o := range fl.origins(fl.taint[u]) {
					if !o.FrameMemory() {
						continue
					}
					if o.Kind == OriginScratch {
						e := scopeEnd[o.Scope]
						if e != nil && e != instr && reaches(e, instr, nil) {
							found = append(found, StaleUse{Origin: o, End: e, Use: instr, Pos: usePos(instr, u)})
						}
						continue
					}
					at, key, ok := fl.anchor(o, fn)
					if !ok || !key.Known() {
						continue
					}
					for _, e := range ends {
						if e.instr == at || e.instr == instr || !containsKey(e.keys, key) {
							continue
						}
						if reaches(at, e.instr, nil) && (reaches(e.instr, instr, at) || fl.keptAcross(u, o, e.instr, instr, at)) {
							found = append(found, StaleUse{Origin: o, End: e.instr, Use: instr, Pos: usePos(instr, u)})
							break
						}
					}
				}
			}
		}
	}
	// Report only the first stale use on a path: drop uses dominated by
	// another stale use of the same origin.
	for i, s := range found {
		first := true
		for j, t := range found {
			if i != j && sameSite(s.Origin, t.Origin) && t.Use != s.Use && dominates(t.Use, s.Use) {
				first = false
				break
			}
		}
		if first {
			fl.Stale = append(fl.Stale, s)
		}
	}
}

// calledCaptures returns, for a call of a func literal made in the same
// function (get := func() T { return c[0] }; ...; get()), the values the
// literal captured: calling it uses them. A captured variable counts with
// every value stored in it.
func (fl *Flow) calledCaptures(instr ssa.Instruction) []ssa.Value {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	mc, ok := call.Call.Value.(*ssa.MakeClosure)
	if !ok || mc.Parent() != call.Parent() {
		return nil
	}
	var out []ssa.Value
	for _, b := range mc.Bindings {
		if vals, ok := fl.cellValues(b); ok {
			out = append(out, vals...)
		} else if _, cell := b.(*ssa.Alloc); !cell {
			out = append(out, b)
		}
	}
	return out
}

// keptAcross reports whether the value u used at instr holds origin o
// because a variable kept it across the frame end: u derives from a phi
// whose incoming edge carrying o leaves the block after end (a value set
// in one iteration of a frame loop and used in the next), or from a load of
// a variable whose store of o happened before end and is not repeated
// between end and the use.
func (fl *Flow) keptAcross(u ssa.Value, o *Origin, end, instr, at ssa.Instruction) bool {
	for depth := 0; depth < 8 && u != nil; depth++ {
		switch x := u.(type) {
		case *ssa.Phi:
			for i, e := range x.Edges {
				if !fl.taint[e].Has(o.ID) || i >= len(x.Block().Preds) {
					continue
				}
				pred := x.Block().Preds[i]
				last := pred.Instrs[len(pred.Instrs)-1]
				if end == last || reaches(end, last, at) {
					return true
				}
			}
			return false
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			if cell, ok := x.X.(*ssa.Alloc); ok {
				for _, ref := range *cell.Referrers() {
					st, ok := ref.(*ssa.Store)
					if ok && st.Addr == cell && fl.content(st.Val).Has(o.ID) &&
						reaches(st, end, nil) && reaches(end, instr, st) {
						return true
					}
				}
				return false
			}
			u = x.X
		case *ssa.FieldAddr:
			u = x.X
		case *ssa.IndexAddr:
			u = x.X
		case *ssa.Field:
			u = x.X
		case *ssa.Index:
			u = x.X
		case *ssa.Slice:
			u = x.X
		case *ssa.ChangeType:
			u = x.X
		case *ssa.MakeInterface:
			u = x.X
		default:
			return false
		}
	}
	return false
}

// sameSite reports whether two origins come from the same allocation or
// helper call (a helper's result and the frame memory it holds).
func sameSite(a, b *Origin) bool { return a == b || a.Instr != nil && a.Instr == b.Instr }

// usePos is the position of a use: the instruction's, or the used value's.
func usePos(instr ssa.Instruction, u ssa.Value) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	if p := u.Pos(); p.IsValid() {
		return p
	}
	return token.NoPos
}

// usedValues returns the operands an instruction uses in the FA606 sense:
// loads and stores through a value, storing it, passing it to a call
// (len and cap excepted), sending it, ranging over it, panicking with it.
// Address arithmetic, comparisons and returns are not uses.
func usedValues(instr ssa.Instruction) []ssa.Value {
	switch v := instr.(type) {
	case *ssa.Store:
		return []ssa.Value{v.Addr, v.Val}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return []ssa.Value{v.X}
		}
	case *ssa.Call, *ssa.Go, *ssa.Defer:
		common := instr.(ssa.CallInstruction).Common()
		if b, ok := common.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "len", "cap":
				return nil
			}
			return common.Args
		}
		out := append([]ssa.Value(nil), common.Args...)
		if _, ok := common.Value.(*ssa.MakeClosure); ok || common.IsInvoke() {
			out = append(out, common.Value)
		}
		return out
	case *ssa.Send:
		return []ssa.Value{v.X}
	case *ssa.MapUpdate:
		return []ssa.Value{v.Map, v.Key, v.Value}
	case *ssa.Range:
		return []ssa.Value{v.X}
	case *ssa.Panic:
		return []ssa.Value{v.X}
	case *ssa.Lookup:
		return []ssa.Value{v.X}
	case *ssa.Index:
		return []ssa.Value{v.X}
	case *ssa.Field:
		return []ssa.Value{v.X}
	}
	return nil
}
