package physics

import "github.com/framealloc/fa/allocator"

// Tag nesting through func values and interfaces: a WithTag call in a
// callback the package runs inside another WithTag call is nested.

// Pipeline runs stages under the physics tag.
type Pipeline struct {
	l      *allocator.Local
	stages []func()
	steps  []stepper
}

// Stage runs stage under the physics tag: the callback is the closure.
func (p *Pipeline) Stage(stage func()) {
	p.l.WithTag("physics", stage)
}

// Around runs stage inside a WithTag closure.
func (p *Pipeline) Around(stage func()) {
	p.l.WithTag(Tag, func() { stage() })
}

// Twice passes the callback on to Stage.
func (p *Pipeline) Twice(stage func()) {
	p.forward(stage)
	p.forward(stage)
}

func (p *Pipeline) forward(stage func()) { p.Stage(stage) }

// Add keeps a stage; RunAll runs the kept stages under the physics tag.
func (p *Pipeline) Add(stage func()) { p.stages = append(p.stages, stage) }

func (p *Pipeline) RunAll() {
	p.l.WithTag(Tag, func() {
		for _, s := range p.stages {
			s()
		}
	})
}

// stepper is run through an interface inside the physics tag.
type stepper interface{ Step() }

type solver struct{ l *allocator.Local }

// Step is exported, but its type is not: only this package calls it.
func (s solver) Step() {
	s.l.WithTag("solver", func() { _ = allocator.Frame[Body](s.l) })
}

type joints struct{ l *allocator.Local }

func (j *joints) Step() {
	j.l.WithTag("joints", func() { _ = allocator.Frame[Body](j.l) })
}

func (p *Pipeline) StepAll() {
	p.l.WithTag(Tag, func() {
		for _, s := range p.steps {
			s.Step()
		}
	})
}

// --- near misses: nested through callbacks ---

func (p *Pipeline) Callbacks() {
	l := p.l
	p.Stage(func() {
		l.WithTag("solver", func() { _ = allocator.Frame[Body](l) })
	})
	p.Around(func() {
		l.WithTag("solver", func() { _ = allocator.Frame[Body](l) })
	})
	p.Twice(func() {
		l.WithTag("solver", func() { _ = allocator.Frame[Body](l) })
	})
	f := func() {
		l.WithTag("solver", func() { _ = allocator.Frame[Body](l) })
	}
	var g func()
	if l.FrameNumber() > 0 {
		g = f
	} else {
		g = func() { l.WithTag("joints", func() { _ = allocator.Frame[Body](l) }) }
	}
	p.Stage(g)
	p.Add(func() {
		l.WithTag("contacts", func() { _ = allocator.Frame[Body](l) })
	})
	p.steps = append(p.steps, solver{l}, &joints{l})
	p.Stage(p.integrateLater)
}

func (p *Pipeline) integrateLater() {
	p.l.WithTag("integrate", func() { _ = allocator.Frame[Body](p.l) })
}

// --- positives: callbacks that may run untagged ---

// each runs its callback with no tag in force.
func each(n int, f func(int)) {
	for i := range n {
		f(i)
	}
}

func Untagged(l *allocator.Local) {
	each(2, func(int) {
		l.WithTag("collision", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "collision",`
	})
}

// both runs the callback under the tag and once without.
func both(l *allocator.Local, f func()) {
	l.WithTag(Tag, f)
	f()
}

func Both(l *allocator.Local) {
	both(l, func() {
		l.WithTag("solver", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "solver",`
	})
}

// A goroutine started inside a WithTag closure does not run under it.
func Spawned(l *allocator.Local) {
	l.WithTag(Tag, func() {
		go func() {
			l.WithTag("async", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "async",`
		}()
	})
}

// A method also called outside any tag is outermost.
type cloth struct{ l *allocator.Local }

func (c cloth) Step() {
	c.l.WithTag("cloth", func() { _ = allocator.Frame[Body](c.l) }) // want `FA801: .* under tag "cloth",`
}

func Cloth(p *Pipeline, c cloth) {
	p.steps = append(p.steps, c)
	c.Step()
}

// The closure is a parameter: the callbacks passed to it decide whether
// it allocates.
func Wrap(l *allocator.Local, f func()) {
	l.WithTag("wrapped", f) // want `FA801: .* under tag "wrapped",`
}

func Wrapped(l *allocator.Local) {
	Wrap(l, func() { _ = allocator.Frame[Body](l) })
}

func WrapNothing(l *allocator.Local, f func()) {
	l.WithTag("wrapped", f) // only given closures that allocate nothing
}

func WrappedNothing(l *allocator.Local) {
	n := 0
	WrapNothing(l, func() { n++ })
}

// Func values kept in fields run where the field is called.
type hooks struct {
	onStep func()
	onHit  func(int)
}

func (p *Pipeline) hooked(h *hooks) {
	p.l.WithTag(Tag, func() { h.onStep() })
}

// Hit calls the hit hook with no tag in force.
func (p *Pipeline) Hit(h *hooks) { h.onHit(1) }

func (p *Pipeline) Hooks() {
	l := p.l
	h := &hooks{
		onStep: func() {
			l.WithTag("hooked", func() { _ = allocator.Frame[Body](l) })
		},
		onHit: func(int) {
			l.WithTag("hit", func() { _ = allocator.Frame[Body](l) }) // want `FA801: .* under tag "hit",`
		},
	}
	p.hooked(h)
	p.Hit(h)
}
