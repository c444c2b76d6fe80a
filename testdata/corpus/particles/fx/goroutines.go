package fx

import (
	"net/http"

	"github.com/framealloc/fa/allocator"
)

// Debug selects the debugging allocator configuration.
var Debug bool

// System runs effects; its allocator has no frame budget.
type System struct {
	a *allocator.Allocator
}

// NewSystem creates a system with an unbudgeted allocator.
func NewSystem() *System {
	return &System{a: allocator.New(allocator.Config{FrameSize: 64 * allocator.KiB})}
}

// Start starts the system's goroutines.
func (s *System) Start(e *Effect) {
	go func() {
		a := allocator.New(allocator.Config{})
		l := a.NewLocal() //corpus:want FA203
		defer l.Close()
		runFrames(l, 10)
	}()
	go emitterLoop(s.a, 10)
	run := func() {
		l := s.a.NewLocal() //corpus:want FA203
		defer l.Close()
		runFrames(l, 10)
	}
	go run()
	go s.worker()
	go poolOnly(10)
	go mixed(10)
	go poolBudgetOnly(s.a)
	go otherBudgeted(s.a)
	for i := 0; i < 3; i++ {
		go emitterLoop(s.a, i)
	}
	go budgeted(s.a)
	go ownConfig()
	go s.tryConfig()
}

func runFrames(l *allocator.Local, frames int) {
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		ps := allocator.FrameSlice[Particle](l, 64) //corpus:clean FA602 FA301
		step(ps)
		l.EndFrame()
	}
}

func emitterLoop(a *allocator.Allocator, frames int) {
	l := a.NewLocal() //corpus:want FA203
	defer l.Close()
	runFrames(l, frames)
}

func (s *System) worker() {
	l := s.a.NewLocal() //corpus:want FA203
	defer l.Close()
	runFrames(l, 5)
}

// poolOnly budgets the pool, not the frames.
func poolOnly(frames int) {
	a := allocator.New(allocator.Config{PoolBudget: 64 * allocator.KiB})
	l := a.NewLocal() //corpus:want FA203
	defer l.Close()
	runFrames(l, frames)
}

// mixed may take an unbudgeted Config.
func mixed(frames int) {
	cfg := allocator.Config{FrameBudget: 64 * allocator.KiB}
	if Debug {
		cfg = allocator.Config{Debug: true}
	}
	a := allocator.New(cfg)
	l := a.NewLocal() //corpus:want FA203
	defer l.Close()
	runFrames(l, frames)
}

// poolBudgetOnly sets the pool budget of its Local only.
func poolBudgetOnly(a *allocator.Allocator) {
	l := a.NewLocal() //corpus:want FA203
	l.SetPoolBudget(64 * allocator.KiB)
	defer l.Close()
	runFrames(l, 3)
}

// otherBudgeted budgets a second Local, not the one running frames.
func otherBudgeted(a *allocator.Allocator) {
	spare := a.NewLocal()
	spare.SetFrameBudget(64 * allocator.KiB)
	l := a.NewLocal() //corpus:want FA203
	defer l.Close()
	runFrames(l, 3)
	spare.Close()
}

// budgeted sets its Local's frame budget.
func budgeted(a *allocator.Allocator) {
	l := a.NewLocal() //corpus:clean FA203
	l.SetFrameBudget(128 * allocator.KiB)
	defer l.Close()
	runFrames(l, 3)
}

// ownConfig creates a budgeted allocator.
func ownConfig() {
	a := allocator.New(allocator.Config{FrameBudget: 256 * allocator.KiB})
	l := a.NewLocal() //corpus:clean FA203
	defer l.Close()
	runFrames(l, 3)
}

// tryConfig budgets through a Config built in steps.
func (s *System) tryConfig() {
	var cfg allocator.Config
	cfg.FrameBudget = 32 * allocator.KiB
	a := allocator.New(cfg)
	l := a.NewLocal() //corpus:clean FA203
	defer l.Close()
	runFrames(l, 3)
}

// StartBudgeted starts a goroutine on an allocator with a frame budget.
func StartBudgeted() {
	b := allocator.New(allocator.Config{FrameBudget: 512 * allocator.KiB})
	go func() {
		l := b.NewLocal() //corpus:clean FA203
		defer l.Close()
		runFrames(l, 3)
	}()
}

// Preview runs a few frames on the calling goroutine (called from main).
func Preview() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal() //corpus:clean FA203
	defer l.Close()
	runFrames(l, 2)
}

// ServePreview renders a preview per HTTP request: a handler, not a
// goroutine body of this package.
func ServePreview(w http.ResponseWriter, r *http.Request) {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal() //corpus:clean FA203
	defer l.Close()
	runFrames(l, 1)
	w.WriteHeader(http.StatusNoContent)
}

// RunInline runs frames on the calling goroutine: not a goroutine body.
func RunInline(s *System) {
	l := s.a.NewLocal() //corpus:clean FA203
	defer l.Close()
	runFrames(l, 3)
}

// NewRunner creates a runner whose Local has a frame budget.
func NewRunner(a *allocator.Allocator) *Runner {
	l := a.NewLocal() //corpus:clean FA203
	l.SetFrameBudget(64 * allocator.KiB)
	return &Runner{l: l, running: true}
}

// Loop runs frames until stopped; started with go by Spawn.
func (r *Runner) Loop(spawn <-chan int) {
	for n := range spawn {
		r.l.BeginFrame()
		ps := allocator.FrameSlice[Particle](r.l, n) //corpus:clean FA301 FA602 FA603
		step(ps)
		r.l.EndFrame()
	}
}

// Spawn starts a budgeted runner on its own goroutine.
func Spawn(a *allocator.Allocator, spawn <-chan int) {
	r := NewRunner(a)
	go r.Loop(spawn)
}
