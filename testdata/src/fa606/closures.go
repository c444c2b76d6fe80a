package fa606

import "github.com/framealloc/fa/allocator"

// Calling a func literal uses what it captured.

func closureCalledAfterEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	c := allocator.FrameSlice[Particle](l, 4)
	get := func() float64 { return c[0].X }
	l.EndFrame()
	return get() // want `FA606: frame value c used after its frame ended at line 11`
}

func closureCalledInAndAfter(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	get := func() float64 { return p.X }
	p.Y = get()
	l.EndFrame()
	return get() // want `FA606: frame value p used after its frame ended at line 20`
}

// --- negatives ---

func closureCalledInFrame(l *allocator.Local) float64 {
	l.BeginFrame()
	defer l.EndFrame()
	c := allocator.FrameSlice[Particle](l, 4)
	get := func() float64 { return c[0].X }
	return get()
}

func closureOverPointerFree(l *allocator.Local) float64 {
	l.BeginFrame()
	c := allocator.FrameSlice[Particle](l, 4)
	x := c[0].X
	get := func() float64 { return x }
	l.EndFrame()
	return get()
}

func closureOverNextFrame(l *allocator.Local) float64 {
	l.BeginFrame()
	l.EndFrame()
	l.BeginFrame()
	defer l.EndFrame()
	c := allocator.FrameSlice[Particle](l, 4)
	get := func() float64 { return c[0].X }
	return get()
}
