// Package game misuses frame memory in every way the fixture's .fa.toml
// has a setting for.
package game

import "example.com/policy/alloc"

var cache *int

// Update stores a frame value in a package-level variable: FA601, denied.
func Update(l *alloc.Local) {
	l.BeginFrame()
	p := alloc.Frame[int](l)
	cache = p
	l.EndFrame()
}

// Use reads a frame value after the frame ended: FA606, an error.
func Use(l *alloc.Local) int {
	l.BeginFrame()
	q := alloc.Frame[int](l)
	l.EndFrame()
	return *q
}

// Fill allocates in a loop inside the frame: FA602, allowed.
func Fill(l *alloc.Local, n int) {
	l.BeginFrame()
	for i := 0; i < n; i++ {
		_ = alloc.Frame[int](l)
	}
	l.EndFrame()
}

// Forever allocates in an unbounded loop that never ends the frame, with
// no budget: FA301 (made a warning) and FA603 (made a hint, dropped).
func Forever(done func() bool) {
	a := alloc.New(alloc.Config{})
	l := a.NewLocal()
	for !done() {
		_ = alloc.Frame[int](l)
	}
}

// Quiet has a suppression comment without a reason: FA001.
func Quiet(l *alloc.Local) {
	l.BeginFrame()
	//fa:ignore FA601
	r := alloc.Heap[int](l)
	_ = r
	l.EndFrame()
}
