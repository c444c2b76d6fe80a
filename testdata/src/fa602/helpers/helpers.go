// Package helpers begins, ends and allocates frames for callers in
// another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Begin begins a frame of l.
func Begin(l *allocator.Local) { l.BeginFrame() }

// End ends the frame of l.
func End(l *allocator.Local) { l.EndFrame() }

// Scratch allocates a frame buffer: a helper called in a loop is not
// reported at the call (FA602 is intraprocedural).
func Scratch(l *allocator.Local, n int) []byte { return allocator.FrameBytes(l, n) }
