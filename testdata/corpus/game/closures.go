package main

import (
	"fmt"
	"sort"

	"github.com/framealloc/fa/allocator"
)

// runClosures exercises func literals around frame values.
func runClosures(a *allocator.Allocator) {
	l := a.NewLocal()
	defer l.Close()
	w := NewWorld(a)
	w.queueAnnouncement(l)
	for _, h := range w.hooks {
		h()
	}
	fmt.Println(w.deferredReport(l)())
	w.autosave(l)
	w.endOfFrameLog(l)
	w.orderedDraw(l)
	w.sortedDraw(l)
}

// queueAnnouncement queues a hook that prints a frame event later.
func (w *World) queueAnnouncement(l *allocator.Local) {
	l.BeginFrame()
	ev := allocator.Frame[Event](l)
	ev.Kind = EventHit
	w.hooks = append(w.hooks, func() { //corpus:want FA703
		fmt.Println("event", ev.Kind)
	})
	l.EndFrame()
}

// deferredReport returns a report function over a frame summary.
func (w *World) deferredReport(l *allocator.Local) func() int {
	l.BeginFrame()
	s := allocator.Frame[Summary](l)
	s.Entities = len(w.entities)
	l.EndFrame()
	return func() int { //corpus:want FA703
		return s.Entities
	}
}

// autosave writes the frame's summary from a background goroutine.
func (w *World) autosave(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Summary](l)
	s.Events = len(w.log)
	done := make(chan struct{})
	go func() { //corpus:want FA703
		fmt.Println("saved", s.Events)
		close(done)
	}()
	l.EndFrame()
	<-done
}

// endOfFrameLog defers a log line in a function that ends the frame: the
// deferred call runs after EndFrame.
func (w *World) endOfFrameLog(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Summary](l)
	defer func() { //corpus:want FA703
		fmt.Println("frame had", s.Entities) //corpus:clean FA606
	}()
	s.Entities = len(w.entities)
	l.EndFrame()
}

// orderedDraw defers the draw after the deferred EndFrame, so it runs
// before it; the tag body and a literal called at once run in the frame.
func (w *World) orderedDraw(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[Summary](l)
	defer func() { //corpus:clean FA703
		fmt.Println("drawn", s.Entities)
	}()
	l.WithTag("render", func() { //corpus:clean FA703
		s.Entities = len(w.entities)
	})
	func() { //corpus:clean FA703
		s.Events++
	}()
	show := func() { fmt.Println(s.Events) } //corpus:clean FA703
	show()
}

// sortedDraw sorts frame draw calls with a comparator capturing them.
func (w *World) sortedDraw(l *allocator.Local) {
	l.BeginFrame()
	calls := allocator.FrameSlice[Entity](l, len(w.entities))
	for i, e := range w.entities {
		calls[i] = *e
	}
	sort.Slice(calls, func(i, j int) bool { //corpus:clean FA703
		return calls[i].Pos.Y < calls[j].Pos.Y
	})
	v := *allocator.Frame[Vec2](l)
	go func() { //corpus:clean FA703
		fmt.Println(v.X)
	}()
	l.EndFrame()
}
