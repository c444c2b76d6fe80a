package main

import (
	"iter"

	"github.com/framealloc/fa/allocator"
)

// Glyph is one rendered character of a label.
type Glyph struct {
	R    rune
	Next *Glyph
}

// All yields every entity of the world.
func (w *World) All() iter.Seq[*Entity] {
	return func(yield func(*Entity) bool) {
		for _, e := range w.entities {
			if !yield(e) {
				return
			}
		}
	}
}

// runLoops drives the game's loops.
func runLoops(a *allocator.Allocator) {
	l := a.NewLocal()
	defer l.Close()
	w := NewWorld(a)
	steerAll(l, w)
	frameLoopWithInner(l, w, 3)
	thinkTagged(l, w)
	for _, e := range spawnWave(l, 4) {
		allocator.PoolFree(l, e) //corpus:clean FA204
	}
	lanes(l)
	labelAll(l, w)
	glyphs(l, "score")
	scoreAll(l, w)
	framesViaHelpers(l, w, 3)
	taggedFrames(l, w, 3)
	keys := make(chan int, 1)
	keys <- 1
	attractMode(l, keys)
	quit := make(chan struct{})
	close(quit)
	w.RunUntil(quit)
	w.RunSteps(quit)
	replay(l, w)
	endOnly(l, w, 3)
}

// endOnly ends a frame per iteration without beginning one (allocations
// outside BeginFrame live until the next EndFrame): not the frame loop.
func endOnly(l *allocator.Local, w *World, frames int) {
	l.SetFrameBudget(64 * allocator.KiB)
	for f := 0; f < frames; f++ {
		v := allocator.FrameSlice[Vec2](l, len(w.entities)) //corpus:want FA602 //corpus:clean FA603 FA301
		v[0].X = float64(f)
		l.EndFrame()
	}
}

// steerAll computes a steering vector per entity.
func steerAll(l *allocator.Local, w *World) {
	l.BeginFrame()
	for _, e := range w.entities {
		s := allocator.Frame[Vec2](l) //corpus:want FA602 //corpus:clean FA301 FA603
		s.X = -e.Pos.X
		e.Vel = *s
	}
	l.EndFrame()
}

// frameLoopWithInner runs frames whose bodies allocate a path per entity.
func frameLoopWithInner(l *allocator.Local, w *World, frames int) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		order := allocator.FrameSlice[int](l, len(w.entities)) //corpus:clean FA602 FA301 FA603
		for i := range order {
			path := allocator.FrameSlice[Vec2](l, 4) //corpus:want FA602
			path[0] = w.entities[i].Pos
			order[i] = i
		}
		l.EndFrame()
	}
}

// thinkTagged runs each entity's AI under the ai tag.
func thinkTagged(l *allocator.Local, w *World) {
	l.BeginFrame()
	for _, e := range w.entities {
		l.WithTag("ai", func() {
			plan := allocator.Frame[Vec2](l) //corpus:want FA602
			plan.X = e.Pos.X
		})
	}
	l.EndFrame()
}

// spawnWave takes a wave of entities from the pool.
func spawnWave(l *allocator.Local, n int) []*Entity {
	wave := make([]*Entity, 0, n) //corpus:clean FA602
	for i := 0; i < n; i++ {
		wave = append(wave, allocator.Pool[Entity](l)) //corpus:want FA602 //corpus:clean FA603
	}
	return wave
}

// lanes fills one buffer per render lane.
func lanes(l *allocator.Local) {
	l.BeginFrame()
	for lane := range 4 {
		b := allocator.FrameBytes(l, 32) //corpus:want FA602
		b[0] = byte(lane)
	}
	l.EndFrame()
}

// labelAll builds a label buffer for each named entity.
func labelAll(l *allocator.Local, w *World) {
	l.BeginFrame()
	defer l.EndFrame()
	for _, e := range w.byID {
		buf, err := allocator.TryFrameSlice[byte](l, len(e.Name)) //corpus:want FA602 //corpus:clean FA302
		if err != nil {
			return
		}
		copy(buf, e.Name)
	}
}

