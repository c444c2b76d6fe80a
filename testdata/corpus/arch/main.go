// Command arch runs one frame of every subsystem of the game.
package main

import (
	"example.com/corpus/arch/ai"
	"example.com/corpus/arch/physics"
	"example.com/corpus/arch/physics/broad"
	"example.com/corpus/arch/render"
	"example.com/corpus/arch/render/ui"
	"example.com/corpus/arch/tools"
	"github.com/framealloc/fa/allocator"
)

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	l := a.NewLocal()
	l.BeginFrame()
	physics.NewPipeline(l).Step(4)
	broad.Pairs(l, 4)
	render.Draw(l, 4)
	ui.Draw(l)
	_ = ai.Think(a, l, 4, "planner")
	tools.Profile(a, l, "frame")
	l.EndFrame()
}
