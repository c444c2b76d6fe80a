// Package fa302 ignores the error of a Try* allocation (FA302): when the
// budget is exceeded the particle buffer is nil.
package fa302

import "github.com/framealloc/fa/allocator"

// Particle is one particle.
type Particle struct{ X, Y, VX, VY float32 }

// Emit allocates n particles from the frame budget.
func Emit(l *allocator.Local, n int) []Particle {
	ps, _ := allocator.TryFrameSlice[Particle](l, n) // FA302: the error is discarded
	for i := range ps {
		ps[i].VY = 1
	}
	return ps
}
