// Package barepattern has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: invalid TOML: expected '.' or '=', but got '/' instead (after key "tags.modules")
package barepattern

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
