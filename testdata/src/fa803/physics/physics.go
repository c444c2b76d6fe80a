// Package physics is mapped to "physics".
package physics

import (
	"example.com/fa803/tagnames"
	"github.com/framealloc/fa/allocator"
)

// Step allocates under its own tag.
func Step(l *allocator.Local) {
	l.WithTag(tagnames.Physics, func() { _ = allocator.FrameSlice[float64](l, 16) })
}

// debugDraw does the render module's allocating.
func debugDraw(l *allocator.Local) {
	l.WithTag(tagnames.Rendering, func() { _ = allocator.FrameSlice[float32](l, 16) }) // want `FA803: package example.com/fa803/physics allocates under tag "rendering", which .fa.toml maps to example.com/fa803/render/... \(.fa.toml:7\); its own tag is "physics"`
}
