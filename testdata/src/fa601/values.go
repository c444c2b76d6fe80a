package fa601

import fa "github.com/framealloc/fa/allocator"

// A helper returning a struct value (not a pointer) whose fields hold
// frame slices and the caller's own data: the fields are told apart.

type body struct{ x int }

type island struct {
	l      *fa.Local
	bodies []*body
	vel    []float64
	pos    []float64
}

// makeIsland returns its frame slices in fields of a struct value.
func makeIsland(l *fa.Local, pos []float64, n int) island {
	is := island{l: l, pos: pos}
	is.bodies = fa.FrameSlice[*body](l, n)
	is.vel = fa.FrameSlice[float64](l, n)
	return is
}

type contactSolver struct {
	constraints []float64
	positions   []float64
}

func makeContactSolver(l *fa.Local, positions []float64) contactSolver {
	return contactSolver{constraints: fa.FrameSlice[float64](l, 8), positions: positions}
}

var lastConstraints []float64

// remember keeps only the constraints of the solver.
func (s *contactSolver) remember() { lastConstraints = s.constraints }

// solve stores the solver's own frame constraints in a package variable:
// reported here, where they are known to be frame memory.
func (is *island) solve() {
	s := makeContactSolver(is.l, is.pos)
	s.remember() // want `frame value s escapes to package-level variable fa601.lastConstraints \(stored by remember\)`
}

type islandWorld struct {
	l         *fa.Local
	positions []float64
	lastBody  *body
	lastVel   []float64
	lastIs    island
}

// Step: solve keeps nothing of the island itself (only what it allocated
// from the island's Local, reported in solve), and a body read out of the
// frame slice is a heap pointer.
func (w *islandWorld) Step() {
	w.l.BeginFrame()
	defer w.l.EndFrame()
	is := makeIsland(w.l, w.positions, 4)
	is.solve()
	w.lastBody = is.bodies[0]
	w.positions = is.pos
}

// StepFills stores frame memory into a frame slice of the island: fine.
func (w *islandWorld) StepFills() {
	w.l.BeginFrame()
	defer w.l.EndFrame()
	is := makeIsland(w.l, w.positions, 4)
	is.bodies[1] = fa.Frame[body](w.l)
	is.solve()
}

// StepKeepsVel keeps a frame slice out of the island value.
func (w *islandWorld) StepKeepsVel() {
	w.l.BeginFrame()
	defer w.l.EndFrame()
	is := makeIsland(w.l, w.positions, 4)
	w.lastVel = is.vel // want `frame value is escapes to field lastVel of receiver w`
}

// StepKeepsIsland keeps the whole island value.
func (w *islandWorld) StepKeepsIsland() {
	w.l.BeginFrame()
	defer w.l.EndFrame()
	is := makeIsland(w.l, w.positions, 4)
	is.solve()
	w.lastIs = is // want `frame value is escapes to field lastIs of receiver w`
}
