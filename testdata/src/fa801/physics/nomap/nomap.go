// Package nomap is found by its own .fa.toml, which maps nothing.
package nomap

import "github.com/framealloc/fa/allocator"

func step(l *allocator.Local) {
	l.WithTag("collision", func() { _ = allocator.Frame[int](l) })
}
