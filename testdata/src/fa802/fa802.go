// Package fa802 checks tags against [tags].known.
package fa802

import (
	"example.com/fa802/tagnames"
	"github.com/framealloc/fa/allocator"
)

// --- positives ---

func otherPackageConstant(l *allocator.Local) {
	l.WithTag(tagnames.Netwrok, func() { _ = allocator.Frame[int](l) }) // want `FA802: package example.com/fa802 allocates under tag "netwrok", which is not in \[tags\].known of .fa.toml; did you mean "network"\?`
}

func notClose(l *allocator.Local) {
	l.WithTag(tagnames.Chat, func() { _ = allocator.Pool[int](l) }) // want `FA802: .* tag "chat", which is not in \[tags\].known of .fa.toml \(known: physics, rendering, audio, network, ui/hud\)`
}

func constantExpression(l *allocator.Local) {
	l.WithTag("gam"+"eplay", func() { _ = allocator.Heap[int](l) }) // want `FA802: .* tag "gameplay"`
}

func outerUnknown(l *allocator.Local) {
	l.WithTag("ai", func() { // want `FA802: .* tag "ai"`
		l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
	})
}

// "ui/hud" is listed as a whole; "ui" alone is not.
func partialPath(l *allocator.Local) {
	l.WithTag("ui/menu", func() { _ = allocator.Frame[int](l) }) // want `FA802: .* tag "ui"`
}

// --- near misses ---

func known(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
	l.WithTag(tagnames.Physics, func() { _ = allocator.Frame[int](l) })
	l.WithTag("phys"+"ics", func() { _ = allocator.Frame[int](l) })
	l.WithTag("physics/broadphase", func() { _ = allocator.Frame[int](l) })
	l.WithTag("ui/hud", func() { _ = allocator.Frame[int](l) })
}

// Sub-tags of a known module tag are not checked.
func subTags(l *allocator.Local) {
	l.WithTag("audio", func() {
		l.WithTag("mixer", func() { _ = allocator.Frame[int](l) })
	})
}

func nonConstant(l *allocator.Local, tag string) {
	l.WithTag(tag, func() { _ = allocator.Frame[int](l) })
	l.WithTag(tag+"/x", func() { _ = allocator.Frame[int](l) })
}

func noAllocation(l *allocator.Local) {
	l.WithTag("physcs", func() {})
}

func notTags(a *allocator.Allocator, l *allocator.Local) {
	_ = allocator.Frame[int](l)
	l.BeginPhase("physcs")
	_ = allocator.Frame[int](l)
	l.EndPhase()
	s := a.NewScratch("physcs", 64)
	s.Scope(func(s *allocator.Scratch) { _ = allocator.ScratchAlloc[int](s) })
	a.SetTagBudget("physcs", 1024, 2048)
}
