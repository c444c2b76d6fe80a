// Package alloc is a stand-in with the allocator's API, treated as the
// allocator through [allocator].packages.
package alloc

// Config configures an Allocator.
type Config struct{ FrameBudget, PoolBudget int }

// Allocator is shared.
type Allocator struct{}

// Local is per goroutine.
type Local struct{ frame int }

// New returns an Allocator.
func New(cfg Config) *Allocator { return &Allocator{} }

// NewLocal returns a Local.
func (a *Allocator) NewLocal() *Local { return &Local{} }

// BeginFrame begins a frame.
func (l *Local) BeginFrame() {}

// EndFrame ends a frame.
func (l *Local) EndFrame() { l.frame++ }

// Close releases the Local.
func (l *Local) Close() {}

// SetFrameBudget sets the frame budget.
func (l *Local) SetFrameBudget(bytes int) {}

// Frame allocates a T in the current frame.
func Frame[T any](l *Local) *T { return new(T) }

// Heap allocates a T on the heap.
func Heap[T any](l *Local) *T { return new(T) }
