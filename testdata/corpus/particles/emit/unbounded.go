// Package emit emits particles from unbounded loops: until an effect dies,
// for every spawn request on a channel, for every emitter of an iterator.
package emit

import (
	"iter"

	"example.com/corpus/particles/fx"
	"github.com/framealloc/fa/allocator"
)

// Emitter is a particle emitter with a Local of its own.
type Emitter struct {
	l       *allocator.Local
	running bool
}

// NewEmitter creates an emitter on an allocator without budgets.
func NewEmitter() *Emitter {
	a := allocator.New(allocator.Config{})
	return &Emitter{l: a.NewLocal(), running: true}
}

// Fountain emits a burst per spawn request from a Local of its own.
type Fountain struct {
	l *allocator.Local
}

// NewFountain creates a fountain whose Local has a frame budget.
func NewFountain(a *allocator.Allocator) *Fountain {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	return &Fountain{l: l}
}

// NewConfiguredFountain creates a fountain on a budgeted allocator.
func NewConfiguredFountain() *Fountain {
	a := allocator.New(allocator.Config{FrameBudget: 128 * allocator.KiB})
	return &Fountain{l: a.NewLocal()}
}

func step(ps []fx.Particle) {
	for i := range ps {
		ps[i].Life--
	}
}

// Forever runs frames until the process exits.
func Forever() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, 128) //corpus:want FA301 //corpus:clean FA602 FA603
		step(ps)
		l.EndFrame()
	}
}

// UntilDead takes pooled trails while the effect lives.
func UntilDead(e *fx.Effect) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for e.Alive > 0 {
		t := allocator.Pool[fx.Trail](l) //corpus:want FA301 FA602 //corpus:clean FA603
		t.Points[0].Life = float32(e.Alive)
		e.Alive--
	}
}

// PerRequest allocates a heap trail per spawn request.
func PerRequest(spawn <-chan int) []*fx.Trail {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	var out []*fx.Trail
	for n := range spawn {
		t := allocator.Heap[fx.Trail](l) //corpus:want FA301 FA602 //corpus:clean FA603
		t.Points[0].X = float32(n)
		out = append(out, t)
	}
	return out
}

// PerRequestPooled takes and frees a pooled trail per request.
func PerRequestPooled(spawn <-chan int) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for n := range spawn {
		t := allocator.Pool[fx.Trail](l) //corpus:want FA301 FA602 //corpus:clean FA603
		t.Points[0].X = float32(n)
		allocator.PoolFree(l, t) //corpus:clean FA204
	}
}

// PerEmitter runs a frame per emitter of the iterator.
func PerEmitter(ids iter.Seq[int]) {
	a := allocator.New(allocator.Config{FrameSize: 32 * allocator.KiB})
	l := a.NewLocal()
	for id := range ids {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, id) //corpus:want FA301 //corpus:clean FA602 FA603
		step(ps)
		l.EndFrame()
	}
}

// TryForever ignores the budget error, so nothing bounds the loop.
func TryForever(spawn <-chan int) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for n := range spawn {
		l.BeginFrame()
		ps, _ := allocator.TryFrameSlice[fx.Particle](l, n) //corpus:want FA301 FA302 //corpus:clean FA602
		step(ps)
		l.EndFrame()
	}
}

// OtherBudgeted budgets a Local it does not allocate from.
func OtherBudgeted(stop *bool) {
	a := allocator.New(allocator.Config{})
	spare := a.NewLocal()
	spare.SetFrameBudget(64 * allocator.KiB)
	l := a.NewLocal()
	for !*stop {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, 32) //corpus:want FA301 //corpus:clean FA602 FA603
		step(ps)
		l.EndFrame()
	}
}

// Run is the loop of an emitter whose constructor set no budget.
func (e *Emitter) Run() {
	for e.running {
		e.l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](e.l, 64) //corpus:want FA301 //corpus:clean FA602 FA603
		step(ps)
		e.l.EndFrame()
	}
}

// Drain runs a frame per spawn request; both constructors budget the
// fountain's Local.
func (f *Fountain) Drain(spawn <-chan int) {
	for n := range spawn {
		f.l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](f.l, n) //corpus:clean FA301 FA602 FA603
		step(ps)
		f.l.EndFrame()
	}
}

// The functions below have budget guards.

// Guarded sets the frame budget of the Local it loops on.
func Guarded(stop *bool) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.SetFrameBudget(256 * allocator.KiB)
	for !*stop {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, 32) //corpus:clean FA301 FA602 FA603
		step(ps)
		l.EndFrame()
	}
}

// Configured loops on a Local of a budgeted allocator.
func Configured(spawn <-chan int) {
	a := allocator.New(allocator.Config{FrameBudget: 256 * allocator.KiB, PoolBudget: 256 * allocator.KiB})
	l := a.NewLocal()
	for n := range spawn {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:clean FA301 FA602 FA603
		step(ps)
		l.EndFrame()
	}
}

// Checked loops on TryFrameSlice and stops at the budget error.
func Checked(spawn <-chan int) error {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for n := range spawn {
		l.BeginFrame()
		ps, err := allocator.TryFrameSlice[fx.Particle](l, n) //corpus:clean FA301 FA302 FA602
		if err != nil {
			l.EndFrame()
			return err
		}
		step(ps)
		l.EndFrame()
	}
	return nil
}

// PooledGuarded takes pooled trails under a pool budget.
func PooledGuarded(e *fx.Effect) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.SetPoolBudget(64 * allocator.KiB)
	for e.Alive > 0 {
		t := allocator.Pool[fx.Trail](l) //corpus:clean FA301 FA603 //corpus:want FA602
		t.Points[0].Life = 1
		e.Alive--
		allocator.PoolFree(l, t)
	}
}

// Bounded loops a fixed number of frames.
func Bounded(frames int, sizes []int) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, 16) //corpus:clean FA301 FA602
		step(ps)
		l.EndFrame()
	}
	for _, n := range sizes {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:clean FA301 FA602
		step(ps)
		l.EndFrame()
	}
	for range 8 {
		l.BeginFrame()
		allocator.FrameBytes(l, 64) //corpus:clean FA301 FA602
		l.EndFrame()
	}
}

// Relay forwards frame trails to another Local with Transfer and Receive,
// which do not allocate.
func Relay(in <-chan *allocator.TransferHandle[fx.Trail], out chan<- fx.Particle) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.BeginFrame()
	for h := range in { //corpus:clean FA702
		t := h.Receive(l) //corpus:clean FA301 FA602 FA603
		out <- t.Points[0]
	}
	l.EndFrame()
}
