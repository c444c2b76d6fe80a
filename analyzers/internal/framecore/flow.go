package framecore

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// OriginKind says what kind of memory an origin is.
type OriginKind uint8

// Origin kinds.
const (
	// OriginFrame is frame memory: Frame, FrameSlice, FrameBytes,
	// TryFrame, TryFrameSlice, a value returned by Receive, or frame
	// memory returned by a helper.
	OriginFrame OriginKind = iota
	// OriginScratch is scratch memory from ScratchAlloc, valid until its
	// Scope returns.
	OriginScratch
	// OriginDiscard is FrameRetained(..., Discard) memory.
	OriginDiscard
	// OriginRetained is FrameRetained(..., PromoteToPool or
	// PromoteToHeap) memory: kept on purpose (no FA601), but the frame
	// original is gone after EndFrame (FA606); the promoted copy is a
	// different value.
	OriginRetained
	// OriginParam is the memory a parameter of the function being
	// summarised points to. It is never reported; it produces facts.
	OriginParam
	// OriginParamContent is what the memory reachable from a parameter
	// holds: pointers loaded from it. It is never reported; it produces
	// facts (a helper returning or storing w.field).
	OriginParamContent
	// OriginClosure is a func literal value. It is tracked like memory so
	// that a closure capturing frame memory is seen wherever it goes
	// (stored, returned, sent); it is never reported itself.
	OriginClosure
)

// Origin is where a tracked value comes from.
type Origin struct {
	ID   int
	Kind OriginKind
	// Fn is the function the origin was created in, Instr the allocating
	// call (or the helper call that returned the memory).
	Fn    *ssa.Function
	Instr ssa.Instruction
	Pos   token.Pos
	// Local identifies the *Local (or *Scratch) the memory belongs to,
	// relative to Fn.
	Local LocalKey
	// Op is the allocator operation for direct allocations, else OpNone.
	Op allocapi.Op
	// Param is the parameter index of an OriginParam or
	// OriginParamContent, Depth the number of loads from the parameter
	// of an OriginParamContent (1: p.f), Via as in ParamRef.
	Param, Depth int
	Via          int
	// Scope is, for scratch memory, the function whose return ends it
	// (the func literal passed to Scope).
	Scope *ssa.Function
	// held marks frame memory a helper's result holds (a frame slice in a
	// field of the struct it returns) rather than is: memory of its own,
	// not the result's.
	held bool
}

// Reportable reports whether findings about the origin are diagnostics
// (frame, scratch or discard memory) rather than summary material.
func (o *Origin) Reportable() bool {
	return o.Kind != OriginParam && o.Kind != OriginParamContent && o.Kind != OriginClosure && o.Kind != OriginRetained
}

// FrameMemory reports whether the origin's memory dies (or is copied
// away) when its frame ends: reportable memory and promoted values.
func (o *Origin) FrameMemory() bool { return o.Reportable() || o.Kind == OriginRetained }

// isParam reports whether o stands for a parameter of fn (its memory or
// what that memory holds).
func (o *Origin) isParam() bool { return o.Kind == OriginParam || o.Kind == OriginParamContent }

// EscapeKind says where a value escaped to.
type EscapeKind uint8

// Escape kinds.
const (
	EscapeGlobal     EscapeKind = iota // a package-level variable
	EscapePersistent                   // pool or heap memory
	EscapeReturn                       // returned from a function that ends the frame
	EscapeCallee                       // passed to a helper that stores it beyond the frame
	EscapeParam                        // memory reachable from a parameter or receiver
)

// Escape is frame memory stored where it outlives the frame.
type Escape struct {
	Kind    EscapeKind
	Instr   ssa.Instruction
	Pos     token.Pos
	Origins []*Origin
	// Where describes the destination, e.g. "package-level variable cache".
	Where string
	// Global is the package-level variable of this package stored into
	// (directly or through its fields and elements), for EscapeGlobal.
	Global *ssa.Global
}

// Handoff is frame memory handed to another goroutine.
type Handoff struct {
	Instr   ssa.Instruction
	Pos     token.Pos
	Origins []*Origin
	How     string // "sent on a channel", "passed to a go statement", ...
}

// Capture is a func literal capturing frame memory that may run after the
// frame ends.
type Capture struct {
	Closure *ssa.MakeClosure
	Fn      *ssa.Function
	Origins []*Origin
	How     string // "started with go", "deferred in a function that ends the frame", ...
}

// StaleUse is a use of frame memory after its frame ended.
type StaleUse struct {
	Origin *Origin
	End    ssa.Instruction // the EndFrame (or Scope) call
	Use    ssa.Instruction
	Pos    token.Pos
}

// Flow is the frame-value tracking of one package: for every SSA value,
// which origins it may point into; for every memory root, which origins it
// holds; and the findings every check reads.
type Flow struct {
	res     *Result
	Origins []*Origin
	taint   map[ssa.Value]Set // values pointing into tracked memory
	holds   map[ssa.Value]Set // memory roots and what they hold
	// fholds splits holds by the field of the root's struct a store went
	// through: fholds[{root, f+1}] is what was stored through field f
	// (s.f = v, s.f.x = v, s.f[i] = v), fholds[{root, 0}] what was stored
	// any other way. holds[root] is their union.
	fholds  map[fieldKey]Set
	fvias   map[ssa.Value][]int // the fields (via > 0) of each root in fholds
	byInstr map[ssa.Instruction]*Origin
	params  map[*ssa.Parameter]*Origin
	held    map[ParamKey]*Origin // OriginParamContent of each parameter and depth
	// parts marks helper results that are containers whose elements may
	// point into what the result carries (bytes.Fields, a helper returning
	// a slice of frame values): loads of their elements find it in holds.
	parts  map[ssa.Value]bool
	sync   map[*ssa.Function]bool // func literals that run synchronously where made
	maker  map[*ssa.Function]*ssa.MakeClosure
	runner map[*ssa.Function]ssa.Instruction // the call that runs a synchronous func literal
	runs   map[*ssa.Function]Run             // how each func literal runs

	impls map[implKey][]*ssa.Function // implementations of interface methods

	// roots memoizes rootOf within one query (rootGen), so a value shared
	// by many paths through phis and loads is resolved once per depth, and
	// a cycle of phis ends at once instead of at the depth bound.
	roots     map[ssa.Value]rootMemo
	rootGen   uint32
	rootSteps int // values resolved (tests bound the work)

	Escapes  []Escape
	Handoffs []Handoff
	Captures []Capture
	Stale    []StaleUse

	recording bool
	changed   bool
	summary   map[*ssa.Function]*FuncFact // in-package summaries of the last round
	pending   map[*ssa.Function]*FuncFact // summaries being built this round
	helpers   map[originKey]*Origin
	broken    map[*ssa.Function]string // functions whose analysis panicked, with the panic and stack
	inject    func(*ssa.Function)      // test hook run before each step
}

