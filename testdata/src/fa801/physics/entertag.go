package physics

import (
	"example.com/fa801/lib"
	"example.com/fa801/tagnames"
	"github.com/framealloc/fa/allocator"
)

// EnterTag regions count exactly like WithTag closures: the tag is the
// name given to the a.Tag call that made the handle.

var (
	alloc        = allocator.New(allocator.Config{})
	collisionTag = alloc.Tag("collision")
	physicsTag   = alloc.Tag(Tag)
)

type sim struct {
	l   *allocator.Local
	tag allocator.Tag
	own allocator.Tag
}

func newSim(a *allocator.Allocator, l *allocator.Local) *sim {
	return &sim{l: l, tag: a.Tag("collision"), own: a.Tag("physics/solver")}
}

// --- positives ---

func enterExit(a *allocator.Allocator, l *allocator.Local) {
	t := a.Tag("collision")
	s := l.EnterTag(t) // want `FA801: package example.com/fa801/physics allocates under tag "collision", but .fa.toml maps it to tag "physics" \(.fa.toml:3\)`
	_ = allocator.FrameSlice[Body](l, 8)
	s.Exit()
}

func deferred(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("collision")).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Frame[Body](l)
}

func packageVariable(l *allocator.Local) {
	defer l.EnterTag(collisionTag).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Pool[Body](l)
}

func (s *sim) field() {
	defer s.l.EnterTag(s.tag).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Heap[Body](s.l)
}

func folded(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag(tagnames.Prefix + "ix")).Exit() // want `FA801: .* under tag "physix",`
	_ = allocator.Frame[Body](l)
}

func handlePath(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("collision/narrow")).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Frame[Body](l)
}

// Helpers called in the region allocate under it.
func helpers(a *allocator.Allocator, l *allocator.Local) {
	s := l.EnterTag(a.Tag("collision")) // want `FA801: .* under tag "collision",`
	_ = lib.Contacts(l, 8)
	s.Exit()
	s = l.EnterTag(a.Tag("solver")) // want `FA801: .* under tag "solver",`
	contacts(l)
	s.Exit()
}

// The handle through an unexported helper's parameter, and one returned
// by a function.
func viaParameter(a *allocator.Allocator, l *allocator.Local) {
	enter(l, a.Tag("collision"))
	enter(l, collisionTag)
	defer l.EnterTag(collision(a)).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Frame[Body](l)
}

func enter(l *allocator.Local, t allocator.Tag) {
	defer l.EnterTag(t).Exit() // want `FA801: .* under tag "collision",`
	_ = allocator.Frame[Body](l)
}

func collision(a *allocator.Allocator) allocator.Tag { return a.Tag("collision") }

// The outermost region is the module tag.
func nestedRegions(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("collision")).Exit() // want `FA801: .* under tag "collision",`
	s := l.EnterTag(physicsTag)
	_ = allocator.Frame[Body](l)
	s.Exit()
}

// A region in a loop, exited each iteration.
func loop(a *allocator.Allocator, l *allocator.Local, n int) {
	t := a.Tag("collision")
	for range n {
		s := l.EnterTag(t) // want `FA801: .* under tag "collision",`
		_ = allocator.Frame[Body](l)
		s.Exit()
	}
}

// --- near misses ---

func ownTagRegions(a *allocator.Allocator, l *allocator.Local, s *sim) {
	defer l.EnterTag(physicsTag).Exit()
	defer l.EnterTag(a.Tag("physics")).Exit()
	defer l.EnterTag(s.own).Exit() // "physics/solver": the module tag is physics
	_ = allocator.Frame[Body](l)
}

// Allocations after Exit are not in the region.
func afterExit(a *allocator.Allocator, l *allocator.Local) {
	s := l.EnterTag(a.Tag("collision"))
	s.Exit()
	_ = allocator.Frame[Body](l)
}

// The region allocates nothing.
func quiet(l *allocator.Local, n *int) {
	defer l.EnterTag(collisionTag).Exit()
	*n++
}

// Regions and WithTag calls nest in one another.
func nestedInRegion(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(physicsTag).Exit()
	s := l.EnterTag(a.Tag("solver"))
	_ = allocator.Frame[Body](l)
	s.Exit()
	l.WithTag("collision", func() { _ = allocator.Frame[Body](l) })
	narrowRegion(a, l)
}

func regionInWithTag(a *allocator.Allocator, l *allocator.Local) {
	l.WithTag(Tag, func() {
		defer l.EnterTag(a.Tag("collision")).Exit()
		_ = allocator.Frame[Body](l)
	})
}

// Called only from inside a physics region: nested.
func narrowRegion(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("narrowphase")).Exit()
	_ = allocator.Frame[Body](l)
}

// A callback run inside a region is nested in it.
func (p *Pipeline) InPhysics(f func()) {
	defer p.l.EnterTag(physicsTag).Exit()
	f()
}

func (p *Pipeline) Regions(a *allocator.Allocator) {
	p.InPhysics(func() {
		defer p.l.EnterTag(a.Tag("solver")).Exit()
		_ = allocator.Frame[Body](p.l)
	})
}

// A handle that is not one constant is not checked.
func NotConstant(a *allocator.Allocator, l *allocator.Local, t allocator.Tag, name string, cond bool) {
	defer l.EnterTag(t).Exit()
	s := l.EnterTag(a.Tag(name))
	_ = allocator.Frame[Body](l)
	s.Exit()
	u := a.Tag("collision")
	if cond {
		u = a.Tag("solver")
	}
	defer l.EnterTag(u).Exit()
	_ = allocator.Frame[Body](l)
}
