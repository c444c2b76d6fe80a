package fa606

import "github.com/framealloc/fa/allocator"

// A frame value kept in a variable across a frame boundary: set in one
// iteration of a frame loop, used in the next.

func previousFrame(l *allocator.Local, n int) float64 {
	var prev *Particle
	sum := 0.0
	for i := 0; i < n; i++ {
		l.BeginFrame()
		cur := allocator.Frame[Particle](l)
		cur.X = float64(i)
		if prev != nil {
			sum += prev.X // want `FA606: frame value cur used after its frame ended`
		}
		prev = cur
		l.EndFrame()
	}
	return sum
}

func previousSlice(l *allocator.Local, frames chan int) int {
	var last []int
	total := 0
	for n := range frames {
		l.BeginFrame()
		if len(last) > 0 {
			total += last[0] // want `FA606: frame value s used after its frame ended`
		}
		s := allocator.FrameSlice[int](l, n)
		last = s
		l.EndFrame()
	}
	return total
}

// The variable is captured (kept in memory, not in a register).
func previousCaptured(l *allocator.Local, n int) float64 {
	var prev *Particle
	read := func() float64 { return 0 }
	sum := 0.0
	for i := 0; i < n; i++ {
		l.BeginFrame()
		cur := allocator.Frame[Particle](l)
		if prev != nil {
			sum += prev.X // want `FA606: frame value cur used after its frame ended`
		}
		prev = cur
		l.EndFrame()
	}
	_ = func() { prev = nil }
	return sum + read()
}

// --- negatives ---

// The variable is reassigned before it is used in each frame.
func resetEachFrame(l *allocator.Local, n int) float64 {
	var cur *Particle
	sum := 0.0
	for i := 0; i < n; i++ {
		l.BeginFrame()
		cur = allocator.Frame[Particle](l)
		cur.X = float64(i)
		sum += cur.X
		l.EndFrame()
	}
	return sum
}

// The value is used only in the frame it was allocated in, and the
// variable is cleared before the frame ends.
func clearedBeforeEnd(l *allocator.Local, n int) float64 {
	var prev *Particle
	sum := 0.0
	for i := 0; i < n; i++ {
		l.BeginFrame()
		if prev != nil {
			sum += prev.X
		}
		prev = allocator.Frame[Particle](l)
		prev.X = 1
		sum += prev.X
		prev = nil
		l.EndFrame()
	}
	return sum
}

// Keeping a heap copy across frames is fine.
func copyAcross(l *allocator.Local, n int) float64 {
	var prev Particle
	sum := 0.0
	for i := 0; i < n; i++ {
		l.BeginFrame()
		cur := allocator.Frame[Particle](l)
		cur.X = float64(i)
		sum += prev.X
		prev = *cur
		l.EndFrame()
	}
	return sum
}

// A promoted value's frame original is gone after EndFrame: use the copy.
func promotedOriginal(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.FrameRetained[Particle](l, allocator.PromoteToHeap)
	p.X = 1
	proms := l.EndFrameWithPromotions()
	_ = proms
	return p.X // want `FA606: frame value p used after its frame ended`
}

func promotedCopy(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.FrameRetained[Particle](l, allocator.PromoteToPool)
	p.X = 1
	x := 0.0
	for _, pr := range l.EndFrameWithPromotions() {
		if c, ok := pr.Value.(*Particle); ok {
			x += c.X
			allocator.PoolFree(l, c)
		}
	}
	return x
}

// Leak values live on the heap.
func leaked(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.FrameRetained[Particle](l, allocator.Leak)
	l.EndFrame()
	return p.X
}

// FrameAppend's result dies with the frame.
func appendedAfterEnd(l *allocator.Local, xs []Particle) float64 {
	l.BeginFrame()
	var ps []Particle
	for _, x := range xs {
		ps = allocator.FrameAppend(l, ps, x)
	}
	l.EndFrame()
	return ps[0].X // want `FA606: frame value ps used after its frame ended`
}
