package allocator

import (
	"errors"
	"fmt"
)

// ErrBudgetExceeded is wrapped by every error and panic caused by a hard
// budget: test with errors.Is(err, ErrBudgetExceeded).
var ErrBudgetExceeded = errors.New("allocator: budget exceeded")

// BudgetError describes a refused allocation. Try* functions return it;
// Frame, FrameSlice, FrameBytes, Pool, Heap and ScratchAlloc panic with it.
// It unwraps to ErrBudgetExceeded.
type BudgetError struct {
	// Kind is "frame", "pool", "tag" or "scratch".
	Kind string
	// Tag is the tag path whose hard budget refused the allocation (Kind
	// "tag"), or the scratch name (Kind "scratch").
	Tag string
	// Budget is the hard budget in bytes.
	Budget int
	// Used is what was already in use against the budget, in bytes.
	Used int
	// Requested is the size of the refused allocation, in bytes.
	Requested int
}

// Error describes the refusal.
func (e *BudgetError) Error() string {
	what := e.Kind
	if e.Tag != "" {
		what = fmt.Sprintf("%s %q", e.Kind, e.Tag)
	}
	return fmt.Sprintf("allocator: %s budget exceeded: %d bytes requested, %d of %d used", what, e.Requested, e.Used, e.Budget)
}

// Unwrap returns ErrBudgetExceeded.
func (e *BudgetError) Unwrap() error { return ErrBudgetExceeded }
