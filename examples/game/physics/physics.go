// Package physics advances the simulation by one step. All scratch data of
// a step (contact lists, broad-phase cells) lives in the frame arena and
// dies with the frame.
package physics

import "github.com/framealloc/fa/allocator"

// Tag attributes physics allocations (see .fa.toml [tags.modules]).
const Tag = "physics"

// Body is a simulated body.
type Body struct {
	X, Y   float64
	VX, VY float64
	Radius float64
}

// Contact is a pair of overlapping bodies found in one step.
type Contact struct {
	A, B  int
	Depth float64
}

// Step integrates the bodies and resolves overlaps. It returns the number
// of contacts found; the contact list itself is frame memory and never
// leaves the function.
func Step(l *allocator.Local, bodies []Body, dt float64) int {
	n := 0
	l.WithTag(Tag, func() {
		for i := range bodies {
			b := &bodies[i]
			b.X += b.VX * dt
			b.Y += b.VY * dt
			if b.Y < 0 {
				b.Y, b.VY = 0, -b.VY*0.8
			}
		}
		contacts := broadPhase(l, bodies)
		for _, c := range contacts {
			a, b := &bodies[c.A], &bodies[c.B]
			a.VX, b.VX = b.VX, a.VX
		}
		n = len(contacts)
	})
	return n
}

// broadPhase returns the overlapping pairs, a list grown in l's frame
// with FrameAppend.
func broadPhase(l *allocator.Local, bodies []Body) []Contact {
	var contacts []Contact
	for i := range bodies {
		for j := i + 1; j < len(bodies); j++ {
			dx, dy := bodies[i].X-bodies[j].X, bodies[i].Y-bodies[j].Y
			r := bodies[i].Radius + bodies[j].Radius
			if d2 := dx*dx + dy*dy; d2 < r*r {
				contacts = allocator.FrameAppend(l, contacts, Contact{A: i, B: j, Depth: r*r - d2})
			}
		}
	}
	return contacts
}
