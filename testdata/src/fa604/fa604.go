package fa604

import (
	"example.com/fa604/helpers"
	"github.com/framealloc/fa/allocator"
)

type Enemy struct{ HP int }

var kept []*Enemy

func use(any) {}

// --- positives ---

func plainEnd(l *allocator.Local, frames int) {
	for range frames {
		l.BeginFrame()
		e := allocator.FrameRetained[Enemy](l, allocator.PromoteToPool) // want `FA604: allocator.FrameRetained\[Enemy\]\(l, allocator.PromoteToPool\) promotes with PromoteToPool, but the frames of l are ended with plain EndFrame \(line \d+\)`
		use(e)
		l.EndFrame()
	}
}

func deferredPlainEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToHeap)) // want `FA604: .* promotes with PromoteToHeap, but the frames of l are ended with plain EndFrame`
}

func discarded(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToHeap)) // want `FA604: .* promotes with PromoteToHeap, but the frames of l are ended with EndFrameWithPromotions whose \[\]Promotion result is discarded`
	l.EndFrameWithPromotions()
}

func blankDiscarded(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToPool)) // want `FA604: .*result is discarded`
	_ = l.EndFrameWithPromotions()
}

// The frame is ended by the caller, with a plain EndFrame.
func spawnEnemy(l *allocator.Local) *Enemy {
	return allocator.FrameRetained[Enemy](l, allocator.PromoteToPool) // want `FA604: allocator.FrameRetained\[Enemy\]\(l, allocator.PromoteToPool\) promotes with PromoteToPool, but the frames of l are ended with plain EndFrame`
}

func tick(l *allocator.Local) {
	l.BeginFrame()
	use(spawnEnemy(l))
	l.EndFrame()
}

// In a WithTag closure of a function that ends with plain EndFrame.
func tagged(l *allocator.Local) {
	l.BeginFrame()
	l.WithTag("ai", func() {
		use(allocator.FrameRetained[Enemy](l, allocator.PromoteToHeap)) // want `FA604: .*ended with plain EndFrame`
	})
	l.EndFrame()
}

// --- negatives ---

func collected(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToPool))
	promos := l.EndFrameWithPromotions()
	use(promos)
}

func collectedByHelper(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToHeap))
	use(helpers.Finish(l))
}

// Leak and Discard promote nothing.
func notPromoting(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.Leak))
	use(allocator.FrameRetained[Enemy](l, allocator.Discard))
	l.EndFrame()
}

// A policy chosen at run time is not known.
func dynamic(l *allocator.Local, p allocator.RetentionPolicy) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, p))
	l.EndFrame()
}

// The frame is never ended here and no caller is visible.
func unknownEnds(l *allocator.Local) *Enemy {
	return allocator.FrameRetained[Enemy](l, allocator.PromoteToHeap)
}

// Another Local's plain EndFrame.
func otherLocal(l, other *allocator.Local) {
	other.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, allocator.PromoteToPool))
	other.EndFrame()
}

// A caller that collects the promotions.
func spawnCollected(l *allocator.Local) *Enemy {
	return allocator.FrameRetained[Enemy](l, allocator.PromoteToPool)
}

func tickCollected(l *allocator.Local) {
	l.BeginFrame()
	use(spawnCollected(l))
	for _, p := range l.EndFrameWithPromotions() {
		use(p)
	}
}
