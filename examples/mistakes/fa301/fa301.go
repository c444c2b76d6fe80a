// Package fa301 runs an unbounded frame loop that allocates with no budget
// guard: nothing stops one burst of events from exhausting memory (FA301).
package fa301

import "github.com/framealloc/fa/allocator"

// Event is an input event.
type Event struct{ Key, Code int }

// Pump turns every event into a frame-allocated copy until the channel
// closes.
func Pump(l *allocator.Local, events <-chan Event, handle func(*Event)) {
	for ev := range events {
		l.BeginFrame()
		e := allocator.Frame[Event](l) // FA301: unbounded loop, no SetFrameBudget / Config.FrameBudget
		*e = ev
		handle(e)
		l.EndFrame()
	}
}
