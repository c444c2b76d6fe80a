// Command physics runs the engine for a few hundred steps.
package main

import (
	"fmt"

	"example.com/corpus/physics/engine"
	"github.com/framealloc/fa/allocator"
)

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 8 * allocator.MiB})
	w := engine.NewWorld(a, 16)
	for step := 0; step < 300; step++ {
		w.Step(1.0 / 60)
	}
	w.StepMany(3)
	w.StepManyCopied(3)
	fmt.Println(w.DebugManifold(), w.DebugManifoldKept())
	w.Sleep()
	other := a.NewLocal()
	defer other.Close()
	other.BeginFrame()
	m := w.TransferSleepers(other)
	fmt.Println(m.N)
	other.EndFrame()
}
