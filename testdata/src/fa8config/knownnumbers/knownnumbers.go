// Package knownnumbers has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: "tags.known" must be an array of strings (element 1 is int64)
package knownnumbers

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
