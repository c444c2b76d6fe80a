package main

import (
	"strings"

	"github.com/framealloc/fa/allocator"
)

// EventHit is the kind of a hit event.
const EventHit = 1

// debugFocus is shown by the debug overlay.
var debugFocus *Vec2

// pickTarget remembers this frame's nearest pair on the world.
func (w *World) pickTarget() {
	pair := allocator.Frame[TargetPair](w.local)
	pair.A, pair.B = w.entities[0], w.entities[1]
	w.lastPair = pair //corpus:want FA601
}

// indexSpawns indexes entities spawned for this frame by id.
func (w *World) indexSpawns(n int) {
	spawned := allocator.FrameSlice[Entity](w.local, n)
	for i := range spawned {
		spawned[i].ID = 1000 + i
		w.byID[spawned[i].ID] = &spawned[i] //corpus:want FA601
	}
}

// recordHit appends a hit to the world's event log.
func (w *World) recordHit(src *Entity) {
	ev := allocator.Frame[Event](w.local)
	ev.Kind = EventHit
	ev.Source = src
	w.log = append(w.log, ev) //corpus:want FA601
	w.score += ev.Points      //corpus:clean FA601
}

// debugPick shows the first entity's position in the overlay.
func (w *World) debugPick() {
	v := allocator.Frame[Vec2](w.local)
	*v = w.entities[0].Pos
	debugFocus = v //corpus:want FA601
	w.best = *v    //corpus:clean FA601
}

// followCamera points the camera at a frame copy of the player.
func (w *World) followCamera() {
	snap := allocator.Frame[Entity](w.local)
	*snap = *w.entities[0]
	w.focus = &snap.Pos     //corpus:want FA601
	w.camera.Pos = snap.Pos //corpus:clean FA601
}

// armTrigger installs a frame trigger's Fire as the world's enter hook.
func (w *World) armTrigger() {
	t := allocator.Frame[Trigger](w.local)
	t.Radius = 3
	w.onEnter = t.Fire //corpus:want FA601
}

// spawnInto gives the squad a frame-allocated leader.
func spawnInto(l *allocator.Local, squad *Squad) {
	leader := allocator.Frame[Entity](l)
	leader.Name = "leader"
	squad.Leader = leader //corpus:want FA601
}

// remember keeps e in the world's entity list; e must outlive the frame.
func (w *World) remember(e *Entity) {
	w.entities = append(w.entities, e) //corpus:clean FA601
}

// spawnTemp spawns a temporary entity and, by mistake, registers it.
func (w *World) spawnTemp() {
	e := allocator.Frame[Entity](w.local)
	e.Name = "temp"
	w.remember(e)                     //corpus:want FA601
	w.remember(&Entity{Name: "kept"}) //corpus:clean FA601
}

// gatherGhosts keeps pointers to frame-allocated ghosts on the world.
func (w *World) gatherGhosts(n int) {
	ghosts := allocator.FrameSlice[Entity](w.local, n)
	refs := allocator.FrameSlice[*Entity](w.local, n)
	for i := range refs {
		refs[i] = &ghosts[i]
	}
	w.targets = append(w.targets, refs...) //corpus:want FA601
}

// aimCamera sets the camera's target to a frame-allocated point.
func (w *World) aimCamera() {
	w.camera.Target = allocator.Frame[Vec2](w.local) //corpus:want FA601
}

// runFrameSummary runs one frame of bookkeeping and returns its summary.
func (w *World) runFrameSummary() *Summary {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[Summary](l)
	s.Entities = len(w.entities)
	s.Events = len(w.log)
	return s //corpus:want FA601
}

// HitList is the result of a hit scan.
type HitList struct {
	Hits []*Entity
	N    int
}

// scanHits runs a frame and returns its hits in a struct value.
func (w *World) scanHits() HitList {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	hits := allocator.FrameSlice[*Entity](l, len(w.entities))
	copy(hits, w.entities)
	r := HitList{Hits: hits, N: len(hits)}
	return r //corpus:want FA601
}

// keepBatch appends the pointers of a local batch of frame entities.
func (w *World) keepBatch() {
	e := allocator.Frame[Entity](w.local)
	batch := []*Entity{e}
	w.targets = append(w.targets, batch...) //corpus:want FA601
}

// summaryCopy runs a frame and returns a copy of its summary.
func (w *World) summaryCopy() Summary {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[Summary](l)
	s.Entities = len(w.entities)
	return *s //corpus:clean FA601
}

// pooledSummary runs a frame and returns a pooled summary.
func (w *World) pooledSummary() *Summary {
	l := w.local
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Pool[Summary](l)
	s.Events = len(w.log)
	return s //corpus:clean FA601
}

// safeUpdates are the correct versions of the cases above.
func (w *World) safeUpdates() {
	l := w.local
	pts := allocator.FrameSlice[Vec2](l, len(w.pickups))
	for i := range pts {
		pts[i] = Vec2{float64(i), 1}
	}
	copy(w.pickups, pts)                  //corpus:clean FA601
	w.history = append(w.history, pts...) //corpus:clean FA601
	name := allocator.FrameBytes(l, 8)
	copy(name, "player")
	w.labels = append(w.labels, string(name)) //corpus:clean FA601

	visible := make([]*Entity, 0, 8)
	tmp := allocator.Frame[Entity](l)
	visible = append(visible, tmp) //corpus:clean FA601
	_ = visible

	grid := allocator.FrameSlice[Cell](l, 16)
	c := &grid[3]
	c.Occupants = allocator.FrameSlice[*Entity](l, 4) //corpus:clean FA601
	c.Occupants[0] = tmp                              //corpus:clean FA601

	q := allocator.Frame[EntityQueue](l)
	q.Push(tmp) //corpus:clean FA601

	w.lastHit = allocator.Pool[Event](l) //corpus:clean FA601
	w.focus = allocator.Heap[Vec2](l)    //corpus:clean FA601

	var picked *Entity
	l.WithTag("ai", func() {
		picked = allocator.Frame[Entity](l) //corpus:clean FA601
	})
	picked.Name = strings.ToUpper(picked.Name)
	w.score += len(picked.Name)
	w.squad.Members = append(w.squad.Members, newMember(l)) //corpus:want FA601
}

// newMember returns a frame-allocated entity; it does not end the frame.
func newMember(l *allocator.Local) *Entity {
	e := allocator.Frame[Entity](l)
	e.Name = "member"
	return e //corpus:clean FA601
}
