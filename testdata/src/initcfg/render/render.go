// Package render allocates under "rendering", in its external tests too.
package render

import "github.com/framealloc/fa/allocator"

func Draw(l *allocator.Local) {
	l.WithTag("rendering", func() { _ = allocator.Frame[int](l) })
}
