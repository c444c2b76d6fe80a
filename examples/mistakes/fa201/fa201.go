// Package fa201 sends frame memory to another goroutine without Transfer
// (FA201): the receiver may read it after the sender's frame ended.
package fa201

import "github.com/framealloc/fa/allocator"

// Snapshot is sent to the audio thread every frame.
type Snapshot struct{ Listener [3]float64 }

// Publish hands this frame's snapshot to the audio goroutine.
func Publish(l *allocator.Local, audio chan<- *Snapshot) {
	s := allocator.Frame[Snapshot](l)
	s.Listener = [3]float64{1, 2, 3}
	audio <- s // FA201: use allocator.Transfer
}
