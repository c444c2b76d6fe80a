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

// frameValue is one frame allocation of a function.
type frameValue struct {
	call  allocapi.Call
	key   framecore.LocalKey
	value ssa.Value // the frame memory (result 0 of a Try* call)
	uses  []ssa.Instruction
}

func checkFunc(p *check.Pass, info *loops.Info, fn *ssa.Function) {
	var values []*frameValue
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
			if v == nil {
				continue
			}
		}
		key := framecore.HandleKey(c.Local())
		if !key.Known() {
			continue
		}
		values = append(values, &frameValue{call: c, key: key, value: v, uses: usesOf(v)})
	}
	if len(values) == 0 {
		return
	}
	// Frame boundaries of the function.
	begins := map[framecore.LocalKey]bool{}
	ends := map[framecore.LocalKey]bool{}
	endCalls := map[ssa.Instruction][]framecore.LocalKey{}
	var blocking []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok {
				if _, isGo := instr.(*ssa.Go); !isGo {
					for _, k := range p.Core.BeginsFrame(ci) {
						begins[k] = true
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
			if !begins[fv.key] || !ends[fv.key] {
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
			if !reaches(fv.call.Instr, bl, stop) {
				continue
			}
			// After the blocking operation, a path through the allocation
			// itself uses a new value, not the live one.
			stopAfter := func(instr ssa.Instruction) bool { return instr == fv.call.Instr || stop(instr) }
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
			name := p.ValueName(&framecore.Origin{Pos: fv.call.Instr.Pos()})
			local := info.LocalText(fv.call.Instr, fv.call.Op.LocalArg())
			pos, end := blockingSpan(info, bl)
			p.ReportDiag(diag(pos, end, fv, name, local, blockingOp(p, info, bl), p.Fset.Position(use.Pos()).Line))
			break
		}
	}
}

func diag(pos, end token.Pos, fv *frameValue, name, local, what string, useLine int) report.Diag {
	used := "used after it"
	if useLine > 0 {
		used = "used again at line " + strconv.Itoa(useLine)
	}
	return report.Diag{Pos: pos, End: end,
		Message: what + " inside the frame of " + local + " while frame value " + name + " is live (" + used +
			"): the goroutine waits with the frame open and its memory pinned; finish with the frame value before blocking, or copy what is needed",
		Related: []analysis.RelatedInformation{{Pos: fv.call.Instr.Pos(), Message: name + " was frame-allocated here"}}}
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
