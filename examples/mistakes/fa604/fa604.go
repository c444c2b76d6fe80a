// Package fa604 retains frame values with PromoteToPool but ends its
// frames with a plain EndFrame, so the promotions are never collected
// (FA604).
package fa604

import "github.com/framealloc/fa/allocator"

// Enemy is a spawned enemy.
type Enemy struct{ HP int }

// Tick spawns an enemy that should survive the frame, and registers it.
func Tick(l *allocator.Local, spawn func(hp int)) {
	l.BeginFrame()
	e := allocator.FrameRetained[Enemy](l, allocator.PromoteToPool) // FA604: promotions never collected
	e.HP = 100
	spawn(e.HP)
	l.EndFrame()
}