// glyphs lays out a string, one heap glyph per rune.
func glyphs(l *allocator.Local, s string) *Glyph {
	var head *Glyph
	for _, r := range s {
		g := allocator.Heap[Glyph](l) //corpus:want FA602
		g.R, g.Next = r, head
		head = g
	}
	return head
}

// score returns a score computed with frame scratch.
func score(l *allocator.Local, e *Entity) int {
	v := allocator.Frame[Vec2](l)
	*v = e.Pos
	return int(v.X + v.Y)
}

// scoreAll scores every entity through a helper (not flagged) and a func
// literal called at once (a function of its own).
func scoreAll(l *allocator.Local, w *World) {
	l.BeginFrame()
	total := 0
	for _, e := range w.entities {
		total += score(l, e) //corpus:clean FA602
		func() {
			v := allocator.Frame[Vec2](l) //corpus:clean FA602 FA701
			total += int(v.X)
		}()
	}
	extra := allocator.Frame[Vec2](l) //corpus:clean FA602
	extra.X = float64(total)
	w.score += int(extra.X)
	l.EndFrame()
}

func beginStep(l *allocator.Local) { l.BeginFrame() }

func endStep(l *allocator.Local) { l.EndFrame() }

// framesViaHelpers is a frame loop whose boundaries are in helpers.
func framesViaHelpers(l *allocator.Local, w *World, frames int) {
	for f := 0; f < frames; f++ {
		beginStep(l)
		forces := allocator.FrameSlice[Vec2](l, len(w.entities)) //corpus:clean FA602
		forces[0].X = float64(f)
		endStep(l)
	}
}

// taggedFrames allocates under a tag inside the frame loop.
func taggedFrames(l *allocator.Local, w *World, frames int) {
	for f := range frames {
		l.BeginFrame()
		l.WithTag("render", func() {
			quad := allocator.FrameSlice[Vec2](l, 4) //corpus:clean FA602
			quad[0].X = float64(f)
		})
		l.EndFrame()
	}
}

// attractMode animates the title screen until a key is pressed, inside one
// frame that is only ended after the loop.
func attractMode(l *allocator.Local, keys <-chan int) {
	l.SetFrameBudget(256 * allocator.KiB)
	l.BeginFrame()
	for len(keys) == 0 {
		demo := allocator.Frame[Vec2](l) //corpus:want FA603 FA602 //corpus:clean FA301
		demo.X++
	}
	l.EndFrame()
}

// RunUntil is the game loop: one frame per iteration until quit. The
// world's Local comes from NewWorld with the budgeted Config of main.
func (w *World) RunUntil(quit <-chan struct{}) {
	l := w.local
	for {
		select {
		case <-quit:
			return
		default:
		}
		l.BeginFrame()
		dt := allocator.Frame[float64](l) //corpus:clean FA301 FA602 FA603
		*dt = 1.0 / 60
		w.integrate(*dt)
		l.EndFrame()
	}
}

// RunSteps is RunUntil that forgets to end its frames: each iteration
// begins a frame (BeginFrame panics the second time).
func (w *World) RunSteps(quit <-chan struct{}) {
	l := w.local
	l.SetFrameBudget(2 * allocator.MiB)
	for {
		select {
		case <-quit:
			return
		default:
		}
		l.BeginFrame()
		dt := allocator.Frame[float64](l) //corpus:want FA603 FA602 //corpus:clean FA301
		w.integrate(*dt)
	}
}

// replay walks the entities with an iterator inside one frame that ends
// after the loop.
func replay(l *allocator.Local, w *World) {
	l.SetFrameBudget(64 * allocator.KiB)
	l.BeginFrame()
	for e := range w.All() {
		ghost := allocator.Frame[Entity](l) //corpus:want FA603 FA602 //corpus:clean FA301
		ghost.Pos = e.Pos
	}
	l.EndFrame()
}
