package fa301

import (
	"iter"

	"example.com/fa301/setup"

	"github.com/framealloc/fa/allocator"
)

type Event struct {
	Kind int
	Data []byte
}

func use(any) {}

var shared = allocator.New(allocator.Config{FrameSize: allocator.MiB, FrameBudget: 256 * allocator.KiB})

var unbudgeted = allocator.New(allocator.Config{FrameSize: allocator.MiB})

// --- positives ---

func drain(l *allocator.Local, events <-chan Event) {
	for ev := range events {
		buf := allocator.FrameBytes(l, len(ev.Data)) // want `FA301: allocator.FrameBytes\(l, len\(ev.Data\)\) allocates in the range over a channel at line \d+, which has no static bound, and nothing limits it`
		copy(buf, ev.Data)
	}
}

// An unbounded frame loop is FA301 too.
func frameLoop(l *allocator.Local, running func() bool) {
	for running() {
		l.BeginFrame()
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates in the for-condition loop`
		l.EndFrame()
	}
}

func forever(l *allocator.Local) {
	for {
		l.BeginFrame()
		p := allocator.Pool[Event](l) // want `FA301: allocator.Pool\[Event\]\(l\) allocates in the for \{\} loop`
		allocator.PoolFree(l, p)
		l.EndFrame()
	}
}

// A zero budget in a visible Config is no budget.
func zeroConfig(events <-chan Event) {
	a := allocator.New(allocator.Config{FrameSize: allocator.MiB, FrameBudget: 0})
	l := a.NewLocal()
	for range events {
		use(allocator.Heap[Event](l)) // want `FA301: allocator.Heap\[Event\]\(l\) allocates in the range over a channel`
	}
}

func packageAllocator(events <-chan Event) {
	l := unbudgeted.NewLocal()
	for range events {
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates`
	}
}

// The budget of another Local does not guard l.
func otherBudget(l, other *allocator.Local, seq iter.Seq[Event]) {
	other.SetFrameBudget(4096)
	for range seq {
		use(allocator.FrameSlice[Event](l, 2)) // want `FA301: allocator.FrameSlice\[Event\]\(l, 2\) allocates in the range over an iterator`
	}
}

// A Try* allocation whose error is ignored is no guard.
func tryIgnored(l *allocator.Local, events <-chan Event) {
	for range events {
		p, _ := allocator.TryFrame[Event](l) // want `FA301: allocator.TryFrame\[Event\]\(l\) allocates`
		use(p)
	}
}

// A WithTag closure belongs to the loop around it.
func tagged(l *allocator.Local, events <-chan Event) {
	for range events {
		l.WithTag("input", func() {
			use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates in the range over a channel`
		})
	}
}

func scratch(events <-chan Event) {
	s := unbudgeted.NewScratch("decode", 64*allocator.KiB)
	s.Scope(func(s *allocator.Scratch) {
		for range events {
			use(allocator.ScratchAlloc[Event](s)) // want `FA301: allocator.ScratchAlloc\[Event\]\(s\) allocates in the range over a channel`
		}
	})
}

func generic[T any](l *allocator.Local, in <-chan T) {
	for range in {
		use(allocator.Frame[T](l)) // want `FA301: allocator.Frame\[T\]\(l\) allocates`
	}
}

// A helper of another package that does not set a budget.
func namedOnly(l *allocator.Local, events <-chan Event) {
	setup.Name(l, "input")
	for range events {
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates in the range over a channel`
	}
}

// Budgets and Configs through struct fields, parameters and helpers.

// Emitter's constructor creates its Local from an Allocator without
// budgets.
type Emitter struct {
	l *allocator.Local
}

func newEmitter() *Emitter {
	return &Emitter{l: allocator.New(allocator.Config{FrameSize: allocator.MiB}).NewLocal()}
}

func (e *Emitter) run(events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](e.l)) // want `FA301: allocator.Frame\[Event\]\(e.l\) allocates in the range over a channel`
	}
}

// Mixed has two constructors; one of them budgets nothing.
type Mixed struct {
	l *allocator.Local
}

func newMixedBudgeted(a *allocator.Allocator) *Mixed {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	return &Mixed{l: l}
}

func newMixedPlain() *Mixed {
	return &Mixed{l: unbudgeted.NewLocal()}
}

func (m *Mixed) run(events <-chan Event) {
	l := m.l
	for range events {
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates`
	}
}

// A Local parameter of an unexported function is the Local its callers
// pass: here one without a budget.
func drainFor(l *allocator.Local, events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates`
	}
}

func callsDrainFor(events <-chan Event) {
	drainFor(unbudgeted.NewLocal(), events)
}

// Every Config that can reach the Allocator must set a budget.
func mixedConfig(events <-chan Event, debug bool) {
	cfg := allocator.Config{FrameBudget: 64 * allocator.KiB}
	if debug {
		cfg = allocator.Config{Debug: true}
	}
	l := allocator.New(cfg).NewLocal()
	for range events {
		use(allocator.Frame[Event](l)) // want `FA301: allocator.Frame\[Event\]\(l\) allocates`
	}
}

// A field of another package whose constructor sets no budget.
func plainField(p *setup.Plain, events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](p.L)) // want `FA301: allocator.Frame\[Event\]\(p.L\) allocates`
	}
}

// --- negatives ---

// Fountain's constructors both budget its Local: one with SetFrameBudget,
// one with a budgeted Config.
type Fountain struct {
	l *allocator.Local
}

func newFountain(a *allocator.Allocator) *Fountain {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	return &Fountain{l: l}
}

func newConfiguredFountain() *Fountain {
	return &Fountain{l: shared.NewLocal()}
}

func (f *Fountain) drain(events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](f.l))
	}
}

