// Package game calls into the other packages and allocates under no tag of
// its own.
package game

import (
	"example.com/initcfg/physics"
	"example.com/initcfg/render"
	"github.com/framealloc/fa/allocator"
)

func Frame(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	physics.Step(l)
	render.Draw(l)
}
