// Package gen is excluded by the fixture's .fa.toml.
package gen

import "example.com/policy/alloc"

// Use reads a frame value after the frame ended: FA606, excluded.
func Use(l *alloc.Local) int {
	l.BeginFrame()
	q := alloc.Frame[int](l)
	l.EndFrame()
	return *q
}
