// Package relpattern has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: bad package pattern "./physics/..." in "tags.modules": use an import path (example.com/game/physics/...), not a relative directory
package relpattern

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
