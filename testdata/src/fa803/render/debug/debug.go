// Package debug is below render/..., so it is mapped to "rendering".
package debug

import "github.com/framealloc/fa/allocator"

func lines(l *allocator.Local) {
	l.WithTag("rendering/debug", func() { _ = allocator.Frame[int](l) })
	l.WithTag("physics/debug", func() { _ = allocator.Frame[int](l) }) // want `FA803: package example.com/fa803/render/debug allocates under tag "physics", which .fa.toml maps to example.com/fa803/physics/...`
}
