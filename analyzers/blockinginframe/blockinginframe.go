// Package blockinginframe is the FA702 blocking-in-frame check.
//
// What it reports and what it leaves alone is documented once, in the
// FA702 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA702` or
// docs/diagnostics.md#fa702.
package blockinginframe

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/loops"
	"github.com/framealloc/fa/analyzers/internal/report"
)

// Analyzer is the FA702 check.
var Analyzer = check.New("FA702", run, loops.Analyzer)

func run(p *check.Pass) error {
	info := p.Loops()
	for _, fn := range p.Core.Funcs {
		checkFunc(p, info, fn)
	}
	return nil
}

// frameValue is frame memory a function gets from one call: a frame
// allocation, or a helper returning frame memory.
type frameValue struct {
	call   *ssa.Call
	origin *framecore.Origin
	key    framecore.LocalKey
	value  ssa.Value // the frame memory (result 0 of a Try* call, the helper's result)
	uses   []ssa.Instruction
}

func checkFunc(p *check.Pass, info *loops.Info, fn *ssa.Function) {
	values := frameValues(p, fn)
	if len(values) == 0 {
		return
	}
	// Frame boundaries of the function.
	begins := map[framecore.LocalKey]ssa.CallInstruction{}
	ends := map[framecore.LocalKey]bool{}
	endCalls := map[ssa.Instruction][]framecore.LocalKey{}
	var blocking []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok {
				if _, isGo := instr.(*ssa.Go); !isGo {
					for _, k := range p.Core.BeginsFrame(ci) {
						if begins[k] == nil {
							begins[k] = ci
						}
					}
					for _, k := range p.Core.EndsFrame(ci) {
						ends[k] = true
						if _, isCall := instr.(*ssa.Call); isCall {
							endCalls[instr] = append(endCalls[instr], k)
						}
					}
				}
			}
			if blockingOp(p, info, instr) != "" {
				blocking = append(blocking, instr)
			}
		}
	}
	for _, bl := range blocking {
		for _, fv := range values {
			// The frame of a request's Local (framehttp.Local) is open
			// from the handler's start until it returns or calls Cycle.
			if !fv.key.IsRequestLocal() && (begins[fv.key] == nil || !ends[fv.key]) {
				continue
			}
			stop := func(instr ssa.Instruction) bool {
				for _, k := range endCalls[instr] {
					if k == fv.key || !k.Known() {
						return true
					}
				}
				return false
			}
			if !reaches(fv.call, bl, stop) {
				continue
			}
			// After the blocking operation, a path through the allocation
			// itself uses a new value, not the live one.
			stopAfter := func(instr ssa.Instruction) bool { return instr == fv.call || stop(instr) }
			var use ssa.Instruction
			for _, u := range fv.uses {
				if reaches(bl, u, stopAfter) {
					use = u
					break
				}
			}
			if use == nil {
				continue
			}
			pos, end := blockingSpan(info, bl)
			p.ReportDiag(diag(pos, end, p.Allocated(fv.origin), p.ValueName(fv.origin), localText(p, info, fv, begins[fv.key]), blockingOp(p, info, bl), p.Fset.Position(use.Pos()).Line))
			break
		}
	}
}

// frameValues returns the frame memory fn gets from calls whose Local it
// can name: its own frame allocations and Receive calls, and the results
// of helpers that return frame memory (the core's origins made at helper
// calls).
func frameValues(p *check.Pass, fn *ssa.Function) []*frameValue {
	var values []*frameValue
	add := func(call *ssa.Call, v ssa.Value, o *framecore.Origin, key framecore.LocalKey) {
		if key.Known() && v != nil {
			values = append(values, &frameValue{call: call, origin: o, key: key, value: v, uses: usesOf(v)})
		}
	}
	for _, c := range p.Core.Calls[fn] {
		call, ok := c.Instr.(*ssa.Call)
		if !ok || c.Local() == nil {
			continue
		}
		switch {
		case c.Op.IsFrameAllocation(), c.Op == allocapi.OpReceive, c.Op == allocapi.OpTryReceive:
		default:
			continue
		}
		var v ssa.Value = call
		if call.Call.Signature().Results().Len() > 1 {
			v = extract(call, 0)
		}
		add(call, v, &framecore.Origin{Pos: call.Pos(), Op: c.Op}, framecore.HandleKey(c.Local()))
	}
	flow := p.Core.Flow()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if _, ok := p.Core.API.Classify(call); ok {
				continue
			}
			results := []ssa.Value{call}
			if n := call.Call.Signature().Results().Len(); n > 1 {
				results = results[:0]
				for i := range n {
					results = append(results, extract(call, i))
				}
			}
			for _, v := range results {
				if v == nil {
					continue
				}
				for _, o := range flow.Taint(v) {
					if o.Instr == ssa.Instruction(call) && o.Kind == framecore.OriginFrame && o.Op == allocapi.OpNone {
						add(call, v, o, o.Local)
						break
					}
				}
			}
		}
	}
	return values
}

