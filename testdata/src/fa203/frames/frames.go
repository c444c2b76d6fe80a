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
