package emit

import (
	"errors"
	"fmt"

	"example.com/corpus/particles/fx"
	"github.com/framealloc/fa/allocator"
)

// Spawner takes particles with Try* allocations under budgets.
type Spawner struct {
	l     *allocator.Local
	trail *fx.Trail
	burst []fx.Particle
	errs  int
}

// NewSpawner creates a spawner on a budgeted allocator.
func NewSpawner() *Spawner {
	a := allocator.New(allocator.Config{FrameBudget: 64 * allocator.KiB, PoolBudget: 64 * allocator.KiB})
	return &Spawner{l: a.NewLocal()}
}

// Ignored discards every budget error.
func (s *Spawner) Ignored(n int) {
	s.l.BeginFrame()
	t, _ := allocator.TryFrame[fx.Trail](s.l)             //corpus:want FA302
	ps, _ := allocator.TryFrameSlice[fx.Particle](s.l, n) //corpus:want FA302
	p, _ := allocator.TryPool[fx.Trail](s.l)              //corpus:want FA302
	t.Points[0] = ps[0]
	p.Next = nil
	allocator.PoolFree(s.l, p)
	s.l.EndFrame()
}

// Overwritten checks only the second error.
func (s *Spawner) Overwritten(n int) error {
	s.l.BeginFrame()
	defer s.l.EndFrame()
	t, err := allocator.TryFrame[fx.Trail](s.l)             //corpus:want FA302
	ps, err := allocator.TryFrameSlice[fx.Particle](s.l, n) //corpus:clean FA302
	if err != nil {
		return err
	}
	t.Points[0] = ps[0]
	return nil
}

// Statement calls TryFrame for its side effect only.
func (s *Spawner) Statement() {
	s.l.BeginFrame()
	allocator.TryFrame[fx.Trail](s.l) //corpus:want FA302
	s.l.EndFrame()
}

// Blanked assigns the error to the blank identifier.
func (s *Spawner) Blanked() {
	s.l.BeginFrame()
	ps, err := allocator.TryFrameSlice[fx.Particle](s.l, 8) //corpus:want FA302
	_ = err
	step(ps)
	s.l.EndFrame()
}

// Background takes a pooled trail on another goroutine and ignores the
// error.
func Background(a *allocator.Allocator, out chan<- *fx.Trail) {
	go func() {
		l := a.NewLocal()
		l.SetPoolBudget(64 * allocator.KiB)
		l.SetFrameBudget(64 * allocator.KiB)
		t, _ := allocator.TryPool[fx.Trail](l) //corpus:want FA302
		out <- t
	}()
}

// Fields keeps the results in fields and drops the errors.
func (s *Spawner) Fields(n int) {
	var err error
	s.trail, _ = allocator.TryPool[fx.Trail](s.l)               //corpus:want FA302
	s.burst, err = allocator.TryFrameSlice[fx.Particle](s.l, n) //corpus:want FA302 FA601
	err = nil
	fmt.Println(err)
}

// Each takes a particle buffer per emitter and ignores the errors.
func (s *Spawner) Each(ids []int) {
	s.l.BeginFrame()
	for _, id := range ids {
		ps, _ := allocator.TryFrameSlice[fx.Particle](s.l, id) //corpus:want FA302 FA602
		step(ps)
	}
	s.l.EndFrame()
}

// Checked handles every budget error.
func (s *Spawner) Checked(n int) (*fx.Trail, error) {
	s.l.BeginFrame()
	defer s.l.EndFrame()
	t, err := allocator.TryFrame[fx.Trail](s.l) //corpus:clean FA302
	if err != nil {
		return nil, fmt.Errorf("trail: %w", err)
	}
	ps, err := allocator.TryFrameSlice[fx.Particle](s.l, n) //corpus:clean FA302
	if errors.Is(err, allocator.ErrBudgetExceeded) {
		return nil, err
	}
	t.Points[0] = ps[0]
	p, err := allocator.TryPool[fx.Trail](s.l) //corpus:clean FA302
	var be *allocator.BudgetError
	if errors.As(err, &be) {
		s.errs++
		return nil, be
	}
	return p, nil
}

// OnlyOnSuccess uses the trail only when the allocation succeeded.
func OnlyOnSuccess(l *allocator.Local) float32 {
	if t, err := allocator.TryFrame[fx.Trail](l); err == nil { //corpus:clean FA302
		return t.Points[0].Life
	}
	return 0
}

// Returned hands the error to the caller.
func Returned(l *allocator.Local) (*fx.Trail, error) {
	return allocator.TryFrame[fx.Trail](l) //corpus:clean FA302
}

// ReturnedPair returns both results.
func ReturnedPair(l *allocator.Local, n int) ([]fx.Particle, error) {
	ps, err := allocator.TryFrameSlice[fx.Particle](l, n) //corpus:clean FA302
	return ps, err
}

// Panicking turns a budget error into a panic.
func Panicking(l *allocator.Local) *fx.Trail {
	t, err := allocator.TryPool[fx.Trail](l) //corpus:clean FA302
	if err != nil {
		panic(err)
	}
	return t
}

// Switched checks the error in a switch.
func Switched(l *allocator.Local) int {
	ps, err := allocator.TryFrameSlice[fx.Particle](l, 4) //corpus:clean FA302
	switch {
	case err != nil:
		return 0
	default:
		return len(ps)
	}
}

// OtherTries ignores errors of Try functions FA302 is not about.
func OtherTries(l, other *allocator.Local, h *allocator.TransferHandle[fx.Trail]) {
	p := allocator.Pool[fx.Trail](l)
	_ = allocator.TryPoolFree(other, p) //corpus:clean FA302
	t, _ := h.TryReceive(l)             //corpus:clean FA302
	fmt.Println(t != nil)
}
