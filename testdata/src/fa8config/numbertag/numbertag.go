// Package numbertag has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: value of "tags.modules.\"example.com/fa8config/...\"" must be a tag string; quote package patterns that contain dots, e.g. "example.com/game/physics/..." = "physics"
package numbertag

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
