// Package ds holds generic containers and helpers used with frame memory.
package ds

import "github.com/framealloc/fa/allocator"

// Stack is a LIFO stack.
type Stack[T any] struct {
	items []T
}

// Push pushes v; the stack keeps it.
func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v) //corpus:clean FA601
}

// Pop removes and returns the top value.
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

// Len is the number of values.
func (s *Stack[T]) Len() int { return len(s.items) }

// Cache maps keys to values and keeps them.
type Cache[K comparable, V any] struct {
	m map[K]V
}

// NewCache returns an empty cache.
func NewCache[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{m: map[K]V{}}
}

// Put keeps v under k.
func (c *Cache[K, V]) Put(k K, v V) {
	c.m[k] = v //corpus:clean FA601
}

// Keep appends v to *dst.
func Keep[T any](dst *[]T, v T) {
	*dst = append(*dst, v) //corpus:clean FA601
}

// New returns a frame-allocated T.
func New[T any](l *allocator.Local) *T {
	return allocator.Frame[T](l) //corpus:clean FA601
}

// Map applies f to xs into a frame slice.
func Map[T, U any](l *allocator.Local, xs []T, f func(T) U) []U {
	out := allocator.FrameSlice[U](l, len(xs)) //corpus:clean FA602
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// Fill returns n frame-allocated values, allocated one by one.
func Fill[T any](l *allocator.Local, n int) []*T {
	out := make([]*T, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, allocator.Frame[T](l)) //corpus:want FA602
	}
	return out
}

// FillSlab returns n frame-allocated values from one slab.
func FillSlab[T any](l *allocator.Local, n int) []*T {
	slab := allocator.FrameSlice[T](l, n) //corpus:clean FA602
	out := allocator.FrameSlice[*T](l, n) //corpus:clean FA602
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

// Send sends v on ch.
func Send[T any](ch chan<- T, v T) {
	ch <- v //corpus:clean FA201
}

// Sum adds up xs.
func Sum[T ~int | ~float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}
