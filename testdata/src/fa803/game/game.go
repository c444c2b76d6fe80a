// Package game is mapped to "game" (exactly this package).
package game

import (
	"example.com/fa803/physics"
	"github.com/framealloc/fa/allocator"
)

func frame(l *allocator.Local) {
	l.WithTag("game", func() { _ = allocator.Frame[int](l) })
	// Calling into the physics module is how game gets physics work done.
	physics.Step(l)
	l.WithTag("game", func() { physics.Step(l) })
	l.WithTag("rendering", func() { _ = allocator.Frame[int](l) }) // want `FA803: package example.com/fa803/game allocates under tag "rendering", which .fa.toml maps to example.com/fa803/render/.*; its own tag is "game"`
	// A tag no package is mapped to is FA801 tag-mismatch, not FA803.
	l.WithTag("hud", func() { _ = allocator.Frame[int](l) })
}
