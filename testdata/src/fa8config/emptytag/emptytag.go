// Package emptytag has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: empty tag for "tags.modules.\"example.com/fa8config/...\""
package emptytag

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}

func g(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("physics")).Exit()
	_ = allocator.Frame[int](l)
}
