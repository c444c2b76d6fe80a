// Package geom holds the geometry helpers of the physics engine; some
// return frame memory of the Local they are given.
package geom

import "github.com/framealloc/fa/allocator"

// Vec2 is a 2D vector.
type Vec2 struct{ X, Y float64 }

// Contact is one contact point between two bodies (no pointers).
type Contact struct {
	Pos, Normal Vec2
	Depth       float64
	Feature     uint32
}

// ContactBuffer returns a frame buffer for n contacts.
func ContactBuffer(l *allocator.Local, n int) []Contact {
	return allocator.FrameSlice[Contact](l, n)
}

// Clip keeps the first n contacts of cs (a sub-slice of cs).
func Clip(cs []Contact, n int) []Contact {
	if n > len(cs) {
		n = len(cs)
	}
	return cs[:n]
}

// CloneContacts returns a heap copy of cs.
func CloneContacts(cs []Contact) []Contact {
	out := make([]Contact, len(cs))
	copy(out, cs)
	return out
}

// Deepest returns the deepest contact of cs, or nil.
func Deepest(cs []Contact) *Contact {
	var best *Contact
	for i := range cs {
		if best == nil || cs[i].Depth > best.Depth {
			best = &cs[i]
		}
	}
	return best
}
