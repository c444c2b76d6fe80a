// Package fx runs particle effects on background goroutines, each with its
// own Local. None of its allocators has a frame budget unless said so.
package fx

import (
	"iter"

	"github.com/framealloc/fa/allocator"
)

// Particle is one particle (no pointers).
type Particle struct {
	X, Y, VX, VY float32
	Life         float32
}

// Trail is the recent positions of a particle.
type Trail struct {
	Points [8]Particle
	Next   *Trail
}

// Effect is a running particle effect.
type Effect struct {
	Alive int
	Spawn chan int
}

// Emitters yields emitter ids until stopped.
func Emitters(stop *bool) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; !*stop; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func step(ps []Particle) {
	for i := range ps {
		ps[i].X += ps[i].VX
		ps[i].Life--
	}
}

// Runner holds a Local created by a constructor.
type Runner struct {
	l       *allocator.Local
	running bool
}
