// Package lib stores Locals and Allocators into the fields of its types;
// the budget model exports a fact for each field that holds only guarded
// values.
package lib

import "github.com/framealloc/fa/allocator"

// Runner's constructor budgets its Local.
type Runner struct {
	L *allocator.Local // want L:"budget:frame"
}

// NewRunner creates a runner.
func NewRunner(a *allocator.Allocator) *Runner {
	l := a.NewLocal()
	l.SetFrameBudget(1 << 20)
	return &Runner{L: l}
}

// Plain's Local comes from an Allocator without budgets: no fact.
type Plain struct {
	L *allocator.Local
}

// NewPlain creates a plain owner.
func NewPlain() *Plain {
	return &Plain{L: allocator.New(allocator.Config{}).NewLocal()}
}

// Pooled holds an Allocator with a pool budget.
type Pooled struct {
	A *allocator.Allocator // want A:"budget:pool"
}

// NewPooled creates a pooled owner.
func NewPooled() *Pooled {
	return &Pooled{A: allocator.New(allocator.Config{PoolBudget: 1 << 20})}
}

// Given holds the Allocator its caller gives (an exported function's
// parameter: out of sight), and a Local created from it.
type Given struct {
	A *allocator.Allocator // want A:"budget:unseen"
	L *allocator.Local     // want L:"budget:unseen"
}

// NewGiven creates a given owner.
func NewGiven(a *allocator.Allocator) *Given {
	return &Given{A: a, L: a.NewLocal()}
}

// Unset is never stored into by this package: no fact.
type Unset struct {
	L *allocator.Local
}
