// Package fa206 uses one Local from two goroutines (FA206): a Local is not
// safe for concurrent use.
package fa206

import "github.com/framealloc/fa/allocator"

// Enemy is updated every frame.
type Enemy struct{ HP int }

func ai(l *allocator.Local) {
	l.SetFrameBudget(64 * allocator.KiB)
	for {
		l.BeginFrame()
		_ = allocator.Frame[Enemy](l)
		l.EndFrame()
	}
}

// Run starts the AI goroutine and the render loop.
func Run(a *allocator.Allocator) {
	l := a.NewLocal()
	go ai(l) // FA206: the render loop below keeps using l
	for {
		l.BeginFrame()
		_ = allocator.FrameSlice[Enemy](l, 16)
		l.EndFrame()
	}
}
