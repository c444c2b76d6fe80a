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