// Flow returns the package's frame-value tracking (nil when the package
// does not reach the allocator).
func (r *Result) Flow() *Flow { return r.flow }

func newFlow(res *Result) *Flow {
	return &Flow{
		res:     res,
		taint:   map[ssa.Value]Set{},
		holds:   map[ssa.Value]Set{},
		fholds:  map[fieldKey]Set{},
		fvias:   map[ssa.Value][]int{},
		byInstr: map[ssa.Instruction]*Origin{},
		params:  map[*ssa.Parameter]*Origin{},
		held:    map[ParamKey]*Origin{},
		parts:   map[ssa.Value]bool{},
		sync:    map[*ssa.Function]bool{},
		maker:   map[*ssa.Function]*ssa.MakeClosure{},
		runner:  map[*ssa.Function]ssa.Instruction{},
		runs:    map[*ssa.Function]Run{},
		roots:   map[ssa.Value]rootMemo{},
		broken:  map[*ssa.Function]string{},
		summary: map[*ssa.Function]*FuncFact{},
	}
}

// FirstEscapes yields, for each position where frame memory escapes, the
// escape and its first origin that keep accepts (one finding per store).
func (fl *Flow) FirstEscapes(keep func(*Origin) bool) iter.Seq2[Escape, *Origin] {
	return func(yield func(Escape, *Origin) bool) {
		seen := map[token.Pos]bool{}
		for _, e := range fl.Escapes {
			if seen[e.Pos] {
				continue
			}
			for _, o := range e.Origins {
				if keep(o) {
					seen[e.Pos] = true
					if !yield(e, o) {
						return
					}
					break
				}
			}
		}
	}
}

// Taint returns the origins v may point into.
func (fl *Flow) Taint(v ssa.Value) []*Origin { return fl.origins(fl.taint[v]) }

// Content returns the reportable origins v points into or holds.
func (fl *Flow) Content(v ssa.Value) []*Origin {
	var out []*Origin
	for _, o := range fl.origins(fl.content(v)) {
		if o.Reportable() {
			out = append(out, o)
		}
	}
	return out
}

func (fl *Flow) origins(s Set) []*Origin {
	var out []*Origin
	for _, id := range s.IDs() {
		out = append(out, fl.Origins[id])
	}
	return out
}

func (fl *Flow) newOrigin(o *Origin) *Origin {
	if o.Instr != nil {
		if old := fl.byInstr[o.Instr]; old != nil {
			return old
		}
	}
	o.ID = len(fl.Origins)
	fl.Origins = append(fl.Origins, o)
	if o.Instr != nil {
		fl.byInstr[o.Instr] = o
	}
	return o
}

func (fl *Flow) addTaint(v ssa.Value, s Set) {
	if s.Empty() {
		return
	}
	cur := fl.taint[v]
	if cur.union(s) {
		fl.taint[v] = cur
		fl.changed = true
	}
}

func (fl *Flow) addHolds(v ssa.Value, s Set) { fl.addFieldHolds(v, 0, s) }

// fieldKey names what a memory root holds through one field of its struct
// (via = 1 + the field index), or any other way (via = 0).
type fieldKey struct {
	root ssa.Value
	via  int
}

// addFieldHolds records that root's memory holds s, stored through the
// field via names (0: any part of it).
func (fl *Flow) addFieldHolds(root ssa.Value, via int, s Set) {
	if s.Empty() || root == nil {
		return
	}
	cur := fl.holds[root]
	if cur.union(s) {
		fl.holds[root] = cur
		fl.changed = true
	}
	k := fieldKey{root, via}
	part, seen := fl.fholds[k]
	if !seen && via != 0 {
		fl.fvias[root] = append(fl.fvias[root], via)
	}
	if part.union(s) {
		fl.fholds[k] = part
		fl.changed = true
	}
}

// holdsVia is what a load through the field via names (0: any part) of
// root's memory may obtain: what was stored through that field, or in a
// way that may have reached it.
func (fl *Flow) holdsVia(root ssa.Value, via int) Set {
	if via == 0 {
		return fl.holds[root]
	}
	return fl.fholds[fieldKey{root, 0}].Union(fl.fholds[fieldKey{root, via}])
}

// holdsAt is what the local or frame memory v points into (or is part
// of) holds, as far as v can reach it: only what was stored through the
// same field of the root's struct when v was reached through a field.
func (fl *Flow) holdsAt(v ssa.Value) Set {
	if k, key := fl.rootOf(v, 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
		return fl.holdsVia(key, pathVia(v, key.Type()))
	}
	return Set{}
}

// startsStruct reports whether v points to the start of a struct that
// pathVia tells apart by field in a root of type rootType: the root's own
// struct (v has type rootType), or an element of a root slice or array of
// structs (&s[i]).
func startsStruct(v ssa.Value, rootType types.Type) bool {
	if types.Identical(v.Type(), rootType) {
		return true
	}
	ia, ok := v.(*ssa.IndexAddr)
	return ok && types.Identical(ia.X.Type(), rootType)
}

// pathVia returns 1 + the index of the field of a struct at the start of
// a memory root of type rootType (a pointer to a struct, or a slice or
// pointer to an array of structs, whose elements are told apart by field
// only) that v was reached through, or 0 when that is not known. v is an
// address or a value derived from the root by field and element
// addresses, loads and slicing; of the steps whose operand has type
// rootType, the one nearest to the root decides: a field address names its
// field, an element address names the field taken of the element right
// after it (s[i].f), anything else makes it unknown. A pointer to the
// start of another struct of the same type reaches its fields like the
// root's: stores and loads agree on the path, and different fields of a
// struct never overlap.
func pathVia(v ssa.Value, rootType types.Type) int {
	via := 0
	var prev ssa.Value // the step walked just before v, whose operand v is
	for range 16 {
		var x ssa.Value
		switch s := v.(type) {
		case *ssa.FieldAddr:
			x = s.X
		case *ssa.UnOp:
			if s.Op != token.MUL {
				return via
			}
			x = s.X
		case *ssa.IndexAddr:
			x = s.X
		case *ssa.Slice:
			x = s.X
		case *ssa.ChangeType:
			x = s.X
		case *ssa.Index:
			x = s.X
		case *ssa.Field:
			x = s.X
		default:
			return via
		}
		if types.Identical(x.Type(), rootType) {
			switch s := v.(type) {
			case *ssa.FieldAddr:
				via = s.Field + 1
			case *ssa.IndexAddr:
				via = 0
				if fa, ok := prev.(*ssa.FieldAddr); ok && fa.X == s {
					via = fa.Field + 1 // a field of an element
				}
			default:
				via = 0 // another part of the root, not a field
			}
		}
		prev, v = v, x
	}
	return via
}

