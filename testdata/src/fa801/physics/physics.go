// Package physics is mapped to "physics" (.fa.toml: physics/...).
package physics

import (
	"example.com/fa801/lib"
	"example.com/fa801/tagnames"
	"github.com/framealloc/fa/allocator"
)

// Tag is the package's own tag.
const Tag = "physics"

type Body struct{ X, Y float64 }

// --- positives ---

func literal(l *allocator.Local) {
	l.WithTag("collision", func() { // want `FA801: package example.com/fa801/physics allocates under tag "collision", but .fa.toml maps it to tag "physics" \(.fa.toml:3\)`
		_ = allocator.FrameSlice[Body](l, 8)
	})
}

func otherPackageConstant(l *allocator.Local) {
	l.WithTag(tagnames.Audio, func() { _ = allocator.Pool[Body](l) }) // want `FA801: .* under tag "audio", but .fa.toml maps it to tag "physics"`
}

func typedConstant(l *allocator.Local) {
	l.WithTag(string(tagnames.Collision), func() { _ = allocator.Heap[Body](l) }) // want `FA801: .* under tag "collision"`
}

func constantExpression(l *allocator.Local) {
	l.WithTag(tagnames.Prefix+"ix", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "physix"`
}

func caseSensitive(l *allocator.Local) {
	l.WithTag("Physics", func() { _ = allocator.FrameBytes(l, 64) }) // want `FA801: .* under tag "Physics", but .fa.toml maps it to tag "physics"`
}

// The first segment of a constant path is the module tag.
func pathFirstSegment(l *allocator.Local) {
	l.WithTag("collision/narrow", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "collision",`
}

// The outermost tag is the module tag: reported at the outer call.
func nestedOuter(l *allocator.Local) {
	l.WithTag("collision", func() { // want `FA801: .* under tag "collision",`
		l.WithTag(Tag, func() { _ = allocator.Frame[Body](l) })
	})
}

// An allocating helper of another package counts (its facts say so).
func helperAllocates(l *allocator.Local) {
	l.WithTag("collision", func() { // want `FA801: .* under tag "collision",`
		_ = lib.Contacts(l, 8)
	})
}

// A declared function as the closure.
func namedClosure(l *allocator.Local) {
	l.WithTag("collision", func() { contacts(l) }) // want `FA801: .* under tag "collision",`
	l.WithTag("solver", noop)
	w := &world{l: l}
	l.WithTag("solver", w.solve) // want `FA801: .* under tag "solver",`
}

func noop() {}

func contacts(l *allocator.Local) { _ = allocator.FrameSlice[int](l, 4) }

type world struct{ l *allocator.Local }

func (w *world) solve() { _, _ = allocator.TryFrame[Body](w.l) }

// An exported function may be called untagged: its WithTag is outermost.
func Broad(l *allocator.Local) {
	l.WithTag("broadphase", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "broadphase",`
}

// --- near misses ---

func ownTag(l *allocator.Local) {
	l.WithTag("physics", func() { _ = allocator.Frame[Body](l) })
	l.WithTag(Tag, func() { _ = allocator.Frame[Body](l) })
	l.WithTag(tagnames.Physics, func() { _ = allocator.Frame[Body](l) })
	l.WithTag(tagnames.Prefix+"ics", func() { _ = allocator.Frame[Body](l) })
	l.WithTag("physics/broadphase", func() { _ = allocator.Frame[Body](l) })
}

// Nested tags below the module tag are a path, not module tags.
func nestedInner(l *allocator.Local) {
	l.WithTag(Tag, func() {
		l.WithTag("collision", func() { _ = allocator.Frame[Body](l) })
		l.WithTag("solver", func() {
			l.WithTag("audio", func() { _ = allocator.Frame[Body](l) })
		})
	})
}

// An unexported helper only ever called inside tagged closures runs
// nested: its WithTag extends its callers' path.
func step(l *allocator.Local, w *world) {
	l.WithTag(Tag, func() {
		narrow(l)
		w.integrate()
		defer narrow(l)
	})
	l.WithTag(Tag, w.integrate)
}

func narrow(l *allocator.Local) {
	l.WithTag("narrowphase", func() { _ = allocator.Frame[Body](l) })
}

func (w *world) integrate() {
	w.l.WithTag("integrate", func() { _ = allocator.Frame[Body](w.l) })
}

// The tag of a closure that allocates nothing does not matter.
func noAllocation(l *allocator.Local) {
	n := 0
	l.WithTag("collision", func() { n = lib.Sum([]int{1, 2}) })
	l.WithTag("collision", func() {})
	_ = n
}

// Non-constant tags are not checked.
func nonConstant(l *allocator.Local, tag string) {
	l.WithTag(tag, func() { _ = allocator.Frame[Body](l) })
	t := "collision"
	l.WithTag(t, func() { _ = allocator.Frame[Body](l) })
	l.WithTag(tag, func() {
		l.WithTag("collision", func() { _ = allocator.Frame[Body](l) })
	})
}

// Untagged allocations, phase names and scratch names are not tags.
func notTags(a *allocator.Allocator, l *allocator.Local) {
	_ = allocator.Frame[Body](l)
	l.BeginPhase("collision")
	_ = allocator.Frame[Body](l)
	l.EndPhase()
	s := a.NewScratch("collision", 1024)
	s.Scope(func(s *allocator.Scratch) { _ = allocator.ScratchAlloc[Body](s) })
}

// A tag that .fa.toml maps to another package is FA803, not FA801.
func otherModule(l *allocator.Local) {
	l.WithTag("rendering", func() { _ = allocator.Frame[Body](l) })
}
