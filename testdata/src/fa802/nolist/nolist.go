// Package nolist has its own .fa.toml without [tags].known.
package nolist

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("nolist", func() { _ = allocator.Frame[int](l) })
	l.WithTag("other", func() { _ = allocator.Frame[int](l) })
}
