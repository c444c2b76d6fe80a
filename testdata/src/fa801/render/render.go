// Package render is mapped to "rendering".
package render

import "github.com/framealloc/fa/allocator"

// Tag is the render module's tag.
const Tag = "rendering"

func Draw(l *allocator.Local) {
	l.WithTag(Tag, func() { _ = allocator.FrameSlice[float32](l, 64) })
}

func wrongTag(l *allocator.Local) {
	l.WithTag("draw", func() { _ = allocator.FrameSlice[float32](l, 64) }) // want `FA801: package example.com/fa801/render allocates under tag "draw", but .fa.toml maps it to tag "rendering" \(.fa.toml:4\)`
}
