package emit

import (
	"iter"

	"example.com/corpus/particles/fx"
	"github.com/framealloc/fa/allocator"
)

// Burst emits particles until the effect dies, all in one frame that ends
// after the loop.
func Burst(l *allocator.Local, e *fx.Effect) {
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	for e.Alive > 0 {
		ps := allocator.FrameSlice[fx.Particle](l, 8) //corpus:want FA603 FA602 //corpus:clean FA301
		step(ps)
		e.Alive--
	}
	l.EndFrame()
}

// Stream emits a burst per request and never ends a frame.
func Stream(l *allocator.Local, spawn <-chan int) {
	l.SetFrameBudget(64 * allocator.KiB)
	for n := range spawn {
		ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:want FA603 FA602 //corpus:clean FA301
		step(ps)
	}
}

// Restart begins a frame per iteration and forgets to end it.
func Restart(l *allocator.Local, done func() bool) {
	l.SetFrameBudget(64 * allocator.KiB)
	for {
		l.BeginFrame()
		buf := allocator.FrameBytes(l, 64) //corpus:want FA603 FA602 //corpus:clean FA301
		buf[0] = 1
		if done() {
			break
		}
	}
}

// EachEmitter emits for every emitter of the iterator in one frame.
func EachEmitter(l *allocator.Local, ids iter.Seq[int]) {
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	for id := range ids {
		ps := allocator.FrameSlice[fx.Particle](l, id) //corpus:want FA603 FA602 //corpus:clean FA301
		step(ps)
	}
	l.EndFrame()
}

// TryUntilFull allocates trails until the budget refuses one, in one frame.
func TryUntilFull(l *allocator.Local, e *fx.Effect) int {
	l.BeginFrame()
	defer l.EndFrame()
	n := 0
	for e.Alive > 0 {
		t, err := allocator.TryFrame[fx.Trail](l) //corpus:want FA603 FA602 //corpus:clean FA301 FA302
		if err != nil {
			break
		}
		t.Points[0].Life = 1
		n++
	}
	return n
}

// KeepDiscarded takes Discard trails in one frame until the effect dies.
func KeepDiscarded(l *allocator.Local, e *fx.Effect) {
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	for e.Alive > 0 {
		t := allocator.FrameRetained[fx.Trail](l, allocator.Discard) //corpus:want FA603 FA602 //corpus:clean FA301 FA604
		t.Points[0].Life = float32(e.Alive)
		e.Alive--
	}
	l.EndFrame()
}

// Tagged emits under the particles tag in one frame per effect.
func Tagged(l *allocator.Local, e *fx.Effect) {
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	for e.Alive > 0 {
		l.WithTag("particles", func() {
			ps := allocator.FrameSlice[fx.Particle](l, 4) //corpus:want FA603 FA602 //corpus:clean FA301
			step(ps)
		})
		e.Alive--
	}
	l.EndFrame()
}

// Listen emits from a select loop that never ends a frame.
func Listen(l *allocator.Local, spawn <-chan int, quit <-chan struct{}) {
	l.SetFrameBudget(64 * allocator.KiB)
	for {
		select {
		case n := <-spawn:
			ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:want FA603 FA602 //corpus:clean FA301
			step(ps)
		case <-quit:
			return
		}
	}
}

func endBurst(l *allocator.Local) { l.EndFrame() }

func beginBurst(l *allocator.Local) { l.BeginFrame() }

// ViaHelpers ends each iteration's frame in a helper.
func ViaHelpers(l *allocator.Local, spawn <-chan int) {
	l.SetFrameBudget(64 * allocator.KiB)
	for n := range spawn {
		beginBurst(l)
		ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:clean FA603 FA602 FA301
		step(ps)
		endBurst(l)
	}
}

// Promoting ends each frame with promotions.
func Promoting(l *allocator.Local, spawn <-chan int) int {
	l.SetFrameBudget(64 * allocator.KiB)
	kept := 0
	for n := range spawn {
		l.BeginFrame()
		ps := allocator.FrameSlice[fx.Particle](l, n) //corpus:clean FA603 FA602 FA301
		step(ps)
		kept += len(l.EndFrameWithPromotions())
	}
	return kept
}

// Spark is a spark the replay may keep.
type Spark struct {
	P    fx.Particle
	Heat float32
}

// Sparks promotes its sparks to the pool but ends frames with EndFrame.
func Sparks(l *allocator.Local, frames int) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		s := allocator.FrameRetained[Spark](l, allocator.PromoteToPool) //corpus:want FA604 //corpus:clean FA602
		s.Heat = float32(f)
		l.EndFrame()
	}
}

// FixedBurst emits a fixed number of bursts in one frame: bounded.
func FixedBurst(l *allocator.Local) {
	l.BeginFrame()
	for i := 0; i < 16; i++ {
		ps := allocator.FrameSlice[fx.Particle](l, 4) //corpus:clean FA603 FA301 //corpus:want FA602
		step(ps)
	}
	l.EndFrame()
}

// PoolTrails keeps pooled trails from an unbounded loop: not frame memory.
func PoolTrails(l *allocator.Local, e *fx.Effect) []*fx.Trail {
	l.SetPoolBudget(64 * allocator.KiB)
	var out []*fx.Trail
	l.BeginFrame()
	for e.Alive > 0 {
		out = append(out, allocator.Pool[fx.Trail](l)) //corpus:clean FA603 FA301 //corpus:want FA602
		e.Alive--
	}
	l.EndFrame()
	return out
}