func single(id int) Set {
	var s Set
	s.add(id)
	return s
}

// solve runs the package to a fixed point (values, memory, closures and
// in-package summaries), then records findings in a final round.
func (fl *Flow) solve() {
	fl.classifyClosures()
	for round := 0; round < 12; round++ {
		fl.changed = false
		fl.pending = map[*ssa.Function]*FuncFact{}
		for _, fn := range fl.res.Funcs {
			fl.safely(fn, fl.function)
		}
		if fl.updateSummaries() {
			fl.changed = true
		}
		if !fl.changed {
			break
		}
	}
	fl.recording = true
	fl.pending = map[*ssa.Function]*FuncFact{}
	for _, fn := range fl.res.Funcs {
		fl.safely(fn, fl.function)
	}
	for _, fn := range fl.res.Funcs {
		fl.safely(fn, fl.staleUses)
	}
}

// safely runs step on fn; a panic (a bug in the analysis, never in the
// user's code) is recovered and recorded, so that the package's analysis
// fails with an error naming the function instead of crashing the run.
func (fl *Flow) safely(fn *ssa.Function, step func(*ssa.Function)) {
	if _, broken := fl.broken[fn]; broken {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			fl.broken[fn] = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	if fl.inject != nil {
		fl.inject(fn)
	}
	step(fn)
}

// failure returns the error that fails the package's analysis when the
// flow of some function could not be computed, or nil.
func (fl *Flow) failure(pkg string) error {
	if len(fl.broken) == 0 {
		return nil
	}
	var names []string
	for fn := range fl.broken {
		names = append(names, fn.String())
	}
	slices.Sort(names)
	return fmt.Errorf("framecore: internal error analysing %s in package %s: %s (please report it with the code that caused it)",
		strings.Join(names, ", "), pkg, fl.broken[fl.byName(names[0])])
}

// byName returns the broken function named name.
func (fl *Flow) byName(name string) *ssa.Function {
	for fn := range fl.broken {
		if fn.String() == name {
			return fn
		}
	}
	return nil
}

// groupWait maps the methods that start a goroutine on a group to the
// method that waits for the group's goroutines.
var groupWait = map[string]string{
	"(*sync.WaitGroup).Go":                      "(*sync.WaitGroup).Wait",
	"(*golang.org/x/sync/errgroup.Group).Go":    "(*golang.org/x/sync/errgroup.Group).Wait",
	"(*golang.org/x/sync/errgroup.Group).TryGo": "(*golang.org/x/sync/errgroup.Group).Wait",
}

// waitsInFrame reports whether the wait instruction is reached after
// start (a go statement, or a call starting a goroutine) before any frame
// the function ends in between: no path from start reaches a frame end
// (EndFrame, EndFrameWithPromotions, Cycle, or a helper ending a frame)
// and then the wait without starting over at start. A goroutine joined
// after its spawner ended the frame may still run when the frame ends.
func (r *Result) waitsInFrame(start, wait ssa.Instruction) bool {
	if !reaches(start, wait, nil) {
		return false
	}
	for _, b := range start.Parent().Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(*ssa.Call)
			if !ok || instr == wait || len(r.EndsFrame(ci)) == 0 {
				continue
			}
			if reaches(start, ci, wait) && reaches(ci, wait, start) {
				return false
			}
		}
	}
	return true
}

// waitedAfter reports whether call starts a goroutine on a WaitGroup or an
// errgroup that the same function waits for later (a Wait on the same
// group reachable from the call): the goroutine then finishes before the
// function goes on, as a synchronous call would.
func (r *Result) waitedAfter(call *ssa.Call) bool {
	callee := call.Call.StaticCallee()
	if callee == nil || len(call.Call.Args) == 0 {
		return false
	}
	obj, ok := funcKey(callee).(*types.Func)
	if !ok {
		return false
	}
	wait, ok := groupWait[obj.FullName()]
	if !ok {
		return false
	}
	group := call.Call.Args[0]
	for ci, o := range staticCalls(call.Parent()) {
		if args := ci.Common().Args; len(args) > 0 && sameAddress(args[0], group) && o.FullName() == wait && r.waitsInFrame(call, ci) {
			return true
		}
	}
	return false
}

// settled returns the value a load of a local variable reads when the
// variable is assigned once (a parameter kept in a cell because a func
// literal captures it), else v.
func settled(v ssa.Value) ssa.Value {
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if cell, ok := ld.X.(*ssa.Alloc); ok {
			if s := singleStore(cell); s != nil {
				return s
			}
		}
	}
	return v
}

// sameAddress reports whether two values denote the same variable: the
// same value, or the same field of the same address (s.wg in two calls).
func sameAddress(a, b ssa.Value) bool {
	a, b = settled(a), settled(b)
	if a == b {
		return true
	}
	switch a := a.(type) {
	case *ssa.FieldAddr:
		b, ok := b.(*ssa.FieldAddr)
		return ok && a.Field == b.Field && sameAddress(a.X, b.X)
	case *ssa.UnOp:
		b, ok := b.(*ssa.UnOp)
		return ok && a.Op == token.MUL && b.Op == token.MUL && sameAddress(a.X, b.X)
	}
	return false
}

