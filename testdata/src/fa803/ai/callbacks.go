package ai

import "github.com/framealloc/fa/allocator"

// A WithTag whose closure is a parameter allocates when a callback the
// package passes to it does.

// inPhysics runs f under the physics tag.
func inPhysics(l *allocator.Local, f func()) {
	l.WithTag("physics", f) // want `FA803: package example.com/fa803/ai allocates under tag "physics",`
}

// inRendering is only given callbacks that allocate nothing.
func inRendering(l *allocator.Local, f func()) {
	l.WithTag("rendering", f)
}

func plan(l *allocator.Local) {
	inPhysics(l, func() { _ = allocator.Frame[Node](l) })
	n := 0
	inRendering(l, func() { n++ })
}

// --- near misses: nested through a callback under the package's own tag ---

type brain struct{ l *allocator.Local }

func (b *brain) think(f func()) { b.l.WithTag("ai", f) }

func (b *brain) Plan() {
	b.think(func() {
		b.l.WithTag("physics", func() { _ = allocator.Frame[Node](b.l) })
	})
	b.think(b.render)
}

func (b *brain) render() {
	b.l.WithTag("rendering", func() { _ = allocator.Frame[Node](b.l) })
}
