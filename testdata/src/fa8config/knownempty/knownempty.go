// Package knownempty has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: empty tag in "tags.known"
package knownempty

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
