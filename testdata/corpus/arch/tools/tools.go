// Package tools holds developer tools; no tag is its own.
package tools

import (
	"example.com/corpus/arch/tags"
	"github.com/framealloc/fa/allocator"
)

// Sample is a profiler sample.
type Sample struct{ Frame, Bytes int }

const debugTag = "debug"

// Profile samples allocations under various tags.
func Profile(a *allocator.Allocator, l *allocator.Local, tag string) {
	l.WithTag("phyiscs", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 1
	})
	l.WithTag("Audio", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 2
	})
	l.WithTag(debugTag, func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 3
	})
	l.WithTag(tags.Telemetry, func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 4
	})
	l.WithTag("net"+"code", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 5
	})
	l.WithTag("scratchpad", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		p := allocator.Pool[Sample](l)
		p.Bytes = 6
		allocator.PoolFree(l, p)
	})
	l.WithTag("rendering ", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Sample](l).Frame = 7
	})
	l.WithTag("gc", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Heap[Sample](l).Bytes = 8
	})
	l.WithTag("physics", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Sample](l).Frame = 9
	})
	l.WithTag("ai", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Sample](l).Frame = 10
	})
	l.WithTag("phys"+"ics", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Sample](l).Frame = 11
	})
	l.WithTag("audio", func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Sample](l).Frame = 12
	})
	l.WithTag("network", func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Sample](l).Frame = 13
	})
	l.WithTag(tag, func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Sample](l).Frame = 14
	})
	l.BeginPhase("profiling") //corpus:clean FA801 FA802 FA803
	allocator.Frame[Sample](l).Frame = 15
	l.EndPhase()
	s := a.NewScratch("samples", 4*allocator.KiB) //corpus:clean FA801 FA802 FA803
	s.Scope(func(s *allocator.Scratch) {
		allocator.ScratchAlloc[Sample](s).Frame = 16
	})
}