// anchor maps an origin into fn: the instruction of fn that allocates it
// (the allocation itself, or the call running the synchronous func literal
// that allocates it) and its Local's key in fn's terms.
func (fl *Flow) anchor(o *Origin, fn *ssa.Function) (ssa.Instruction, LocalKey, bool) {
	instr, key, f := o.Instr, o.Local, o.Fn
	for f != fn {
		mc, call := fl.maker[f], fl.runner[f]
		if mc == nil || call == nil || !fl.sync[f] || f.Parent() == nil {
			return nil, LocalKey{}, false
		}
		if key.Root == rootFreeVar && key.Index < len(mc.Bindings) {
			b := localKeyOf(mc.Bindings[key.Index])
			if key.Path == "*" || strings.HasPrefix(key.Path, "*") {
				// The closure loads a captured variable: the binding is its cell.
				b = addrKey(mc.Bindings[key.Index], 0)
				b.Path += strings.TrimPrefix(key.Path, "*")
			} else {
				b.Path += key.Path
			}
			key = b
		} else if key.Root != rootGlobal {
			key = LocalKey{}
		}
		instr, f = call, f.Parent()
	}
	return instr, key, instr != nil
}

type memRoot uint8

const (
	rootUnknownMem memRoot = iota
	rootLocalMem
	rootGlobalMem
	rootParamMem
	rootFrameMem
	rootPersistentMem
)

// rootOf finds the memory an address (or pointer-like value) points into.
// Loads count as "reached from": a pointer loaded from a field of a
// parameter points into memory reachable from that parameter, while a
// pointer loaded from a local variable points wherever the values stored
// into the variable point.
func (fl *Flow) rootOf(v ssa.Value, depth int) (memRoot, ssa.Value) {
	if depth > maxRootDepth {
		return rootUnknownMem, nil
	}
	if depth == 0 {
		fl.rootGen++ // a new query: what earlier ones found may be stale
	}
	if m, ok := fl.roots[v]; ok && m.gen == fl.rootGen {
		if m.busy {
			// v is being resolved further up this path: going round the
			// cycle again ends where the depth bound would end it.
			return rootUnknownMem, nil
		}
		if int(m.depth) <= depth {
			return m.kind, m.key // found with at least the depth left now
		}
	}
	fl.roots[v] = rootMemo{gen: fl.rootGen, busy: true}
	k, key := fl.resolveRoot(v, depth)
	fl.roots[v] = rootMemo{gen: fl.rootGen, depth: int8(depth), kind: k, key: key}
	return k, key
}

// maxRootDepth bounds the chain of loads, fields and phis rootOf follows.
const maxRootDepth = 12

// rootMemo is what rootOf found for a value in query gen, at depth.
type rootMemo struct {
	gen   uint32
	busy  bool // being resolved
	depth int8
	kind  memRoot
	key   ssa.Value
}

// resolveRoot is rootOf without the memo.
func (fl *Flow) resolveRoot(v ssa.Value, depth int) (memRoot, ssa.Value) {
	fl.rootSteps++
	if c := fl.partsOf(v); c != nil {
		for _, o := range fl.Taint(c) {
			if o.FrameMemory() {
				return rootFrameMem, c
			}
		}
		if p := fl.paramOf(c); p != nil {
			// The container is a parameter's memory (a getter returning
			// a field of its receiver), not a new one.
			return rootParamMem, p
		}
		return rootLocalMem, c
	}
	if t := fl.taint[v]; !t.Empty() {
		for _, id := range t.IDs() {
			o := fl.Origins[id]
			if o.FrameMemory() {
				if call, ok := o.Instr.(ssa.Value); ok && !o.held {
					return rootFrameMem, call
				}
				// Memory the call's result holds is not the result's:
				// what it holds in turn is not known here.
				return rootFrameMem, nil
			}
		}
	}
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan:
		return rootLocalMem, v
	case *ssa.FreeVar:
		// A captured variable: the cell (or value) bound by the closure's
		// maker, in the enclosing function.
		if b := fl.binding(v); b != nil {
			return fl.rootOf(b, depth+1)
		}
		return rootLocalMem, v
	case *ssa.Global:
		return rootGlobalMem, v
	case *ssa.Parameter:
		return rootParamMem, v
	case *ssa.Call:
		if c, ok := fl.res.API.Classify(v); ok {
			switch {
			case c.Op == allocapi.OpHeap, c.Op == allocapi.OpPool, c.Op == allocapi.OpTryPool:
				return rootPersistentMem, v
			case c.Op.IsFrameAllocation():
				return rootFrameMem, v
			}
			return rootUnknownMem, nil
		}
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			return rootLocalMem, v
		}
	case *ssa.Extract:
		return fl.rootOf(v.Tuple, depth+1)
	case *ssa.FieldAddr:
		return fl.rootOf(v.X, depth+1)
	case *ssa.IndexAddr:
		return fl.rootOf(v.X, depth+1)
	case *ssa.Field:
		return fl.rootOf(v.X, depth+1)
	case *ssa.Index:
		return fl.rootOf(v.X, depth+1)
	case *ssa.Lookup:
		return fl.rootOf(v.X, depth+1)
	case *ssa.Slice:
		return fl.rootOf(v.X, depth+1)
	case *ssa.Convert:
		if keepsAddress(v) {
			return fl.rootOf(v.X, depth+1)
		}
	case *ssa.ChangeType:
		return fl.rootOf(v.X, depth+1)
	case *ssa.MakeInterface:
		return fl.rootOf(v.X, depth+1)
	case *ssa.ChangeInterface:
		return fl.rootOf(v.X, depth+1)
	case *ssa.TypeAssert:
		return fl.rootOf(v.X, depth+1)
	case *ssa.SliceToArrayPointer:
		return fl.rootOf(v.X, depth+1)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if vals, ok := fl.cellValues(v.X); ok {
				return fl.joinRoots(vals, depth+1)
			}
			return fl.rootOf(v.X, depth+1)
		}
	case *ssa.Phi:
		k, key := fl.joinRoots(v.Edges, depth+1)
		if k == rootLocalMem && key == nil {
			return k, v // merged containers: see Flow.instr
		}
		return k, key
	}
	// Memory of unknown structure that is known to be reachable from a
	// parameter (returned by a helper whose facts say so).
	if p := fl.paramOf(v); p != nil {
		return rootParamMem, p
	}
	return rootUnknownMem, nil
}

// partsOf returns the container result v is an element or part of (see
// Flow.parts), or nil.
func (fl *Flow) partsOf(v ssa.Value) ssa.Value {
	for depth := 0; depth < 8 && v != nil; depth++ {
		if fl.parts[v] {
			return v
		}
		switch x := v.(type) {
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Lookup:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return nil
		}
	}
	return nil
}

