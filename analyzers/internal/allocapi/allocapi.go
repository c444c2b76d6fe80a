// Package allocapi recognises calls into the allocator package.
//
// The allocator is identified by import path (its canonical path plus any
// extra paths configured under [allocator].packages in .fa.toml), never by
// the local import name, so renamed imports, forks and vendored copies are
// all understood.
package allocapi

import (
	"go/types"
	pathpkg "path"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Path is the import path of the allocator package.
const Path = "github.com/framealloc/fa/allocator"

// Op is an allocator operation.
type Op int

// The allocator operations the analyzers care about.
const (
	OpNone Op = iota

	// Allocations (DESIGN.md: the allocating calls).
	OpFrame         // Frame[T](l)
	OpFrameSlice    // FrameSlice[T](l, n)
	OpFrameBytes    // FrameBytes(l, n)
	OpTryFrame      // TryFrame[T](l)
	OpTryFrameSlice // TryFrameSlice[T](l, n)
	OpFrameRetained // FrameRetained[T](l, policy)
	OpPool          // Pool[T](l)
	OpTryPool       // TryPool[T](l)
	OpHeap          // Heap[T](l)
	OpScratchAlloc  // ScratchAlloc[T](s)

	// Frame lifecycle and budgets, methods of *Local.
	OpBeginFrame             // l.BeginFrame()
	OpEndFrame               // l.EndFrame()
	OpEndFrameWithPromotions // l.EndFrameWithPromotions()
	OpSetFrameBudget         // l.SetFrameBudget(n)
	OpSetPoolBudget          // l.SetPoolBudget(n)
	OpWithTag                // l.WithTag(tag, fn)
	OpEnterTag               // l.EnterTag(t): enters the tag until the TagScope's Exit
	OpBeginPhase             // l.BeginPhase(name)
	OpEndPhase               // l.EndPhase()
	OpLocalClose             // l.Close()

	// Other operations.
	OpFrameAppend         // FrameAppend[T](l, s, v...): frame memory, not an allocating call of the loop checks
	OpPoolFree            // PoolFree[T](l, p)
	OpNewLocal            // a.NewLocal()
	OpNew                 // New(cfg)
	OpNewScratch          // a.NewScratch(name, size)
	OpScratchScope        // s.Scope(fn)
	OpTransfer            // Transfer[T](l, v)
	OpReceive             // h.Receive(l)
	OpTryReceive          // h.TryReceive(l)
	OpNewFrameBarrier     // NewFrameBarrier(n)
	OpSignalFrameComplete // b.SignalFrameComplete()
	OpWaitAll             // b.WaitAll()
	OpSetTagBudget        // a.SetTagBudget(tag, soft, hard)
	OpTag                 // a.Tag(name): the handle EnterTag takes
	OpTagScopeExit        // scope.Exit(): leaves the tag EnterTag entered

	// The net/http integration (package framehttp next to the allocator).
	OpRequestLocal // framehttp.Local(r), framehttp.TryLocal(r)
	OpCycle        // framehttp.Cycle(r): ends the request's frame and begins the next
)

// HTTPPackage is the name of the allocator's net/http integration package;
// it sits in the allocator's directory (github.com/framealloc/fa/allocator/framehttp).
const HTTPPackage = "framehttp"

var httpFuncs = map[string]Op{
	"Local":    OpRequestLocal,
	"TryLocal": OpRequestLocal,
	"Cycle":    OpCycle,
}

var funcs = map[string]Op{
	"Frame":           OpFrame,
	"FrameSlice":      OpFrameSlice,
	"FrameBytes":      OpFrameBytes,
	"TryFrame":        OpTryFrame,
	"TryFrameSlice":   OpTryFrameSlice,
	"FrameRetained":   OpFrameRetained,
	"Pool":            OpPool,
	"TryPool":         OpTryPool,
	"Heap":            OpHeap,
	"ScratchAlloc":    OpScratchAlloc,
	"PoolFree":        OpPoolFree,
	"FrameAppend":     OpFrameAppend,
	"New":             OpNew,
	"Transfer":        OpTransfer,
	"NewFrameBarrier": OpNewFrameBarrier,
}

var methods = map[[2]string]Op{
	{"Local", "BeginFrame"}:                 OpBeginFrame,
	{"Local", "EndFrame"}:                   OpEndFrame,
	{"Local", "EndFrameWithPromotions"}:     OpEndFrameWithPromotions,
	{"Local", "SetFrameBudget"}:             OpSetFrameBudget,
	{"Local", "SetPoolBudget"}:              OpSetPoolBudget,
	{"Local", "WithTag"}:                    OpWithTag,
	{"Local", "EnterTag"}:                   OpEnterTag,
	{"Local", "BeginPhase"}:                 OpBeginPhase,
	{"Local", "EndPhase"}:                   OpEndPhase,
	{"Local", "Close"}:                      OpLocalClose,
	{"Allocator", "NewLocal"}:               OpNewLocal,
	{"Allocator", "NewScratch"}:             OpNewScratch,
	{"Allocator", "SetTagBudget"}:           OpSetTagBudget,
	{"Allocator", "Tag"}:                    OpTag,
	{"TagScope", "Exit"}:                    OpTagScopeExit,
	{"Scratch", "Scope"}:                    OpScratchScope,
	{"TransferHandle", "Receive"}:           OpReceive,
	{"TransferHandle", "TryReceive"}:        OpTryReceive,
	{"FrameBarrier", "SignalFrameComplete"}: OpSignalFrameComplete,
	{"FrameBarrier", "WaitAll"}:             OpWaitAll,
}

// IsAllocation reports whether op allocates memory (FA301, FA602, FA603,
// FA701 and the tag checks count these; Transfer and Receive are not
// allocations).
func (op Op) IsAllocation() bool { return op >= OpFrame && op <= OpScratchAlloc }

// IsFrameAllocation reports whether op returns memory that dies at EndFrame.
func (op Op) IsFrameAllocation() bool { return op >= OpFrame && op <= OpFrameRetained }

// IsTry reports whether op returns an error for an exceeded budget.
func (op Op) IsTry() bool { return op == OpTryFrame || op == OpTryFrameSlice || op == OpTryPool }

// EndsFrame reports whether op ends the frame (EndFrameWithPromotions ends it
// exactly as EndFrame does; framehttp.Cycle ends the request's frame).
func (op Op) EndsFrame() bool {
	return op == OpEndFrame || op == OpEndFrameWithPromotions || op == OpCycle
}

// BeginsFrame reports whether op begins a frame (framehttp.Cycle begins
// the request's next frame).
func (op Op) BeginsFrame() bool { return op == OpBeginFrame || op == OpCycle }

// LocalArg returns the index of the argument that is the *Local the
// operation works on (the receiver counts as argument 0 for methods), or -1.
func (op Op) LocalArg() int {
	switch {
	case op.IsAllocation() && op != OpScratchAlloc:
		return 0
	case op >= OpBeginFrame && op <= OpLocalClose:
		return 0
	case op == OpPoolFree, op == OpTransfer, op == OpFrameAppend:
		return 0
	case op == OpReceive, op == OpTryReceive:
		return 1
	}
	return -1
}

// Name returns the allocator-level name of op, such as "Frame" or "EndFrame".
func (op Op) Name() string {
	for k, v := range funcs {
		if v == op {
			return k
		}
	}
	for k, v := range methods {
		if v == op {
			return k[1]
		}
	}
	return ""
}

// API recognises the allocator among a set of import paths.
type API struct {
	paths []string
}

// New returns an API recognising the canonical allocator path plus extra.
func New(extra []string) *API {
	paths := append([]string{Path}, extra...)
	slices.Sort(paths)
	return &API{paths: slices.Compact(paths)}
}

// IsAllocatorPackage reports whether path is (one of) the allocator packages.
func (api *API) IsAllocatorPackage(path string) bool {
	_, ok := slices.BinarySearch(api.paths, path)
	return ok
}

// Paths returns the recognised import paths.
func (api *API) Paths() []string { return slices.Clone(api.paths) }

// IsHTTPPackage reports whether path is the framehttp package of one of
// the allocator packages.
func (api *API) IsHTTPPackage(path string) bool {
	dir, name := pathpkg.Split(path)
	return name == HTTPPackage && api.IsAllocatorPackage(strings.TrimSuffix(dir, "/"))
}

// OpOf returns the operation a function object denotes, or OpNone.
func (api *API) OpOf(fn *types.Func) Op {
	if fn == nil || fn.Pkg() == nil {
		return OpNone
	}
	if api.IsHTTPPackage(fn.Pkg().Path()) && fn.Signature().Recv() == nil {
		return httpFuncs[fn.Name()]
	}
	if !api.IsAllocatorPackage(fn.Pkg().Path()) {
		return OpNone
	}
	fn = fn.Origin()
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		t := types.Unalias(recv.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		named, ok := t.(*types.Named)
		if !ok {
			return OpNone
		}
		return methods[[2]string{named.Obj().Name(), fn.Name()}]
	}
	return funcs[fn.Name()]
}

// Call describes a recognised call instruction.
type Call struct {
	Op    Op
	Instr ssa.CallInstruction
	Args  []ssa.Value // receiver first for methods
}

// Local returns the *Local operand of the call, or nil.
func (c Call) Local() ssa.Value {
	if i := c.Op.LocalArg(); i >= 0 && i < len(c.Args) {
		return c.Args[i]
	}
	return nil
}

// Classify recognises a call (including go and defer) of an allocator
// function or method, through generic instantiation and bound method values.
func (api *API) Classify(instr ssa.CallInstruction) (Call, bool) {
	common := instr.Common()
	if common.IsInvoke() {
		return Call{}, false
	}
	callee := common.StaticCallee()
	if callee == nil {
		return Call{}, false
	}
	obj, _ := callee.Object().(*types.Func)
	op := api.OpOf(obj)
	if op == OpNone {
		return Call{}, false
	}
	args := common.Args
	if mc, ok := common.Value.(*ssa.MakeClosure); ok && len(mc.Bindings) == 1 && obj.Signature().Recv() != nil {
		// A call of a bound method value l.EndFrame: the receiver is the binding.
		args = append([]ssa.Value{mc.Bindings[0]}, args...)
	}
	return Call{Op: op, Instr: instr, Args: args}, true
}
