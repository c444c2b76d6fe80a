// Package ai is the AI subsystem (tag "ai").
package ai

import (
	"example.com/corpus/arch/tags"
	"github.com/framealloc/fa/allocator"
)

// Plan is an agent's plan.
type Plan struct {
	Goal  int
	Steps [8]int
}

// Think plans for n agents.
func Think(a *allocator.Allocator, l *allocator.Local, n int, name string) error {
	l.WithTag("ai", func() { //corpus:clean FA801 FA802 FA803
		allocator.FrameSlice[Plan](l, n)[0].Goal = 1
	})
	l.WithTag("audio", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.Frame[Plan](l).Goal = 2
	})
	l.WithTag("network", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.Heap[Plan](l).Goal = 3
	})
	l.WithTag("physics", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Plan](l).Goal = 4
	})
	l.WithTag(tags.Rendering, func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Plan](l).Goal = 5
	})
	var err error
	l.WithTag("audio", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		var p *Plan
		p, err = allocator.TryFrame[Plan](l)
		if err == nil {
			p.Goal = 6
		}
	})
	l.WithTag(name, func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Plan](l).Goal = 7
	})
	l.WithTag("ai", func() { //corpus:clean FA801 FA802 FA803
		l.WithTag("physics", func() { //corpus:clean FA801 FA802 FA803
			allocator.Frame[Plan](l).Goal = 8
		})
	})
	l.BeginPhase("physics") //corpus:clean FA801 FA802 FA803
	allocator.Frame[Plan](l).Goal = 9
	l.EndPhase()
	s := a.NewScratch("rendering", 4*allocator.KiB) //corpus:clean FA801 FA802 FA803
	s.Scope(func(s *allocator.Scratch) {
		allocator.ScratchAlloc[Plan](s).Goal = 10
	})
	return err
}
