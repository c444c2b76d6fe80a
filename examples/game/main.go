// Command game is a small but complete game loop on the frame allocator:
// entities are simulated by the physics package, drawn into a frame-local
// draw list by the render package, and a worker goroutine with its own
// Local receives each frame's draw list through Transfer to compute
// statistics. fa reports no diagnostics on it.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/examples/game/physics"
	"github.com/framealloc/fa/examples/game/render"
)

// batch is what the main loop hands to the worker each frame. It holds
// its draw commands by value: Transfer copies the batch into the worker's
// frame, so it must not point into the sender's frame memory.
type batch struct {
	Frame uint64
	N     int
	Top   [16]render.DrawCmd
}

func main() {
	frames := flag.Int("frames", 600, "frames to simulate")
	entities := flag.Int("entities", 256, "number of entities")
	flag.Parse()

	a := allocator.New(allocator.Config{FrameSize: 1 * allocator.MiB, FrameBudget: 4 * allocator.MiB})
	defer a.Close()

	jobs := make(chan *allocator.TransferHandle[batch], 1)
	results := make(chan float64, 1)
	go statsWorker(a, jobs, results)

	l := a.NewLocal()
	defer l.Close()
	bodies := spawn(*entities)
	total := 0.0
	for i := 0; i < *frames; i++ {
		total += frame(l, bodies, jobs)
		total += <-results
	}
	close(jobs)
	fmt.Printf("simulated %d frames of %d entities, checksum %.3f\n", *frames, *entities, total)
}

// frame runs one frame: physics, draw list, hand-off to the worker.
func frame(l *allocator.Local, bodies []physics.Body, jobs chan<- *allocator.TransferHandle[batch]) float64 {
	l.BeginFrame()
	defer l.EndFrame()
	contacts := physics.Step(l, bodies, 1.0/60)
	cmds := render.BuildDrawList(l, bodies)
	b := allocator.Frame[batch](l)
	b.Frame = l.FrameNumber()
	b.N = copy(b.Top[:], cmds)
	sum := render.Checksum(cmds) + float64(contacts)
	jobs <- allocator.Transfer(l, b)
	return sum
}

// statsWorker owns its own Local; every batch it receives is copied into
// its frame and dies with it.
func statsWorker(a *allocator.Allocator, jobs <-chan *allocator.TransferHandle[batch], results chan<- float64) {
	l := a.NewLocal()
	defer l.Close()
	l.SetFrameBudget(1 * allocator.MiB)
	for h := range jobs {
		l.BeginFrame()
		b := h.Receive(l)
		maxY := 0.0
		for _, c := range b.Top[:b.N] {
			maxY = max(maxY, c.Y)
		}
		l.EndFrame()
		results <- maxY
	}
}

func spawn(n int) []physics.Body {
	r := rand.New(rand.NewPCG(1, 2))
	bodies := make([]physics.Body, n)
	for i := range bodies {
		bodies[i] = physics.Body{X: r.Float64() * 100, Y: r.Float64() * 100, VX: r.NormFloat64(), VY: r.NormFloat64(), Radius: 1 + r.Float64()*3}
	}
	return bodies
}
