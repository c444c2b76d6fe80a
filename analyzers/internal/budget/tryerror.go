package budget

// This file answers how the error result of a Try* allocation (TryFrame,
// TryFrameSlice, TryPool) is handled: FA302 reports what is not checked,
// and a checked one is a budget guard for FA301.

import (
	"golang.org/x/tools/go/ssa"
)

// ErrState says what becomes of the error result of a Try* call.
type ErrState int

// Error handling states.
const (
	// ErrChecked: the error is compared, passed to a function, returned,
	// sent, stored beyond the function or otherwise inspected on some
	// path.
	ErrChecked ErrState = iota
	// ErrDiscarded: the error is never bound (a call statement, a blank
	// assignment) or bound and overwritten before any read.
	ErrDiscarded
	// ErrUnchecked: the error is bound and read, but only to be dropped:
	// moved between variables and never compared, passed or returned.
	ErrUnchecked
)

// ErrorOf returns what becomes of the error result (the last result) of a
// call instruction that returns one.
func ErrorOf(instr ssa.CallInstruction) ErrState {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return ErrDiscarded // go and defer drop every result
	}
	n := call.Call.Signature().Results().Len()
	if n < 2 {
		return ErrChecked
	}
	var errv ssa.Value
	for _, ref := range *call.Referrers() {
		if e, ok := ref.(*ssa.Extract); ok && e.Index == n-1 {
			errv = e
		}
	}
	if errv == nil || len(*errv.Referrers()) == 0 {
		return ErrDiscarded
	}
	if checked(errv, map[ssa.Value]bool{}) {
		return ErrChecked
	}
	return ErrUnchecked
}

// checked reports whether v (an error, or a value holding it) is inspected
// or handed on by some instruction.
func checked(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.Phi, *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.ChangeType, *ssa.Convert:
			if checked(r.(ssa.Value), seen) {
				return true
			}
		case *ssa.Store:
			if r.Val != v {
				return true
			}
			alloc, ok := r.Addr.(*ssa.Alloc)
			if !ok {
				return true // stored beyond the function's own variables
			}
			if cellChecked(alloc, seen) {
				return true
			}
		case *ssa.DebugRef:
		default:
			// Compared, passed to a call (errors.Is, a logger, panic),
			// returned, sent, asserted, stored in a map, captured.
			return true
		}
	}
	return false
}

// cellChecked reports whether the error stored in a local variable's cell
// is read and checked.
func cellChecked(alloc *ssa.Alloc, seen map[ssa.Value]bool) bool {
	if seen[alloc] {
		return false
	}
	seen[alloc] = true
	for _, ref := range *alloc.Referrers() {
		switch r := ref.(type) {
		case *ssa.UnOp:
			if checked(r, seen) {
				return true
			}
		case *ssa.Store:
			// A store into the cell: not a read.
		case *ssa.DebugRef:
		default:
			return true // captured by a closure, address taken
		}
	}
	return false
}
