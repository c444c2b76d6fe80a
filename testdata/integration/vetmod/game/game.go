// Package game misuses frame memory.
package game

import "example.com/faintegration/alloc"

var cache *int

// Update stores a frame value in a package-level variable.
func Update(l *alloc.Local) {
	l.BeginFrame()
	p := alloc.Frame[int](l)
	*p = 1
	cache = p
	l.EndFrame()
}

// Use reads a frame value after the frame ended.
func Use(l *alloc.Local) int {
	l.BeginFrame()
	q := alloc.Frame[int](l)
	l.EndFrame()
	return *q
}

// Quiet has a suppression comment without a reason.
func Quiet(l *alloc.Local) {
	l.BeginFrame()
	//fa:ignore FA601
	r := alloc.Heap[int](l)
	_ = r
	l.EndFrame()
}
