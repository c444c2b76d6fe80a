package fa605

import "github.com/framealloc/fa/allocator"

type Item struct{ ID int }

var (
	current *Item
	byID    = map[int]*Item{}
)

type Inventory struct{ last *Item }

// --- positives ---

func storeGlobal(l *allocator.Local) {
	it := allocator.FrameRetained[Item](l, allocator.Discard)
	current = it // want `FA605: FrameRetained\(..., Discard\) value it escapes to package-level variable current`
}

func storeMap(l *allocator.Local) {
	byID[1] = allocator.FrameRetained[Item](l, allocator.Discard) // want `FA605: FrameRetained`
}

func storeInPool(l *allocator.Local) {
	inv := allocator.Pool[Inventory](l)
	inv.last = allocator.FrameRetained[Item](l, allocator.Discard) // want `FA605: FrameRetained`
}

// --- negatives ---

func promoted(l *allocator.Local) {
	current = allocator.FrameRetained[Item](l, allocator.PromoteToHeap)
	byID[2] = allocator.FrameRetained[Item](l, allocator.PromoteToPool)
}

func keptLocal(l *allocator.Local) int {
	it := allocator.FrameRetained[Item](l, allocator.Discard)
	inv := Inventory{last: it}
	return inv.last.ID
}

func plainFrameIsFA601(l *allocator.Local) {
	current = allocator.Frame[Item](l)
}
