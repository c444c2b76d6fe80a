// Package quiet has its own .fa.toml with an empty known list.
package quiet

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physcs", func() { _ = allocator.Frame[int](l) })
}