// joinRoots returns the root all of vals share (nil constants aside).
// When they differ, memory that outlives the frame (a package-level
// variable, pool or heap memory, a parameter's) wins: a store through the
// joined value may land there. Otherwise the root is unknown.
func (fl *Flow) joinRoots(vals []ssa.Value, depth int) (memRoot, ssa.Value) {
	kind, key, first := rootUnknownMem, ssa.Value(nil), true
	var lasting memRoot
	var lastingKey ssa.Value
	for _, e := range vals {
		if c, ok := e.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		k, kv := fl.rootOf(e, depth)
		if (k == rootGlobalMem || k == rootPersistentMem || k == rootParamMem) && lastingKey == nil {
			lasting, lastingKey = k, kv
		}
		local := func(k memRoot) bool { return k == rootLocalMem || k == rootFrameMem }
		switch {
		case first:
			kind, key, first = k, kv, false
		case local(k) && local(kind) && (k != kind || kv != key):
			// Different local or frame containers: the caller's phi
			// stands for all of them.
			kind, key = rootLocalMem, nil
		case k != kind:
			kind, key = rootUnknownMem, nil
		}
	}
	if kind == rootUnknownMem && lastingKey != nil {
		return lasting, lastingKey
	}
	return kind, key
}

// binding returns the value the maker of fv's closure binds to fv (in the
// enclosing function), or nil.
func (fl *Flow) binding(fv *ssa.FreeVar) ssa.Value {
	mc := fl.maker[fv.Parent()]
	if mc == nil {
		return nil
	}
	if i := freeVarIndex(fv); i >= 0 && i < len(mc.Bindings) {
		return mc.Bindings[i]
	}
	return nil
}

// cellValues returns the values stored into a local variable's cell when
// addr is that cell (or a captured reference to it) and every store into
// it is visible: the cell is only stored to, loaded from and captured.
func (fl *Flow) cellValues(addr ssa.Value) ([]ssa.Value, bool) {
	for depth := 0; depth < 8; depth++ {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		if addr = fl.binding(fv); addr == nil {
			return nil, false
		}
	}
	cell, ok := addr.(*ssa.Alloc)
	if !ok || !hasPointers(deref(cell.Type())) {
		return nil, false
	}
	if _, ok := deref(cell.Type()).Underlying().(*types.Struct); ok {
		return nil, false
	}
	if _, ok := deref(cell.Type()).Underlying().(*types.Array); ok {
		return nil, false
	}
	var vals []ssa.Value
	for _, ref := range *cell.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != cell {
				return nil, false
			}
			vals = append(vals, ref.Val)
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return vals, len(vals) > 0
}

// paramOf returns the parameter whose memory v is known (through helper
// facts) to point into, when that is the only thing known about v.
func (fl *Flow) paramOf(v ssa.Value) *ssa.Parameter {
	var found *ssa.Parameter
	for _, id := range fl.taint[v].IDs() {
		o := fl.Origins[id]
		if !o.isParam() || o.Param < 0 || o.Param >= len(o.Fn.Params) {
			continue
		}
		p := o.Fn.Params[o.Param]
		if found != nil && found != p {
			return nil
		}
		found = p
	}
	return found
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// content is what storing v makes the destination hold: the memory v points
// into, plus what v's own memory holds when it is local.
func (fl *Flow) content(v ssa.Value) Set {
	if !hasPointers(v.Type()) {
		return Set{} // a copy of pointer-free data
	}
	s := fl.taint[v].Union(Set{})
	if !isReference(v.Type()) {
		// A struct or array value: what it holds is its taint, and for a
		// helper's struct result, what its fields carry (held by field).
		if fl.parts[v] {
			s.union(fl.holds[v])
		}
		return s
	}
	s.union(fl.holdsAt(v))
	return s
}

// isReference reports whether values of t refer to memory (pointers,
// slices, maps, channels, funcs, interfaces) rather than being it.
func isReference(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct, *types.Array, *types.Tuple:
		return false
	}
	return true
}

