// Package sub is below physics/..., so it is mapped to "physics" too.
package sub

import "github.com/framealloc/fa/allocator"

func step(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
	l.WithTag("collision", func() { _ = allocator.Frame[int](l) }) // want `FA801: package example.com/fa801/physics/sub allocates under tag "collision", but .fa.toml maps it to tag "physics"`
}
