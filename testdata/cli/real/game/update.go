// Package game stores a frame value in a package-level variable.
package game

import "github.com/framealloc/fa/allocator"

// Vec is a 2D vector.
type Vec struct{ X, Y float64 }

var cache *Vec

// Update runs one frame.
func Update(l *allocator.Local) {
	l.BeginFrame()
	p := allocator.Frame[Vec](l)
	cache = p
	l.EndFrame()
}
