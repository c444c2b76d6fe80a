// Package engine is a small 2D rigid-body engine: a World owns a Local and
// steps its bodies once per frame, with frame-allocated contacts and pooled
// arbiters kept in a contact cache across steps.
package engine

import (
	"container/heap"
	"container/list"
	"sync/atomic"

	"example.com/corpus/physics/geom"
	"github.com/framealloc/fa/allocator"
)

// Body is a rigid body.
type Body struct {
	ID       int
	Pos, Vel geom.Vec2
	InvMass  float64
	Touching []*geom.Contact
	Scratch  []geom.Vec2
}

// Info is what the narrow phase found for a pair of bodies.
type Info struct {
	A, B  *Body
	N     int
	Buf   []geom.Contact
	Depth float64
}

// Arbiter keeps the contacts of a pair of bodies across steps.
type Arbiter struct {
	A, B     *Body
	Contacts []geom.Contact
	Count    int
	Info     *Info
	Deepest  *geom.Contact
}

// Update refreshes the arbiter from this step's narrow-phase info. It keeps
// a sub-slice of the info's buffer: whatever info holds must outlive the
// step.
func (arb *Arbiter) Update(info *Info, w *World) {
	arb.Contacts = info.Buf[:info.N] //corpus:clean FA601
	arb.Count = info.N
}

// UpdateCopy refreshes the arbiter with a copy of the contacts.
func (arb *Arbiter) UpdateCopy(info *Info) {
	arb.Contacts = append(arb.Contacts[:0], info.Buf[:info.N]...) //corpus:clean FA601
	arb.Count = info.N
}

// Refresh recomputes the arbiter's contacts in a frame buffer and keeps
// them.
func (arb *Arbiter) Refresh(w *World, n int) {
	fc := allocator.FrameSlice[geom.Contact](w.local, n)
	for i := range fc {
		fc[i].Depth = float64(i)
	}
	arb.Contacts = fc //corpus:want FA601
	arb.Count = n
}

// PairKey identifies a pair of bodies.
type PairKey struct{ A, B int }

// Stats are the world's running statistics.
type Stats struct {
	Steps   int
	Last    *Info
	Deepest geom.Contact
}

// contactHeap orders contacts by depth.
type contactHeap []*geom.Contact

func (h contactHeap) Len() int           { return len(h) }
func (h contactHeap) Less(i, j int) bool { return h[i].Depth > h[j].Depth }
func (h contactHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *contactHeap) Push(x any)        { *h = append(*h, x.(*geom.Contact)) }
func (h *contactHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// World is the persistent simulation state.
type World struct {
	local     *allocator.Local
	Bodies    []*Body
	Arbiters  map[PairKey]*Arbiter
	lastInfo  *Info
	broad     []PairKey
	stats     Stats
	pending   *list.List
	deepest   contactHeap
	latest    atomic.Pointer[Info]
	sleepers  []*Body
	resting   map[int]*Body
	warmStart []geom.Contact
	arbList   []*Arbiter
	Gravity   geom.Vec2
	handoff   *allocator.TransferHandle[Body]
}

// NewWorld creates a world whose Local has a frame budget.
func NewWorld(a *allocator.Allocator, bodies int) *World {
	l := a.NewLocal()
	l.SetFrameBudget(8 * allocator.MiB)
	w := &World{local: l, Arbiters: map[PairKey]*Arbiter{}, pending: list.New(), resting: map[int]*Body{}}
	for i := 0; i < bodies; i++ {
		w.Bodies = append(w.Bodies, &Body{ID: i, InvMass: 1})
	}
	heap.Init(&w.deepest)
	return w
}

// Local returns the world's Local.
func (w *World) Local() *allocator.Local { return w.local }
