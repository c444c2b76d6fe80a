// Package setup configures Locals for callers in another package.
package setup

import "github.com/framealloc/fa/allocator"

// ApplyBudgets sets the frame and pool budgets of l.
func ApplyBudgets(l *allocator.Local) {
	l.SetFrameBudget(256 * allocator.KiB)
	l.SetPoolBudget(1 * allocator.MiB)
}

// Name names l's goroutine.
func Name(l *allocator.Local, name string) {}

// PoolOnly sets the pool budget of l only.
func PoolOnly(l *allocator.Local) {
	l.SetPoolBudget(1 * allocator.MiB)
}

// Runner owns a Local its constructor budgets.
type Runner struct {
	L *allocator.Local
}

// NewRunner creates a runner whose Local has a frame budget.
func NewRunner(a *allocator.Allocator) *Runner {
	r := &Runner{L: a.NewLocal()}
	r.L.SetFrameBudget(64 * allocator.KiB)
	return r
}

// Plain owns a Local of an allocator without budgets.
type Plain struct {
	L *allocator.Local
}

// NewPlain creates a plain owner.
func NewPlain() *Plain {
	return &Plain{L: allocator.New(allocator.Config{}).NewLocal()}
}
