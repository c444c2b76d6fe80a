// Package fa605 stores a FrameRetained(..., Discard) value beyond the
// frame: Discard memory ends with the frame like any frame memory (FA605).
package fa605

import "github.com/framealloc/fa/allocator"

// Event is a gameplay event.
type Event struct{ Kind, Target int }

// Journal keeps the last event of each kind.
var Journal = map[int]*Event{}

// Record journals an event allocated with the Discard policy.
func Record(l *allocator.Local, kind, target int) {
	e := allocator.FrameRetained[Event](l, allocator.Discard)
	e.Kind, e.Target = kind, target
	Journal[kind] = e // FA605: Discard memory stored beyond the frame
}
