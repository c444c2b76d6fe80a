// Package ai is in no [tags.modules] entry.
package ai

import (
	"example.com/fa803/physics"
	"example.com/fa803/tagnames"
	"github.com/framealloc/fa/allocator"
)

type Node struct{ X, Y int }

// --- positives: an unmapped package allocating under a mapped tag ---

func path(l *allocator.Local) {
	l.WithTag(tagnames.Physics, func() { _ = allocator.FrameSlice[Node](l, 32) }) // want `FA803: package example.com/fa803/ai allocates under tag "physics", which .fa.toml maps to example.com/fa803/physics/... \(.fa.toml:6\); the package itself is mapped to no tag`
}

func path2(l *allocator.Local) {
	l.WithTag("physics/ai", func() { _ = allocator.Frame[Node](l) }) // want `FA803: package example.com/fa803/ai allocates under tag "physics",`
	l.WithTag("rendering", func() {                                  // want `FA803: package example.com/fa803/ai allocates under tag "rendering",`
		l.WithTag("ai", func() { _ = allocator.Pool[Node](l) })
	})
}

// --- near misses ---

func ownTags(l *allocator.Local, tag string) {
	l.WithTag("ai", func() { _ = allocator.Frame[Node](l) })      // a tag no package owns
	l.WithTag("Physics", func() { _ = allocator.Frame[Node](l) }) // tags are case-sensitive
	l.WithTag(tag, func() { _ = allocator.Frame[Node](l) })       // not constant
	l.WithTag("physics", func() { _ = len(tag) })                 // allocates nothing
	l.WithTag("ai", func() { physics.Step(l) })                   // physics allocates under its own tag
	l.WithTag("ai", func() {                                      // the module tag is "ai"
		l.WithTag(tagnames.Physics, func() { _ = allocator.Frame[Node](l) })
	})
}

func notTags(a *allocator.Allocator, l *allocator.Local) {
	_ = allocator.Frame[Node](l)
	l.BeginPhase("physics")
	_ = allocator.Frame[Node](l)
	l.EndPhase()
	s := a.NewScratch("rendering", 4096)
	s.Scope(func(s *allocator.Scratch) { _ = allocator.ScratchAlloc[Node](s) })
}
