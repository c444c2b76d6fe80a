package main

import (
	"fmt"

	"github.com/framealloc/fa/allocator"
)

// Highlight is a moment of a frame the replay system may keep.
type Highlight struct {
	Frame int
	Pos   Vec2
	Who   *Entity
}

// keepPolicy is how replay highlights are kept.
const keepPolicy = allocator.PromoteToHeap

// lastHighlight is the highlight shown on the pause screen.
var lastHighlight *Highlight

// runRetention exercises retained frame allocations.
func runRetention(a *allocator.Allocator) {
	l := a.NewLocal()
	defer l.Close()
	w := NewWorld(a)
	recordHighlights(l, w, 3)
	recordDeferred(l)
	recordDropped(l)
	recordBlank(l)
	recordChosen(l, true)
	recordConst(l)
	fmt.Println(len(recordCollected(l)), len(recordReturned(l)))
	recordLeak(l)
	recordMaybe(l, false)
	recordLeakVar(l)
	w.keepDiscards(l)
	w.discardsDone(l)
}

// recordHighlights promotes highlights to the pool, but ends its frames
// with EndFrame, which discards the promotions.
func recordHighlights(l *allocator.Local, w *World, frames int) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		h := allocator.FrameRetained[Highlight](l, allocator.PromoteToPool) //corpus:want FA604 //corpus:clean FA602
		h.Frame = f
		h.Who = w.entities[0]
		l.EndFrame()
	}
}

// recordDeferred promotes to the heap under a deferred EndFrame.
func recordDeferred(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.PromoteToHeap) //corpus:want FA604
	h.Frame = 1
}

// recordDropped collects nothing from EndFrameWithPromotions.
func recordDropped(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.PromoteToPool) //corpus:want FA604
	h.Frame = 2
	l.EndFrameWithPromotions()
}

// recordBlank assigns the promotions to the blank identifier.
func recordBlank(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.PromoteToHeap) //corpus:want FA604
	h.Frame = 3
	_ = l.EndFrameWithPromotions()
}

// recordChosen picks a promoting policy in both branches.
func recordChosen(l *allocator.Local, toPool bool) {
	policy := allocator.PromoteToHeap
	if toPool {
		policy = allocator.PromoteToPool
	}
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, policy) //corpus:want FA604
	h.Frame = 4
	l.EndFrame()
}

// recordConst uses the package's promoting policy constant.
func recordConst(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, keepPolicy) //corpus:want FA604
	h.Frame = 5
	l.EndFrame()
}

// recordCollected collects and returns the promoted copies.
func recordCollected(l *allocator.Local) []*Highlight {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.PromoteToHeap) //corpus:clean FA604
	h.Frame = 6
	var kept []*Highlight
	for _, p := range l.EndFrameWithPromotions() {
		if v, ok := p.Value.(*Highlight); ok {
			kept = append(kept, v)
		}
	}
	return kept
}

// recordReturned hands the promotions to the caller.
func recordReturned(l *allocator.Local) []allocator.Promotion {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.PromoteToPool) //corpus:clean FA604
	h.Frame = 7
	return l.EndFrameWithPromotions()
}

// recordLeak uses policies that promote nothing.
func recordLeak(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, allocator.Leak)    //corpus:clean FA604
	d := allocator.FrameRetained[Highlight](l, allocator.Discard) //corpus:clean FA604
	h.Frame, d.Frame = 8, 8
	l.EndFrame()
}

// recordMaybe only promotes on one branch: Discard can reach the call.
func recordMaybe(l *allocator.Local, keep bool) {
	policy := allocator.Discard
	if keep {
		policy = allocator.PromoteToHeap
	}
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, policy) //corpus:clean FA604
	h.Frame = 9
	l.EndFrame()
}

// recordLeakVar holds a policy that promotes nothing in a variable.
func recordLeakVar(l *allocator.Local) {
	policy := allocator.Leak
	l.BeginFrame()
	h := allocator.FrameRetained[Highlight](l, policy) //corpus:clean FA604
	h.Frame = 10
	l.EndFrame()
}

// keepDiscards stores Discard values beyond their frame.
func (w *World) keepDiscards(l *allocator.Local) {
	l.BeginFrame()
	hit := allocator.FrameRetained[Event](l, allocator.Discard)
	hit.Kind = EventHit
	w.lastHit = hit //corpus:want FA605 //corpus:clean FA601
	h := allocator.FrameRetained[Highlight](l, allocator.Discard)
	lastHighlight = h //corpus:want FA605 //corpus:clean FA601
	e := allocator.FrameRetained[Entity](l, allocator.Discard)
	w.byID[-1] = e                                                              //corpus:want FA605 //corpus:clean FA601
	w.log = append(w.log, allocator.FrameRetained[Event](l, allocator.Discard)) //corpus:want FA605 //corpus:clean FA601
	w.focus = &e.Pos                                                            //corpus:want FA605 //corpus:clean FA601
	l.EndFrame()
}

// discardsDone keeps Discard values inside the frame, or copies them.
func (w *World) discardsDone(l *allocator.Local) {
	l.BeginFrame()
	hit := allocator.FrameRetained[Event](l, allocator.Discard)
	hit.Points = 10
	w.score += hit.Points //corpus:clean FA605 FA601
	pos := allocator.FrameRetained[Vec2](l, allocator.Discard)
	w.best = *pos //corpus:clean FA605 FA601
	local := []*Event{}
	local = append(local, hit) //corpus:clean FA605 FA601
	grid := allocator.FrameSlice[Cell](l, 2)
	grid[0].Occupants = allocator.FrameSlice[*Entity](l, 1)
	grid[0].Occupants[0] = allocator.FrameRetained[Entity](l, allocator.Discard) //corpus:clean FA605 FA601
	fmt.Println(len(local), grid[0].Count)
	l.EndFrame()
}
