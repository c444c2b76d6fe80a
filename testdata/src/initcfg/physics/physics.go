// Package physics allocates under "physics" only, with sub-tags.
package physics

import "github.com/framealloc/fa/allocator"

// Tag is the physics tag.
const Tag = "physics"

func Step(l *allocator.Local) {
	l.WithTag(Tag, func() {
		l.WithTag("broadphase", func() { _ = allocator.Frame[int](l) })
	})
}
