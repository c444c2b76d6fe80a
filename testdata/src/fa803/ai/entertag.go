package ai

import "github.com/framealloc/fa/allocator"

// EnterTag regions of an unmapped package.

type planner struct {
	l       *allocator.Local
	physics allocator.Tag
}

func newPlanner(a *allocator.Allocator, l *allocator.Local) *planner {
	return &planner{l: l, physics: a.Tag("physics")}
}

// --- positives ---

func (p *planner) steer() {
	defer p.l.EnterTag(p.physics).Exit() // want `FA803: package example.com/fa803/ai allocates under tag "physics", which .fa.toml maps to example.com/fa803/physics/... \(.fa.toml:6\); the package itself is mapped to no tag`
	_ = allocator.Frame[Node](p.l)
}

func drawPath(a *allocator.Allocator, l *allocator.Local) {
	s := l.EnterTag(a.Tag("rendering/debug")) // want `FA803: .* under tag "rendering",`
	_ = allocator.FrameSlice[Node](l, 4)
	s.Exit()
}

// --- near misses ---

func (p *planner) own(a *allocator.Allocator) {
	defer p.l.EnterTag(a.Tag("ai")).Exit()
	s := p.l.EnterTag(p.physics) // nested in "ai"
	_ = allocator.Frame[Node](p.l)
	s.Exit()
}

func (p *planner) noAllocation() {
	defer p.l.EnterTag(p.physics).Exit()
}
