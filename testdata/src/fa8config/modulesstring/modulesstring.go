// Package modulesstring has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: "tags.modules" must be a table of package pattern = tag
package modulesstring

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
