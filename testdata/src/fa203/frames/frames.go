// Package frames holds frame helpers for the fixture.
package frames

import "github.com/framealloc/fa/allocator"

// Step runs one frame on l.
func Step(l *allocator.Local) {
	l.BeginFrame()
	_ = allocator.Frame[int](l)
	l.EndFrame()
}

// Budget gives l the standard frame budget.
func Budget(l *allocator.Local) {
	l.SetFrameBudget(1 << 20)
}

// Shared is an allocator configured elsewhere.
var Shared = allocator.New(allocator.Config{})

// System holds an Allocator its constructor budgets.
type System struct {
	A *allocator.Allocator
}

// NewSystem creates a system on an allocator with a frame budget.
func NewSystem() *System {
	return &System{A: allocator.New(allocator.Config{FrameBudget: 1 << 20})}
}

// Plain holds an Allocator without budgets.
type Plain struct {
	A *allocator.Allocator
}

// NewPlain creates a plain system.
func NewPlain() *Plain {
	return &Plain{A: allocator.New(allocator.Config{})}
}
