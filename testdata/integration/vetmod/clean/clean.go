// Package clean uses the allocator correctly: fa reports nothing here.
package clean

import "example.com/faintegration/alloc"

// Step allocates in the frame and keeps nothing past EndFrame.
func Step(l *alloc.Local) int {
	l.BeginFrame()
	defer l.EndFrame()
	//fa:ignore FA601 this suppression has a reason, so it is valid
	p := alloc.Frame[int](l)
	*p = 2
	return *p
}
