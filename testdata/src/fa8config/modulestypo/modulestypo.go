// Package modulestypo has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:4: unknown key "tags.module"
package modulestypo

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
