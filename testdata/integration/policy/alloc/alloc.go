// Package alloc is a minimal stand-in with the allocator's API shape; the
// fixture's .fa.toml names it as an allocator package.
package alloc

// Config configures an Allocator.
type Config struct{ FrameBudget int }

// Allocator is shared by goroutines.
type Allocator struct{ cfg Config }

// Local is per-goroutine state.
type Local struct{ frame uint64 }

// New returns an Allocator.
func New(cfg Config) *Allocator { return &Allocator{cfg: cfg} }

// NewLocal returns a Local.
func (a *Allocator) NewLocal() *Local { return &Local{} }

// BeginFrame starts a frame.
func (l *Local) BeginFrame() {}

// EndFrame ends the frame.
func (l *Local) EndFrame() { l.frame++ }

// WithTag runs fn with its allocations attributed to tag.
func (l *Local) WithTag(tag string, fn func()) { fn() }

// Frame allocates a T for the current frame.
func Frame[T any](l *Local) *T { return new(T) }

// Heap allocates a T on the Go heap.
func Heap[T any](l *Local) *T { return new(T) }
