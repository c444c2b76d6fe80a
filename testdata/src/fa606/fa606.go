package fa606

import (
	"fmt"

	"example.com/fa606/lib"
	"github.com/framealloc/fa/allocator"
)

type Particle struct {
	X, Y float64
	Next *Particle
}

func (p *Particle) Step() { p.X += p.Y }

// --- positives ---

func loadAfterEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	p.X = 1
	l.EndFrame()
	return p.X // want `FA606: frame value p used after its frame ended at line 23`
}

func storeAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.FrameSlice[int](l, 8)
	l.EndFrameWithPromotions()
	s[0] = 1 // want `FA606: frame value s used after its frame ended`
}

func passAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	v := allocator.Frame[int](l)
	lib.Finish(l)
	fmt.Println(lib.Touch(v)) // want `FA606: frame value v used after its frame ended`
}

func onOnePath(l *allocator.Local, quit bool) {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	if quit {
		l.EndFrame()
	}
	p.Step() // want `FA606: frame value p used after its frame ended`
	if !quit {
		l.EndFrame()
	}
}

func methodValue(l *allocator.Local) {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	step := p.Step
	l.EndFrame()
	step() // want `FA606: frame value p used after its frame ended`
}

func onlyFirstUse(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	l.EndFrame()
	p.X = 2 // want `FA606: frame value p used after its frame ended`
	return p.X + p.Y
}

func scratchAfterScope(a *allocator.Allocator) int {
	s := a.NewScratch("parse", 4096)
	var keep *int
	s.Scope(func(s *allocator.Scratch) {
		keep = allocator.ScratchAlloc[int](s)
		*keep = 3
	})
	return *keep // want `FA606: scratch value keep used after its Scope returned`
}

func receivedThenEnded(l *allocator.Local, h *allocator.TransferHandle[Particle]) float64 {
	l.BeginFrame()
	p := h.Receive(l)
	l.EndFrame()
	return p.X // want `FA606: frame value p used after its frame ended`
}

// --- negatives ---

func frameLoop(l *allocator.Local) {
	for i := 0; i < 10; i++ {
		l.BeginFrame()
		p := allocator.Frame[Particle](l)
		p.X = float64(i)
		p.Step()
		l.EndFrame()
	}
}

func deferredEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	defer l.EndFrame()
	p := allocator.Frame[Particle](l)
	p.Step()
	return p.X
}

func lenAndNil(l *allocator.Local) int {
	l.BeginFrame()
	s := allocator.FrameSlice[int](l, 4)
	p := allocator.Frame[Particle](l)
	l.EndFrame()
	if p == nil {
		return -1
	}
	return len(s) + cap(s)
}

func copiedBeforeEnd(l *allocator.Local) Particle {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	p.X = 4
	out := *p
	l.EndFrame()
	return out
}

func otherLocal(a *allocator.Allocator) float64 {
	l1, l2 := a.NewLocal(), a.NewLocal()
	l1.BeginFrame()
	l2.BeginFrame()
	p := allocator.Frame[Particle](l1)
	l2.EndFrame()
	x := p.X
	l1.EndFrame()
	return x
}

func heapSurvives(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.Heap[Particle](l)
	l.EndFrame()
	return p.X
}

func reallocatedAfterEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	p := allocator.Frame[Particle](l)
	l.EndFrame()
	l.BeginFrame()
	p = allocator.Frame[Particle](l)
	x := p.X
	l.EndFrame()
	return x
}

func deferredClosureAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	p := allocator.Frame[Particle](l)
	defer func() { p.Step() }() // deferred after EndFrame: runs first
}

func scratchInsideScope(a *allocator.Allocator) int {
	s := a.NewScratch("parse", 4096)
	n := 0
	s.Scope(func(s *allocator.Scratch) {
		v := allocator.ScratchAlloc[int](s)
		*v = 3
		n = *v
	})
	return n
}

func tagClosureThenEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	var p *Particle
	l.WithTag("physics", func() { p = allocator.Frame[Particle](l) })
	l.EndFrame()
	return p.X // want `FA606: frame value p used after its frame ended`
}

func tagClosureInsideFrame(l *allocator.Local) float64 {
	l.BeginFrame()
	defer l.EndFrame()
	var p *Particle
	l.WithTag("physics", func() { p = allocator.Frame[Particle](l) })
	return p.X
}

type game struct{ local *allocator.Local }

func (g *game) fieldLocal() int {
	g.local.BeginFrame()
	s := allocator.FrameSlice[int](g.local, 3)
	g.local.EndFrame()
	return s[1] // want `FA606: frame value s used after its frame ended`
}

func genericUse[T any](l *allocator.Local) T {
	l.BeginFrame()
	v := allocator.Frame[T](l)
	l.EndFrame()
	return *v // want `FA606: frame value v used after its frame ended`
}
