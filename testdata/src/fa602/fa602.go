package fa602

import (
	"iter"

	"example.com/fa602/helpers"
	"github.com/framealloc/fa/allocator"
)

type Particle struct{ X, Y, VX, VY float32 }

type Entity struct {
	ID  int
	Pos *Particle
}

type World struct {
	local    *allocator.Local
	entities []Entity
}

func use(any) {}

// --- positives ---

func perEntity(l *allocator.Local, es []Entity) {
	for i := range es {
		es[i].Pos = allocator.Frame[Particle](l) // want `FA602: allocator.Frame\[Particle\]\(l\) allocates on every iteration of the range over a slice at line \d+, which is not the frame loop`
	}
}

func threeClause(l *allocator.Local, n int) {
	for i := 0; i < n; i++ {
		buf := allocator.FrameSlice[float32](l, 16) // want `FA602: allocator.FrameSlice\[float32\]\(l, 16\) allocates on every iteration of the 3-clause for loop`
		use(buf)
	}
}

func poolInLoop(l *allocator.Local, n int) {
	for range n {
		p := allocator.Pool[Particle](l) // want `FA602: allocator.Pool\[Particle\]\(l\) allocates on every iteration of the range over an integer`
		allocator.PoolFree(l, p)
	}
}

func heapInCondLoop(l *allocator.Local, more func() bool) {
	for more() {
		use(allocator.Heap[Particle](l)) // want `FA602: allocator.Heap\[Particle\]\(l\) allocates on every iteration of the for-condition loop`
	}
}

func tryInLoop(l *allocator.Local, n int) error {
	for i := 0; i < n; i++ {
		p, err := allocator.TryFrame[Particle](l) // want `FA602: allocator.TryFrame\[Particle\]\(l\) allocates`
		if err != nil {
			return err
		}
		use(p)
	}
	return nil
}

// The innermost loop counts: a bounded loop inside the frame loop is not
// the frame loop.
func nestedInFrameLoop(l *allocator.Local, frames int, es []Entity) {
	for range frames {
		l.BeginFrame()
		for _, e := range es {
			e.Pos = allocator.Frame[Particle](l) // want `FA602: allocator.Frame\[Particle\]\(l\) allocates on every iteration of the range over a slice`
		}
		l.EndFrame()
	}
}

// A WithTag closure belongs to the loop it sits in.
func withTagInLoop(l *allocator.Local, es []Entity) {
	for i := range es {
		l.WithTag("physics", func() {
			es[i].Pos = allocator.Frame[Particle](l) // want `FA602: allocator.Frame\[Particle\]\(l\) allocates on every iteration of the range over a slice`
		})
	}
}

// A loop inside a func literal is a loop of that literal.
func loopInLiteral(l *allocator.Local, n int) func() {
	return func() {
		for range n {
			use(allocator.FrameBytes(l, 64)) // want `FA602: allocator.FrameBytes\(l, 64\) allocates on every iteration of the range over an integer`
		}
	}
}

func retainedInMapLoop(l *allocator.Local, m map[int]*Particle) {
	for k := range m {
		m[k] = allocator.FrameRetained[Particle](l, allocator.PromoteToHeap) // want `FA602: allocator.FrameRetained\[Particle\]\(\.\.\.\) allocates on every iteration of the range over a map`
	}
}

func scratchInLoop(a *allocator.Allocator, n int) {
	s := a.NewScratch("tmp", 4096)
	s.Scope(func(s *allocator.Scratch) {
		for range n {
			use(allocator.ScratchAlloc[Particle](s)) // want `FA602: allocator.ScratchAlloc\[Particle\]\(s\) allocates on every iteration`
		}
	})
}

func rangeOverFunc(l *allocator.Local, seq iter.Seq[int]) {
	for range seq {
		use(allocator.Frame[Particle](l)) // want `FA602: allocator.Frame\[Particle\]\(l\) allocates on every iteration of the range over an iterator`
	}
}

