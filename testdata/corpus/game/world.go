// Command game is a small top-down game: a world of entities, a camera and
// an event log, updated once per frame with frame-allocated scratch data.
package main

import (
	"fmt"

	"github.com/framealloc/fa/allocator"
)

// Vec2 is a 2D vector.
type Vec2 struct{ X, Y float64 }

// Entity is an object of the world.
type Entity struct {
	ID     int
	Name   string
	Pos    Vec2
	Vel    Vec2
	Target *Entity
}

// Event is something that happened in a frame.
type Event struct {
	Kind   int
	Source *Entity
	Points int
}

// TargetPair is the nearest pair of entities found in a frame.
type TargetPair struct {
	A, B *Entity
}

// Camera follows a point.
type Camera struct {
	Pos    Vec2
	Target *Vec2
}

// Trigger fires when an entity enters its radius.
type Trigger struct {
	Radius float64
	Hits   int
}

// Fire records a hit.
func (t *Trigger) Fire(e *Entity) { t.Hits++ }

// Squad is a group of entities led by one of them.
type Squad struct {
	Leader  *Entity
	Members []*Entity
}

// Summary describes one frame.
type Summary struct {
	Entities int
	Events   int
}

// Cell is a cell of the broad-phase grid.
type Cell struct {
	Occupants []*Entity
	Count     int
}

// EntityQueue is a fixed-capacity queue of entities.
type EntityQueue struct {
	items [16]*Entity
	n     int
}

// Push appends e to the queue when there is room.
func (q *EntityQueue) Push(e *Entity) {
	if q.n < len(q.items) {
		q.items[q.n] = e //corpus:clean FA601
		q.n++
	}
}

// World holds the persistent state of the game.
type World struct {
	local    *allocator.Local
	entities []*Entity
	byID     map[int]*Entity
	log      []*Event
	lastPair *TargetPair
	lastHit  *Event
	focus    *Vec2
	camera   Camera
	onEnter  func(*Entity)
	targets  []*Entity
	pickups  []Vec2
	history  []Vec2
	labels   []string
	best     Vec2
	score    int
	frames   int
	squad    Squad
	hooks    []func()
}

// NewWorld creates a world with a few entities on the heap.
func NewWorld(a *allocator.Allocator) *World {
	w := &World{local: a.NewLocal(), byID: map[int]*Entity{}, pickups: make([]Vec2, 4)}
	for i := 0; i < 8; i++ {
		e := &Entity{ID: i, Name: fmt.Sprintf("e%d", i), Pos: Vec2{float64(i), 0}}
		w.entities = append(w.entities, e)
		w.byID[i] = e
	}
	return w
}

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 4 * allocator.MiB, PoolBudget: 4 * allocator.MiB})
	w := NewWorld(a)
	for frame := 0; frame < 600; frame++ {
		w.Tick(1.0 / 60)
	}
	fmt.Println(w.score, w.frames, w.runFrameSummary(), w.summaryCopy(), w.pooledSummary(), w.scanHits().N)
	w.keepBatch()
	runLifetimes(a)
	runLoops(a)
	runRetention(a)
	runClosures(a)
}

// Tick runs one frame of the world.
func (w *World) Tick(dt float64) {
	l := w.local
	l.BeginFrame()
	w.integrate(dt)
	w.pickTarget()
	w.indexSpawns(2)
	w.recordHit(w.entities[0])
	w.debugPick()
	w.followCamera()
	w.armTrigger()
	w.spawnTemp()
	w.gatherGhosts(3)
	w.aimCamera()
	spawnInto(l, &w.squad)
	w.safeUpdates()
	l.EndFrame()
	w.frames++
}

// integrate moves every entity with frame-allocated velocities.
func (w *World) integrate(dt float64) {
	vel := allocator.FrameSlice[Vec2](w.local, len(w.entities))
	for i, e := range w.entities {
		vel[i] = e.Vel
		e.Pos.X += vel[i].X * dt
		e.Pos.Y += vel[i].Y * dt
	}
}
