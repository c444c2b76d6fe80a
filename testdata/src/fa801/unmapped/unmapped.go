// Package unmapped is in no [tags.modules] entry: allocating under a tag
// that belongs to no package is not FA801.
package unmapped

import "github.com/framealloc/fa/allocator"

func any(l *allocator.Local) {
	l.WithTag("collision", func() { _ = allocator.Frame[int](l) })
	l.WithTag("Physics", func() { _ = allocator.Frame[int](l) })
}