// World's Local is budgeted through the field after it is stored.
type World struct {
	local *allocator.Local
}

func newWorld(a *allocator.Allocator) *World {
	w := &World{local: a.NewLocal()}
	w.local.SetPoolBudget(allocator.MiB)
	return w
}

func (w *World) runUntil(quit <-chan struct{}) {
	l := w.local
	for {
		select {
		case <-quit:
			return
		default:
		}
		l.BeginFrame()
		use(allocator.Frame[Event](l))
		l.EndFrame()
	}
}

// Game's Allocator parameter only ever receives the budgeted allocator.
type Game struct {
	local *allocator.Local
}

func newGame(a *allocator.Allocator) *Game { return &Game{local: a.NewLocal()} }

func startGame() *Game { return newGame(shared) }

func (g *Game) loop(events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](g.local))
	}
}

// The only caller of drainBudgeted budgets the Local it passes.
func drainBudgeted(l *allocator.Local, events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](l))
	}
}

func callsDrainBudgeted(a *allocator.Allocator, events <-chan Event) {
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	drainBudgeted(l, events)
}

// A helper of the package returns a budgeted Local.
func budgetedLocal() *allocator.Local {
	l := unbudgeted.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	return l
}

func fromHelper(events <-chan Event) {
	l := budgetedLocal()
	for range events {
		use(allocator.Frame[Event](l))
	}
}

// A helper of the package returns a budgeted Config.
func budgetedConfig() allocator.Config {
	return allocator.Config{FrameSize: allocator.MiB, PoolBudget: allocator.MiB}
}

func configFromHelper(events <-chan Event) {
	l := allocator.New(budgetedConfig()).NewLocal()
	for range events {
		use(allocator.Pool[Event](l))
	}
}

// A helper of another package sets the pool budget.
func poolHelper(events <-chan Event) {
	l := unbudgeted.NewLocal()
	setup.PoolOnly(l)
	for range events {
		use(allocator.Pool[Event](l))
	}
}

// A field of another package whose constructor budgets its Local (the
// package exports a fact on the field), also reached through embedding.
func runnerField(r *setup.Runner, events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](r.L))
	}
}

type embedded struct {
	*setup.Runner
}

func (e embedded) loop(events <-chan Event) {
	for range events {
		use(allocator.Frame[Event](e.L))
	}
}

// A Scratch of a budgeted package-level Allocator.
func budgetedScratch(events <-chan Event) {
	shared.NewScratch("decode", 64*allocator.KiB).Scope(func(s *allocator.Scratch) {
		for range events {
			use(allocator.ScratchAlloc[Event](s))
		}
	})
}

// The budget is set by a helper of another package.
func crossPackage(l *allocator.Local, events <-chan Event) {
	setup.ApplyBudgets(l)
	for range events {
		use(allocator.Frame[Event](l))
	}
}

func budgeted(l *allocator.Local, events <-chan Event) {
	l.SetFrameBudget(64 * allocator.KiB)
	for ev := range events {
		copy(allocator.FrameBytes(l, len(ev.Data)), ev.Data)
	}
}

func poolBudget(l *allocator.Local) {
	l.SetPoolBudget(1 << 20)
	for {
		p := allocator.Pool[Event](l)
		allocator.PoolFree(l, p)
	}
}

func configured(events <-chan Event, budget int) {
	a := allocator.New(allocator.Config{FrameSize: allocator.MiB, FrameBudget: budget})
	l := a.NewLocal()
	for range events {
		use(allocator.Frame[Event](l))
	}
}

func configuredVar(events <-chan Event) {
	cfg := allocator.Config{FrameSize: allocator.MiB}
	cfg.PoolBudget = 32 * allocator.KiB
	a := allocator.New(cfg)
	l := a.NewLocal()
	for range events {
		use(allocator.Pool[Event](l))
	}
}

func sharedAllocator(events <-chan Event) {
	l := shared.NewLocal()
	for range events {
		use(allocator.Frame[Event](l))
	}
}

// A checked Try* error bounds the loop.
func tryChecked(l *allocator.Local, events <-chan Event) error {
	for range events {
		p, err := allocator.TryFrame[Event](l)
		if err != nil {
			return err
		}
		use(p)
	}
	return nil
}

// The checked Try* allocation guards the others of the same Local.
func tryGuards(l *allocator.Local) {
	for {
		p := allocator.Frame[Event](l)
		q, err := allocator.TryPool[Event](l)
		if err != nil {
			break
		}
		use(p)
		use(q)
	}
}

// The budget is set by a helper of the package.
func configure(l *allocator.Local) { l.SetFrameBudget(1 << 16) }

func viaHelper(a *allocator.Allocator, events <-chan Event) {
	l := a.NewLocal()
	configure(l)
	for range events {
		use(allocator.Frame[Event](l))
	}
}

// The budget is set in the goroutine that runs the loop.
func worker(a *allocator.Allocator, events <-chan Event) {
	go func() {
		l := a.NewLocal()
		l.SetFrameBudget(1 << 16)
		for range events {
			use(allocator.Frame[Event](l))
		}
	}()
}

// An Allocator from a Config out of sight is assumed to be budgeted.
func opaque(cfg allocator.Config, events <-chan Event) {
	l := allocator.New(cfg).NewLocal()
	for range events {
		use(allocator.Frame[Event](l))
	}
}

// Bounded loops are not FA301.
func bounded(l *allocator.Local, evs []Event) {
	for range evs {
		use(allocator.Frame[Event](l))
	}
	for i := 0; i < 16; i++ {
		use(allocator.Frame[Event](l))
	}
}

// Transfer and Receive are not allocations.
func relay(l, l2 *allocator.Local, in <-chan *allocator.TransferHandle[Event]) {
	for h := range in {
		use(h.Receive(l2))
	}
}