// hasPointers reports whether values of type t can carry frame memory:
// they hold pointers, slices, maps, channels, funcs, interfaces or
// unsafe.Pointers. Strings are immutable copies (string(b) copies) and
// never carry frame memory.
func hasPointers(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Kind() == types.UnsafePointer || t.Kind() == types.UntypedNil
	case *types.Struct:
		for i := range t.NumFields() {
			if hasPointers(t.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Array:
		return hasPointers(t.Elem())
	case *types.Tuple:
		for i := range t.Len() {
			if hasPointers(t.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return true
}

// function propagates tracking through one function.
func (fl *Flow) function(fn *ssa.Function) {
	for _, p := range fn.Params {
		if !hasPointers(p.Type()) {
			continue
		}
		o := fl.params[p]
		if o == nil {
			o = fl.newOrigin(&Origin{Kind: OriginParam, Fn: fn, Param: paramIndex(p), Pos: p.Pos()})
			fl.params[p] = o
		}
		fl.addTaint(p, single(o.ID))
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			fl.instr(fn, instr)
		}
	}
}

func (fl *Flow) instr(fn *ssa.Function, instr ssa.Instruction) {
	switch v := instr.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			fl.addTaint(v, fl.taint[e])
		}
		if _, key := fl.rootOf(v, 0); key == v {
			// A phi merging different local containers holds what
			// each of them holds.
			for _, e := range v.Edges {
				if k, ek := fl.rootOf(e, 0); (k == rootLocalMem || k == rootFrameMem) && ek != nil {
					fl.addHolds(v, fl.holds[ek])
				}
			}
		}
	case *ssa.FieldAddr:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.IndexAddr:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.Slice:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.Convert:
		// string(b) and []byte(s) copy; conversions through
		// unsafe.Pointer keep the address.
		if keepsAddress(v) {
			fl.addTaint(v, fl.taint[v.X])
		}
	case *ssa.ChangeType:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.ChangeInterface:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.MakeInterface:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.SliceToArrayPointer:
		fl.addTaint(v, fl.taint[v.X])
	case *ssa.TypeAssert:
		if hasPointers(v.Type()) {
			fl.addTaint(v, fl.taint[v.X])
		}
	case *ssa.Extract:
		// The error result of TryFrame, TryFrameSlice and TryPool is not
		// frame memory.
		if hasPointers(v.Type()) && !(v.Index > 0 && fl.isAllocatorCall(v.Tuple)) {
			fl.addTaint(v, fl.taint[v.Tuple])
		}
	case *ssa.Field:
		if hasPointers(v.Type()) {
			fl.addTaint(v, fl.taint[v.X])
			if fl.parts[v.X] && !isReference(v.X.Type()) {
				// A field of a helper's struct result: what was returned
				// through that field (or any other way).
				fl.addTaint(v, fl.holdsVia(v.X, v.Field+1))
			}
		}
	case *ssa.Index:
		if hasPointers(v.Type()) {
			fl.addTaint(v, fl.taint[v.X])
		}
	case *ssa.UnOp:
		if v.Op == token.MUL && hasPointers(v.Type()) {
			fl.load(v, v.X)
		}
	case *ssa.Lookup:
		if hasPointers(v.Type()) {
			fl.load(v, v.X)
		}
	case *ssa.Store:
		if vias := fl.fvias[v.Val]; len(vias) > 0 && fl.parts[v.Val] && !isReference(v.Val.Type()) {
			// A helper's struct result stored whole: each field's part
			// goes through that field of the destination.
			fl.store(fn, instr, v.Addr, fl.taint[v.Val].Union(fl.fholds[fieldKey{v.Val, 0}]), v.Pos(), v.Val)
			for _, via := range vias {
				fl.storeVia(fn, instr, v.Addr, fl.fholds[fieldKey{v.Val, via}], v.Pos(), v.Val, "", via)
			}
			break
		}
		fl.store(fn, instr, v.Addr, fl.content(v.Val), v.Pos(), v.Val)
	case *ssa.MapUpdate:
		c := fl.content(v.Value).Union(fl.content(v.Key))
		fl.store(fn, instr, v.Map, c, v.Pos(), v.Value)
	case *ssa.MakeClosure:
		fl.closure(fn, v)
	case *ssa.Send:
		fl.handoff(fn, instr, fl.content(v.X), v.Pos(), "sent on a channel")
	case *ssa.Select:
		for _, st := range v.States {
			if st.Dir == types.SendOnly && st.Send != nil {
				fl.handoff(fn, instr, fl.content(st.Send), st.Pos, "sent on a channel")
			}
		}
	case *ssa.Return:
		fl.ret(fn, v)
	case *ssa.Go:
		if _, ok := v.Call.Value.(*ssa.MakeClosure); !ok && !fl.res.waitedGo(v) {
			for _, a := range v.Call.Args {
				fl.handoff(fn, instr, fl.content(a), v.Pos(), "passed to a go statement")
			}
		}
	case *ssa.Call:
		fl.call(fn, v)
	}
}

// load gives v, loaded from the memory addr points into, what that memory
// holds: the values stored into local or frame memory, or one level deeper
// into the memory of a parameter.
func (fl *Flow) load(v, addr ssa.Value) {
	fl.addTaint(v, fl.holdsAt(addr))
	fl.addTaint(v, fl.deeper(fl.taint[addr], func(p *ssa.Parameter) int { return pathVia(addr, p.Type()) }))
}

// deeper maps parameter origins one load further: a parameter's memory to
// what it holds at depth 1 (through the field via(p) names; via may be
// nil), depth d to depth d+1 (through the same field as depth d).
func (fl *Flow) deeper(s Set, via func(p *ssa.Parameter) int) Set {
	var out Set
	for _, id := range s.IDs() {
		o := fl.Origins[id]
		if o.isParam() && o.Depth >= 0 && o.Param >= 0 && o.Param < len(o.Fn.Params) {
			p := o.Fn.Params[o.Param]
			v := o.Via
			if o.Depth == 0 {
				v = 0
				if via != nil {
					v = via(p)
				}
			}
			out.add(fl.heldBy(p, o.Depth+1, v).ID)
		}
	}
	return out
}

// callResults is what calling the func value v returns, when v is a func
// literal made here: the frame memory its returns carry.
func (fl *Flow) callResults(v ssa.Value) Set {
	var out Set
	mc, ok := v.(*ssa.MakeClosure)
	if !ok {
		return out
	}
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return out
	}
	for _, b := range lit.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for _, r := range ret.Results {
				for _, o := range fl.origins(fl.content(r)) {
					if o.Reportable() {
						out.add(o.ID)
					}
				}
			}
		}
	}
	return out
}

// calledParam returns the func-typed parameter a call calls (directly, or
// loaded from the variable a func literal captured it in), or nil.
func (fl *Flow) calledParam(call *ssa.Call) *ssa.Parameter {
	v := call.Call.Value
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if vals, ok := fl.cellValues(ld.X); ok && len(vals) == 1 {
			v = vals[0]
		}
	}
	p, _ := v.(*ssa.Parameter)
	return p
}

// ParamKey identifies what a parameter's memory holds at a depth, through
// a field (Via, as in ParamRef).
type ParamKey struct {
	P     *ssa.Parameter
	Depth int
	Via   int
}

// heldBy returns the origin standing for what parameter p's memory holds
// at depth d (capped at MaxDepth) through the field via names (0: any).
func (fl *Flow) heldBy(p *ssa.Parameter, d, via int) *Origin {
	d = min(d, MaxDepth)
	if d == CallResult {
		via = 0
	}
	k := ParamKey{p, d, via}
	o := fl.held[k]
	if o == nil {
		o = fl.newOrigin(&Origin{Kind: OriginParamContent, Fn: p.Parent(), Param: paramIndex(p), Depth: d, Via: via, Pos: p.Pos()})
		fl.held[k] = o
	}
	return o
}

// elements is what copies of the elements of slice s carry: what s's
// memory holds when the elements hold pointers, nothing otherwise.
func (fl *Flow) elements(s ssa.Value) Set {
	sl, ok := s.Type().Underlying().(*types.Slice)
	if !ok || !hasPointers(sl.Elem()) {
		return Set{}
	}
	out := fl.holdsAt(s)
	out.union(fl.deeper(fl.taint[s], func(p *ssa.Parameter) int { return pathVia(s, p.Type()) }))
	return out
}

