// Package loopsmodel exercises the loop model: each allocation is
// described by the innermost loop around it.
package loopsmodel

import (
	"iter"

	"github.com/framealloc/fa/allocator"
)

type T struct{ N int }

func tick(l *allocator.Local) {
	l.EndFrame()
	l.BeginFrame()
}

func shapes(l *allocator.Local, ch chan int, xs []int, m map[int]int, seq iter.Seq[int], n int) {
	_ = allocator.Frame[T](l) // want `no loop`
	for i := 0; i < n; i++ {
		_ = allocator.Frame[T](l) // want `3-clause for loop bounded=true frame=false`
	}
	for range n {
		_ = allocator.Frame[T](l) // want `range over an integer bounded=true frame=false`
	}
	for range xs {
		_ = allocator.Frame[T](l) // want `range over a slice bounded=true frame=false`
	}
	for range m {
		_ = allocator.Frame[T](l) // want `range over a map bounded=true frame=false`
	}
	for range "abc" {
		_ = allocator.Frame[T](l) // want `range over a string bounded=true frame=false`
	}
	for range ch {
		_ = allocator.Frame[T](l) // want `range over a channel bounded=false frame=false`
	}
	for x := range seq {
		_ = x
		_ = allocator.Frame[T](l) // want `range over an iterator bounded=false frame=false`
	}
	for n > 0 {
		n--
		_ = allocator.Frame[T](l) // want `for-condition loop bounded=false frame=false`
	}
	for {
		_ = allocator.Frame[T](l) // want `for \{\} loop bounded=false frame=false`
		break
	}
}

func frameLoops(l *allocator.Local, n int) {
	for i := 0; i < n; i++ {
		l.BeginFrame()
		_ = allocator.Frame[T](l) // want `3-clause for loop bounded=true frame=true`
		for j := 0; j < 3; j++ {
			_ = allocator.Frame[T](l) // want `3-clause for loop bounded=true frame=false`
		}
		l.EndFrame()
	}
	for {
		tick(l)                   // a helper ends and begins the frame
		_ = allocator.Frame[T](l) // want `for \{\} loop bounded=false frame=true`
	}
}

func closures(l *allocator.Local, n int) {
	for i := 0; i < n; i++ {
		l.BeginFrame()
		l.WithTag("physics", func() {
			_ = allocator.Frame[T](l) // want `3-clause for loop bounded=true frame=true`
		})
		go func() {
			_ = allocator.Frame[T](l) // want `no loop`
		}()
		l.EndFrame()
	}
}