// localText is the source text of the Local a frame value belongs to:
// the allocation's Local argument, or for a helper's result the Local of
// a call beginning its frame.
func localText(p *check.Pass, info *loops.Info, fv *frameValue, begin ssa.CallInstruction) string {
	if c, ok := p.Core.API.Classify(fv.call); ok {
		return info.LocalText(fv.call, c.Op.LocalArg())
	}
	if begin != nil {
		if c, ok := p.Core.API.Classify(begin); ok {
			return info.LocalText(begin, c.Op.LocalArg())
		}
	}
	return "its Local"
}

func diag(pos, end token.Pos, allocated analysis.RelatedInformation, name, local, what string, useLine int) report.Diag {
	used := "used after it"
	if useLine > 0 {
		used = "used again at line " + strconv.Itoa(useLine)
	}
	return report.Diag{Pos: pos, End: end,
		Message: what + " inside the frame of " + local + " while frame value " + name + " is live (" + used +
			"): the goroutine waits with the frame open and its memory pinned; finish with the frame value before blocking, or copy what is needed",
		Related: []analysis.RelatedInformation{allocated}}
}

func extract(call *ssa.Call, i int) ssa.Value {
	for _, ref := range *call.Referrers() {
		if e, ok := ref.(*ssa.Extract); ok && e.Index == i {
			return e
		}
	}
	return nil
}

// usesOf returns the instructions that use v or a value derived from it
// (field and element addresses, slices, conversions, pointer loads, local
// variables holding it), except len, cap and comparisons with nil.
func usesOf(v ssa.Value) []ssa.Instruction {
	var uses []ssa.Instruction
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if seen[v] || depth > 16 {
			return
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, ref := range *refs {
			switch r := ref.(type) {
			case *ssa.Phi:
				walk(r, depth+1)
				continue
			case *ssa.DebugRef:
				continue
			case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice, *ssa.Convert, *ssa.ChangeType,
				*ssa.MakeInterface, *ssa.ChangeInterface, *ssa.SliceToArrayPointer, *ssa.TypeAssert:
				walk(r.(ssa.Value), depth+1)
			case *ssa.UnOp:
				if r.Op == token.MUL && pointerLike(r.Type()) {
					walk(r, depth+1)
				}
			case *ssa.Store:
				if alloc, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
					// A local variable holding the value: its loads.
					for _, ar := range *alloc.Referrers() {
						if ld, ok := ar.(*ssa.UnOp); ok && ld.Op == token.MUL {
							walk(ld, depth+1)
						}
					}
				}
			case *ssa.Call:
				if b, ok := r.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
					continue
				}
			case *ssa.BinOp:
				if isNil(r.X) || isNil(r.Y) {
					continue
				}
			}
			uses = append(uses, ref)
		}
	}
	walk(v, 0)
	return uses
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

func pointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Interface, *types.Map, *types.Signature:
		return true
	}
	return false
}

// blockingOp describes instr if it may block, or returns "".
func blockingOp(p *check.Pass, info *loops.Info, instr ssa.Instruction) string {
	switch instr := instr.(type) {
	case *ssa.Send:
		return "channel send"
	case *ssa.UnOp:
		if instr.Op != token.ARROW {
			return ""
		}
		if path := info.Path(instr.Pos()); len(path) > 0 {
			if _, ok := path[0].(*ast.RangeStmt); ok {
				return "range over a channel"
			}
		}
		return "channel receive"
	case *ssa.Select:
		if instr.Blocking {
			return "select without default"
		}
	case *ssa.Call:
		if c, ok := p.Core.API.Classify(instr); ok {
			if c.Op == allocapi.OpWaitAll {
				return "FrameBarrier.WaitAll"
			}
			return ""
		}
		callee := instr.Call.StaticCallee()
		if callee == nil {
			return ""
		}
		fn, ok := callee.Object().(*types.Func)
		if !ok {
			return ""
		}
		switch fn.Origin().FullName() {
		case "(*sync.WaitGroup).Wait":
			return "sync.WaitGroup.Wait"
		case "(*sync.Cond).Wait":
			return "sync.Cond.Wait"
		case "time.Sleep":
			return "time.Sleep"
		}
	}
	return ""
}

// blockingSpan returns the extent to report a blocking operation at.
func blockingSpan(info *loops.Info, instr ssa.Instruction) (token.Pos, token.Pos) {
	if call, ok := instr.(*ssa.Call); ok {
		return info.Span(call)
	}
	return instr.Pos(), token.NoPos
}

// reaches reports whether a path of the control-flow graph leads from
// from (exclusive) to to without passing an instruction for which stop is
// true.
func reaches(from, to ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	scan := func(instrs []ssa.Instruction) (found, stopped bool) {
		for _, instr := range instrs {
			if instr == to {
				return true, false
			}
			if stop(instr) {
				return false, true
			}
		}
		return false, false
	}
	b := from.Block()
	idx := -1
	for i, instr := range b.Instrs {
		if instr == from {
			idx = i
			break
		}
	}
	if idx < 0 {
		return false
	}
	found, stopped := scan(b.Instrs[idx+1:])
	if found {
		return true
	}
	if stopped {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		n := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		found, stopped := scan(n.Instrs)
		if found {
			return true
		}
		if !stopped {
			work = append(work, n.Succs...)
		}
	}
	return false
}
