package fa701

import "github.com/framealloc/fa/allocator"

// A Local reached through a field of a struct the literal captures is
// that Local.

type holder struct {
	l *allocator.Local
}

// --- positives ---

func capturedStructField(a *allocator.Allocator) {
	h := &holder{l: a.NewLocal()}
	go func() {
		use(allocator.Frame[Particle](h.l)) // want `FA701: allocator.Frame\[Particle\]\(h.l\) allocates from h.l, .*started with go`
	}()
}

func capturedStructValueField(l *allocator.Local) {
	h := holder{l: l}
	go func() {
		use(allocator.FrameBytes(h.l, 8)) // want `FA701: allocator.FrameBytes\(h.l, 8\) allocates from h.l, .*started with go`
	}()
}

// --- negatives ---

func ownStructField(a *allocator.Allocator) {
	go func() {
		h := &holder{l: a.NewLocal()}
		use(allocator.Frame[Particle](h.l)) // the literal's own Local
	}()
}

func syncStructField(l *allocator.Local) {
	h := &holder{l: l}
	func() {
		use(allocator.Frame[Particle](h.l)) // runs where it is made
	}()
}
