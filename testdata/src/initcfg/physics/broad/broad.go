// Package broad allocates under "physics/broad".
package broad

import "github.com/framealloc/fa/allocator"

func Pairs(l *allocator.Local) {
	l.WithTag("physics/broad", func() { _ = allocator.FrameSlice[int](l, 8) })
}