// reachable is what the memory v points into holds depth loads away: the
// content a helper reading through v at that depth obtains (depth 0 is v
// itself); via, when not 0, names the field of v's struct the helper's
// first load reads (as in ParamRef).
func (fl *Flow) reachable(v ssa.Value, depth, via int) Set {
	if depth == CallResult {
		return fl.callResults(v)
	}
	level := fl.taint[v].Union(Set{})
	if depth == 0 {
		return level
	}
	// One load: what v's memory holds, through the field v was reached by
	// or else the field the helper reads (when v points to the start of
	// the root's struct).
	viaIn := func(rootType types.Type) int {
		if w := pathVia(v, rootType); w != 0 {
			return w
		}
		if via != 0 && startsStruct(v, rootType) {
			return via
		}
		return 0
	}
	next := fl.deeper(level, func(p *ssa.Parameter) int { return viaIn(p.Type()) })
	if k, key := fl.rootOf(v, 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
		next.union(fl.holdsVia(key, viaIn(key.Type())))
	}
	for _, o := range fl.origins(level) {
		if call, ok := o.Instr.(ssa.Value); ok && o.Reportable() {
			next.union(fl.holdsVia(call, viaIn(call.Type())))
		}
	}
	for d := 1; d < depth; d++ {
		level, next = next, fl.deeper(next, nil)
		for _, o := range fl.origins(level) {
			if call, ok := o.Instr.(ssa.Value); ok && o.Reportable() {
				next.union(fl.holds[call])
			}
		}
	}
	return next
}

// keepsAddress reports whether a conversion keeps the address of its
// operand (pointer and unsafe.Pointer conversions, slice to array
// pointer) rather than copying it (string(b), []byte(s), numbers).
func keepsAddress(c *ssa.Convert) bool {
	isString := func(t types.Type) bool {
		b, ok := t.Underlying().(*types.Basic)
		return ok && b.Info()&types.IsString != 0
	}
	return hasPointers(c.Type()) && !isString(c.Type()) && !isString(c.X.Type())
}

// isAllocatorCall reports whether v is a call of the allocator API.
func (fl *Flow) isAllocatorCall(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	_, ok = fl.res.API.Classify(call)
	return ok
}

// call handles allocations, helper summaries and builtins.
func (fl *Flow) call(fn *ssa.Function, v *ssa.Call) {
	if b, ok := v.Call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append":
			// The result may be dst's own array, holding what dst held;
			// the appended elements are copies, which carry frame memory
			// only when they hold pointers.
			if len(v.Call.Args) > 0 {
				dst := v.Call.Args[0]
				fl.addTaint(v, fl.taint[dst])
				if k, key := fl.rootOf(dst, 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
					fl.addHolds(v, fl.holds[key])
				}
				for _, a := range v.Call.Args[1:] {
					fl.addHolds(v, fl.elements(a))
				}
			}
		case "copy":
			if len(v.Call.Args) == 2 {
				fl.store(fn, v, v.Call.Args[0], fl.elements(v.Call.Args[1]), v.Pos(), v.Call.Args[1])
			}
		}
		return
	}
	if c, ok := fl.res.API.Classify(v); ok {
		fl.allocation(fn, v, c)
		return
	}
	if p := fl.calledParam(v); p != nil && hasPointers(v.Type()) {
		// What a func parameter returns: its callers know (the
		// constructor callback of a cache).
		fl.addTaint(v, single(fl.heldBy(p, CallResult, 0).ID))
		return
	}
	if mc, ok := v.Call.Value.(*ssa.MakeClosure); ok {
		// A func literal called at once: its results carry what it returns.
		if callee, ok := mc.Fn.(*ssa.Function); ok {
			if s := fl.summary[callee]; s != nil {
				fl.applySummary(fn, v, s, callArgs(v.Common()))
			}
		}
		return
	}
	f := fl.res.CalleeFact(v.Common())
	if callee := v.Call.StaticCallee(); callee != nil && fl.summary[callee] != nil {
		f = fl.summary[callee]
	}
	if f != nil {
		fl.applySummary(fn, v, f, callArgs(v.Common()))
		return
	}
	if v.Call.IsInvoke() && hasPointers(v.Type()) {
		// An interface method call: its result is what the methods of
		// this package's types implementing the interface return (a
		// getter's field of the receiver). Their stores and hand-offs are
		// not applied: a call through an interface is presumed not to
		// keep its arguments.
		for _, m := range fl.implementations(v.Call.Method, v.Call.Value.Type()) {
			if s := fl.summary[m]; s != nil && len(s.Results) > 0 {
				fl.applySummary(fn, v, &FuncFact{Results: s.Results}, callArgs(v.Common()))
			}
		}
	}
}

// implementations returns the methods this package's types run for the
// interface method m of iface: for each named type of the package whose
// value or pointer implements iface, the method m selects (declared on
// the type or promoted from an embedded one).
func (fl *Flow) implementations(m *types.Func, iface types.Type) []*ssa.Function {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	key := implKey{m, iface}
	if ms, ok := fl.impls[key]; ok {
		return ms
	}
	var ms []*ssa.Function
	scope := fl.res.SSA.Pkg.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || types.IsInterface(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, it) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
			if f, ok := obj.(*types.Func); ok {
				if fn := fl.res.SSA.Pkg.Prog.FuncValue(f); fn != nil && !slices.Contains(ms, fn) {
					ms = append(ms, fn)
				}
			}
			break
		}
	}
	if fl.impls == nil {
		fl.impls = map[implKey][]*ssa.Function{}
	}
	fl.impls[key] = ms
	return ms
}

// implKey is an interface method of an interface type.
type implKey struct {
	m     *types.Func
	iface types.Type
}

func (fl *Flow) allocation(fn *ssa.Function, v *ssa.Call, c allocapi.Call) {
	kind := OriginFrame
	switch c.Op {
	case allocapi.OpFrame, allocapi.OpFrameSlice, allocapi.OpFrameBytes, allocapi.OpTryFrame, allocapi.OpTryFrameSlice,
		allocapi.OpReceive, allocapi.OpTryReceive:
	case allocapi.OpFrameAppend:
		// Like append: the result may be s's own array (holding what it
		// held, now also copies of the appended elements), or a new frame
		// array; it counts as frame memory either way.
		if len(c.Args) == 3 {
			fl.addTaint(v, fl.taint[c.Args[1]])
			if k, key := fl.rootOf(c.Args[1], 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
				fl.addHolds(v, fl.holds[key])
			}
			fl.addHolds(v, fl.elements(c.Args[2]))
			fl.store(fn, v, c.Args[1], fl.elements(c.Args[2]), v.Pos(), nil)
		}
	case allocapi.OpScratchAlloc:
		kind = OriginScratch
	case allocapi.OpFrameRetained:
		switch {
		case len(c.Args) < 2:
			return
		case isDiscard(c.Args[1]):
			kind = OriginDiscard
		case isPromoting(c.Args[1]):
			kind = OriginRetained
		default:
			return // Leak (heap memory) or a policy not known here
		}
	default:
		return
	}
	var local ssa.Value
	if c.Op == allocapi.OpReceive || c.Op == allocapi.OpTryReceive {
		if len(c.Args) > 1 {
			local = c.Args[1]
		}
	} else if len(c.Args) > 0 {
		local = c.Args[0]
	}
	o := &Origin{Kind: kind, Fn: fn, Instr: v, Pos: v.Pos(), Op: c.Op}
	if local != nil {
		o.Local = localKeyOf(local)
		if kind == OriginScratch {
			if p, ok := local.(*ssa.Parameter); ok && fl.sync[p.Parent()] {
				o.Scope = p.Parent()
			}
		}
	}
	o = fl.newOrigin(o)
	fl.addTaint(v, single(o.ID))
}

