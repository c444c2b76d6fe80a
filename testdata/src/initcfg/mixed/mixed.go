// Package mixed allocates under two tags: no mapping is proposed.
package mixed

import (
	"example.com/initcfg/physics"
	"github.com/framealloc/fa/allocator"
)

func Think(l *allocator.Local, tag string) {
	l.WithTag("ai", func() { _ = allocator.Frame[int](l) })
	l.WithTag("audio", func() { _ = allocator.Frame[int](l) })
	l.WithTag("ai", func() { physics.Step(l) })
	l.WithTag(tag, func() { _ = allocator.Frame[int](l) }) // not constant
}
