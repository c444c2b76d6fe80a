// Package fa701 allocates frame memory from the caller's Local inside a
// goroutine (FA701): the goroutine should create its own Local.
package fa701

import "github.com/framealloc/fa/allocator"

// Mesh is a generated mesh.
type Mesh struct{ Vertices []float32 }

// BuildAsync builds a mesh on another goroutine.
func BuildAsync(l *allocator.Local, n int, done chan<- int) {
	go func() {
		m := allocator.Frame[Mesh](l) // FA701: frame allocation from a captured Local in a goroutine
		m.Vertices = make([]float32, n)
		done <- len(m.Vertices)
	}()
}