// isPromoting reports whether v is the constant PromoteToPool or
// PromoteToHeap.
func isPromoting(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return false
	}
	n, ok := constant.Int64Val(c.Value)
	return ok && (n == 1 || n == 2)
}

func isDiscard(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return false
	}
	n, ok := constant.Int64Val(c.Value)
	return ok && n == 0
}

// applySummary applies a callee's summary at a call site.
func (fl *Flow) applySummary(fn *ssa.Function, call *ssa.Call, f *FuncFact, args []ssa.Value) {
	// Results.
	for i, r := range f.Results {
		var dst ssa.Value = call
		if call.Call.Signature().Results().Len() > 1 {
			dst = extractOf(call, i)
			if dst == nil {
				continue
			}
		}
		var direct Set
		for _, p := range r.Is {
			if p.Param < len(args) {
				direct.union(fl.reachable(args[p.Param], p.Depth, p.Via))
			}
		}
		for _, lp := range r.Frame {
			direct.add(fl.newOriginAt(fn, call, i, false, keyAt(lp, args, fl.res.Pkg)).ID)
		}
		heldOf := func(refs []ParamRef, frames []LocalPath) Set {
			var held Set
			for _, p := range refs {
				if p.Param < len(args) {
					if p.Depth == 0 {
						held.union(fl.content(args[p.Param]))
					} else {
						held.union(fl.reachable(args[p.Param], p.Depth, p.Via))
					}
				}
			}
			for _, lp := range frames {
				held.add(fl.newOriginAt(fn, call, i, true, keyAt(lp, args, fl.res.Pkg)).ID)
			}
			return held
		}
		held := heldOf(r.Held, r.HeldFrame)
		fl.addTaint(dst, direct)
		if !held.Empty() || len(r.Fields) > 0 {
			// A container result: what its memory holds, field by field
			// when the helper said so.
			fl.parts[dst] = true
			fl.addHolds(dst, held)
			for _, ff := range r.Fields {
				fl.addFieldHolds(dst, ff.Via, heldOf(ff.Held, ff.HeldFrame))
			}
		}
	}
	// Stores.
	for _, s := range f.Stores {
		if s.Param < 0 {
			// The helper stored fresh frame memory into an argument and
			// reported it itself; the argument's memory now holds it.
			if s.Into < len(args) {
				if k, key := fl.rootOf(args[s.Into], 0); (k == rootLocalMem || k == rootFrameMem) && key != nil {
					fl.addFieldHolds(key, destVia(args[s.Into], key, s.IntoVia), single(fl.newOriginAt(fn, call, -1-s.Into, false, LocalKey{}).ID))
				}
			}
			continue
		}
		if s.Param >= len(args) {
			continue
		}
		c := fl.content(args[s.Param])
		if s.Depth != 0 {
			c = fl.reachable(args[s.Param], s.Depth, s.Via)
		}
		if c.Empty() {
			continue
		}
		switch {
		case s.Global != "":
			fl.escape(fn, call, c, call.Pos(), EscapeCallee, "package-level variable "+shortName(s.Global)+" (stored by "+calleeName(call.Common(), false)+")")
			fl.summaryStore(fn, c, StoreEffect{Global: s.Global}, nil)
		case s.Persistent:
			fl.escape(fn, call, c, call.Pos(), EscapeCallee, "pool or heap memory (stored by "+calleeName(call.Common(), false)+")")
			fl.summaryStore(fn, c, StoreEffect{Persistent: true}, nil)
		default:
			if s.Into < len(args) {
				fl.storeVia(fn, call, args[s.Into], c, call.Pos(), nil, calleeName(call.Common(), false), s.IntoVia)
			}
		}
	}
	for _, h := range f.Handoffs {
		if h.Param < len(args) {
			how := "passed to " + calleeName(call.Common(), false) + ", which sends it on a channel"
			if h.Kind == HandoffGo {
				how = "passed to " + calleeName(call.Common(), false) + ", which hands it to a goroutine"
			}
			c := fl.content(args[h.Param])
			if h.Depth != 0 {
				c = fl.reachable(args[h.Param], h.Depth, h.Via)
			}
			fl.handoff(fn, call, c, call.Pos(), how)
		}
	}
}

func extractOf(call *ssa.Call, i int) ssa.Value {
	for _, ref := range *call.Referrers() {
		if e, ok := ref.(*ssa.Extract); ok && e.Index == i {
			return e
		}
	}
	return nil
}

// newOriginAt makes (once) the origin of frame memory returned by a helper.
func (fl *Flow) newOriginAt(fn *ssa.Function, call *ssa.Call, result int, held bool, local LocalKey) *Origin {
	key := originKey{call, result, held}
	if o := fl.helperOrigins()[key]; o != nil {
		return o
	}
	o := &Origin{Kind: OriginFrame, Fn: fn, Pos: call.Pos(), Local: local, held: held}
	o.ID = len(fl.Origins)
	fl.Origins = append(fl.Origins, o)
	o.Instr = call
	fl.helperOrigins()[key] = o
	return o
}

type originKey struct {
	call   *ssa.Call
	result int  // the result index, or -1-i for memory stored into argument i
	held   bool // memory the result's memory holds, not the result
}

func (fl *Flow) helperOrigins() map[originKey]*Origin {
	if fl.helpers == nil {
		fl.helpers = map[originKey]*Origin{}
	}
	return fl.helpers
}

func shortName(full string) string {
	for i := len(full) - 1; i >= 0; i-- {
		if full[i] == '/' {
			return full[i+1:]
		}
	}
	return full
}