func generic[T any](l *allocator.Local, xs []T) {
	for range xs {
		use(allocator.Frame[T](l)) // want `FA602: allocator.Frame\[T\]\(l\) allocates on every iteration of the range over a slice`
	}
}

// A loop that only begins frames is not the frame loop.
func onlyBegins(l *allocator.Local, n int) {
	for range n {
		l.BeginFrame()
		use(allocator.Frame[Particle](l)) // want `FA602: allocator.Frame\[Particle\]\(l\) allocates`
	}
	l.EndFrame()
}

// --- negatives ---

// The frame loop itself.
func frameLoop(l *allocator.Local, running func() bool) {
	for running() {
		l.BeginFrame()
		p := allocator.Frame[Particle](l)
		buf := allocator.FrameSlice[int](l, 8)
		use(p)
		use(buf)
		l.EndFrame()
	}
}

// The frame loop with a deferred EndFrame inside a func literal called at
// once.
func frameLoopLiteral(l *allocator.Local, n int) {
	for range n {
		func() {
			l.BeginFrame()
			defer l.EndFrame()
			use(allocator.Frame[Particle](l))
		}()
	}
}

// The frame loop through helpers in another package, ended with
// EndFrameWithPromotions.
func frameLoopHelpers(l *allocator.Local, n int) {
	for i := 0; i < n; i++ {
		helpers.Begin(l)
		use(allocator.Frame[Particle](l))
		helpers.End(l)
	}
	for {
		l.BeginFrame()
		use(allocator.Pool[Particle](l))
		use(l.EndFrameWithPromotions())
	}
}

// A WithTag closure inside the frame loop belongs to the frame loop.
func withTagInFrameLoop(w *World, frames int) {
	for range frames {
		w.local.BeginFrame()
		w.local.WithTag("physics", func() {
			for i := range w.entities {
				use(i)
			}
			use(allocator.Frame[Particle](w.local))
		})
		w.local.EndFrame()
	}
}

// Allocating once before the loop, in the loop's init statement or in its
// range expression.
func beforeLoop(l *allocator.Local, es []Entity) {
	buf := allocator.FrameSlice[Particle](l, len(es))
	for i := range es {
		es[i].Pos = &buf[i]
	}
	for p := allocator.Frame[Particle](l); p.X < 10; p.X++ {
		use(p)
	}
	for range allocator.FrameSlice[int](l, 4) {
		use(nil)
	}
}

// An allocating helper called in a loop is not reported (intraprocedural).
func helperInLoop(l *allocator.Local, n int) {
	for range n {
		use(helpers.Scratch(l, 32))
		use(local(l))
	}
}

func local(l *allocator.Local) *Particle { return allocator.Frame[Particle](l) }

// A goroutine started in a loop is a function of its own.
func goInLoop(l *allocator.Local, n int) {
	for range n {
		go func() {
			use(allocator.Heap[Particle](l))
		}()
	}
}

// A func literal called in a loop is a function of its own.
func literalInLoop(l *allocator.Local, n int) {
	alloc := func() *Particle { return allocator.Frame[Particle](l) }
	for range n {
		use(alloc())
	}
}

// Transfer and Receive are not allocations.
func transferInLoop(l, l2 *allocator.Local, ps []*Particle) {
	for _, p := range ps {
		h := allocator.Transfer(l, p)
		use(h.Receive(l2))
	}
}

// Code that does not use the allocator.
func plainLoop(n int) []*Particle {
	var out []*Particle
	for range n {
		out = append(out, new(Particle))
	}
	return out
}

// FrameAppend grows a frame slice in a loop: not an allocating call of
// FA602.
func appendInLoop(l *allocator.Local, xs []int) int {
	var out []int
	for _, x := range xs {
		out = allocator.FrameAppend(l, out, x)
	}
	return len(out)
}
