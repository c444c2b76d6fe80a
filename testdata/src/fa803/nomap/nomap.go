// Package nomap uses its own .fa.toml, which maps nothing.
package nomap

import "github.com/framealloc/fa/allocator"

func path(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
