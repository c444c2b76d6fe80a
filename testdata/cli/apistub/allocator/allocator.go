// Package allocator is a body-less stand-in with the allocator API of
// DESIGN.md section 1, used to check the explain examples while the real
// package is unavailable.
package allocator

const (
	KiB = 1024
	MiB = 1024 * KiB
)

type Config struct{ FrameSize, PoolSize, FrameBudget, PoolBudget int }
type Allocator struct{}
type Local struct{}
type Promotion struct{}
type RetentionPolicy int

const (
	Discard RetentionPolicy = iota
	PromoteToPool
	PromoteToHeap
	Leak
)

type TransferHandle[T any] struct{}
type FrameBarrier struct{}

func New(cfg Config) *Allocator                           { return nil }
func (a *Allocator) NewLocal() *Local                     { return nil }
func (l *Local) Close()                                   {}
func (l *Local) BeginFrame()                              {}
func (l *Local) EndFrame()                                {}
func (l *Local) EndFrameWithPromotions() []Promotion      { return nil }
func (l *Local) SetFrameBudget(bytes int)                 {}
func (l *Local) WithTag(tag string, fn func())            {}
func Frame[T any](l *Local) *T                            { return nil }
func FrameSlice[T any](l *Local, n int) []T               { return nil }
func TryFrame[T any](l *Local) (*T, error)                { return nil, nil }
func Pool[T any](l *Local) *T                             { return nil }
func PoolFree[T any](l *Local, p *T)                      {}
func Heap[T any](l *Local) *T                             { return nil }
func FrameRetained[T any](l *Local, p RetentionPolicy) *T { return nil }
func Transfer[T any](l *Local, v *T) *TransferHandle[T]   { return nil }
func (h *TransferHandle[T]) Receive(l *Local) *T          { return nil }
func NewFrameBarrier(n int) *FrameBarrier                 { return nil }
func (b *FrameBarrier) SignalFrameComplete()              {}
func (b *FrameBarrier) WaitAll()                          {}
