// Package knownstring has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: "tags.known" must be an array, not a string
package knownstring

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
