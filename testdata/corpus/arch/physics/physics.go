// Package physics is the physics subsystem (tag "physics").
package physics

import (
	"example.com/corpus/arch/tags"
	"github.com/framealloc/fa/allocator"
)

// Body is a rigid body.
type Body struct{ X, Y, VX, VY float64 }

// Pipeline runs the physics stages.
type Pipeline struct {
	l *allocator.Local
}

// Stage runs stage under the physics tag.
func (p *Pipeline) Stage(stage func()) {
	p.l.WithTag("physics", stage) //corpus:clean FA801 FA802 FA803
}

// Step runs one physics step.
func (p *Pipeline) Step(n int) {
	l := p.l
	l.WithTag("physics", func() { //corpus:clean FA801 FA802 FA803
		bodies := allocator.FrameSlice[Body](l, n)
		bodies[0].X = 1
	})
	l.WithTag(tags.Physics, func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Body](l).VX = 2
	})
	l.WithTag("physics", func() { //corpus:clean FA801 FA802 FA803
		l.WithTag("broadphase", func() { //corpus:clean FA801 FA802 FA803
			allocator.FrameSlice[Body](l, n)[0].Y = 3
		})
	})
	p.Stage(func() {
		l.WithTag("solver", func() { //corpus:clean FA801 FA802 FA803
			allocator.Frame[Body](l).VY = 4
		})
	})
	l.WithTag(tags.Audio, func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.Frame[Body](l).X = 5
	})
	l.WithTag("ai", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Pool[Body](l).X = 6
	})
}

// NewPipeline returns a pipeline allocating from l.
func NewPipeline(l *allocator.Local) *Pipeline { return &Pipeline{l: l} }
