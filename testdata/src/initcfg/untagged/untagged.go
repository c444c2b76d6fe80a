// Package untagged allocates without tags, with a phase and a scratch.
package untagged

import "github.com/framealloc/fa/allocator"

func Run(a *allocator.Allocator, l *allocator.Local) {
	_ = allocator.Frame[int](l)
	l.BeginPhase("simulate")
	_ = allocator.Frame[int](l)
	l.EndPhase()
	s := a.NewScratch("decode", 1024)
	s.Scope(func(s *allocator.Scratch) { _ = allocator.ScratchAlloc[int](s) })
}
