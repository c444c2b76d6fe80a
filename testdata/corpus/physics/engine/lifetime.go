package engine

import (
	"fmt"

	"example.com/corpus/physics/geom"
	"github.com/framealloc/fa/allocator"
)

// Manifold is a contact manifold the engine may keep for debugging.
type Manifold struct {
	Contacts [4]geom.Contact
	N        int
	Owner    *Body
}

// StepMany runs frames, comparing each step's contacts with the previous
// step's: the previous buffer is stale a step later.
func (w *World) StepMany(frames int) {
	l := w.local
	var prev []geom.Contact
	var prevInfo *Info
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		cur := geom.ContactBuffer(l, 4)
		if len(prev) > 0 { //corpus:clean FA606
			cur[0].Depth = prev[0].Depth //corpus:want FA606
		}
		if prevInfo != nil { //corpus:clean FA606
			fmt.Println(prevInfo.N) //corpus:want FA606
		}
		prev = cur
		prevInfo = allocator.Frame[Info](l) //corpus:clean FA602
		l.EndFrame()
	}
}

// StepManyCopied keeps the previous step's contacts by copy.
func (w *World) StepManyCopied(frames int) {
	l := w.local
	prev := make([]geom.Contact, 4)
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		cur := geom.ContactBuffer(l, 4)
		cur[0].Depth = prev[0].Depth //corpus:clean FA606
		copy(prev, cur)              //corpus:clean FA606
		l.EndFrame()
	}
}

// DebugManifold returns the deepest contact of a step, read after the step.
func (w *World) DebugManifold() float64 {
	l := w.local
	l.BeginFrame()
	m := allocator.FrameRetained[Manifold](l, allocator.PromoteToPool) //corpus:want FA604
	m.N = 1
	deepest := geom.Deepest(m.Contacts[:m.N])
	l.EndFrame()
	return deepest.Depth //corpus:want FA606
}

// DebugManifoldKept collects the promoted manifold and reads the copy.
func (w *World) DebugManifoldKept() int {
	l := w.local
	l.BeginFrame()
	m := allocator.FrameRetained[Manifold](l, allocator.PromoteToPool) //corpus:clean FA604
	m.N = 3
	n := m.N
	proms := l.EndFrameWithPromotions()
	for _, p := range proms {
		if kept, ok := p.Value.(*Manifold); ok {
			n = kept.N                  //corpus:clean FA606
			allocator.PoolFree(l, kept) //corpus:clean FA204
		}
	}
	return n //corpus:clean FA606
}

// Sleep parks resting bodies; the parked copies are Discard frame values.
func (w *World) Sleep() {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	b := allocator.FrameRetained[Body](l, allocator.Discard)
	b.ID = len(w.sleepers)
	w.sleepers = append(w.sleepers, b) //corpus:want FA605 //corpus:clean FA601
	w.resting[b.ID] = b                //corpus:want FA605 //corpus:clean FA601
	m := allocator.FrameRetained[Manifold](l, allocator.Discard)
	w.warmStart = m.Contacts[:m.N]       //corpus:want FA605 //corpus:clean FA601
	w.stats.Deepest = m.Contacts[0]      //corpus:clean FA605 FA601
	w.handoff = allocator.Transfer(l, b) //corpus:clean FA605 FA601
	keep := []*Body{b}
	keep = append(keep, b) //corpus:clean FA605 FA601
	m.Owner = b            //corpus:clean FA605 FA601
	fmt.Println(len(keep))
}

// TransferSleepers hands a frame manifold to another Local by Transfer:
// the handle outlives the frame.
func (w *World) TransferSleepers(other *allocator.Local) *Manifold {
	l := w.local
	l.BeginFrame()
	m := allocator.Frame[Manifold](l)
	m.N = 2
	h := allocator.Transfer(l, m)
	l.EndFrame()
	return h.Receive(other) //corpus:clean FA606 FA601
}
