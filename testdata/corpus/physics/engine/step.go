package engine

import (
	"container/heap"

	"example.com/corpus/physics/geom"
	"github.com/framealloc/fa/allocator"
)

// Step advances the world by dt in one frame of its Local.
func (w *World) Step(dt float64) {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	w.stats.Steps++

	info := allocator.Frame[Info](l)
	info.Buf = geom.ContactBuffer(l, 4) //corpus:clean FA601
	w.lastInfo = info                   //corpus:want FA601

	l.WithTag("physics", func() {
		w.broad = allocator.FrameSlice[PairKey](l, len(w.Bodies)) //corpus:want FA601
	})
	w.narrow()
	w.integrate(dt)
	w.keepDeepest()
	w.publish()
	w.touch()
	w.warm()
	w.safeStep(dt)
}

// narrow runs the narrow phase into a frame Info and updates the
// arbiters from it.
func (w *World) narrow() {
	if len(w.Bodies) < 2 {
		return
	}
	info := allocator.Frame[Info](w.local)
	info.Buf = geom.ContactBuffer(w.local, 4) //corpus:clean FA601
	a, b := w.Bodies[0], w.Bodies[1]
	key := PairKey{a.ID, b.ID}
	arb, ok := w.Arbiters[key]
	if !ok {
		arb = &Arbiter{A: a, B: b}
		w.Arbiters[key] = arb //corpus:clean FA601
	}
	w.cacheArbiter(PairKey{b.ID, a.ID})
	info.A, info.B = a, b
	info.N = 2
	arb.Update(info, w) //corpus:want FA601
	arb.Refresh(w, 2)
	arb.Deepest = geom.Deepest(info.Buf) //corpus:want FA601
	w.arbList = append(w.arbList, arb)   //corpus:clean FA601
}

// cacheArbiter caches a frame-allocated arbiter.
func (w *World) cacheArbiter(key PairKey) {
	arb := allocator.Frame[Arbiter](w.local)
	w.Arbiters[key] = arb //corpus:want FA601
}

// integrate moves the bodies; the per-body callback stores frame scratch
// into each body.
func (w *World) integrate(dt float64) {
	w.eachBody(func(b *Body) {
		b.Scratch = allocator.FrameSlice[geom.Vec2](w.local, 2) //corpus:want FA601 //corpus:clean FA602
		b.Pos.X += b.Vel.X * dt
	})
	func() {
		w.stats.Last = allocator.Frame[Info](w.local) //corpus:want FA601
	}()
}

// eachBody calls fn for every body before returning.
func (w *World) eachBody(fn func(b *Body)) {
	for _, b := range w.Bodies {
		fn(b)
	}
}

// keepDeepest queues this step's deepest contacts.
func (w *World) keepDeepest() {
	cs := allocator.FrameSlice[geom.Contact](w.local, 2)
	heap.Push(&w.deepest, &cs[0]) //corpus:want FA601
	w.pending.PushBack(&cs[1])    //corpus:want FA601
}

// publish makes this step's info visible to readers.
func (w *World) publish() {
	info := allocator.Frame[Info](w.local)
	info.N = len(w.Bodies)
	w.latest.Store(info) //corpus:want FA601
}

// touch records the contact between the first two bodies on both.
func (w *World) touch() {
	if len(w.Bodies) < 2 {
		return
	}
	collide(w.local, w.Bodies[0], w.Bodies[1])
}

// collide records a frame contact on a body (a pointer parameter).
func collide(l *allocator.Local, a, b *Body) {
	c := allocator.Frame[geom.Contact](l)
	c.Depth = a.Pos.X - b.Pos.X
	a.Touching = append(a.Touching, c) //corpus:want FA601
}

// warm keeps a clipped view of a frame contact buffer for warm starting.
func (w *World) warm() {
	buf := geom.ContactBuffer(w.local, 8)
	w.warmStart = geom.Clip(buf, 4) //corpus:want FA601
}
