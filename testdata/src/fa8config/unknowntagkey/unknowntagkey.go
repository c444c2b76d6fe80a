// Package unknowntagkey has a broken .fa.toml next to it; every check fails with
//
// want config: .fa.toml:2: unknown key "tags.knwon"
package unknowntagkey

import "github.com/framealloc/fa/allocator"

func f(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
}
