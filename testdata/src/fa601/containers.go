package fa601

import (
	"example.com/fa601/helpers"
	fa "github.com/framealloc/fa/allocator"
)

var history []*helpers.Vec

// A helper that appends its argument to a slice returns a slice holding
// it: storing that slice globally stores the frame value.
func appendThroughHelper(l *fa.Local) {
	v := fa.Frame[helpers.Vec](l)
	history = helpers.Append(history, v) // want `FA601: frame value v escapes to package-level variable history`
}

// A helper that returns a new slice of frame values of its Local.
func batchThroughHelper(l *fa.Local) {
	history = helpers.Batch(l) // want `FA601: frame value helpers.Batch\(...\) escapes to package-level variable history`
}

// The same helpers on a local slice used inside the frame: no escape.
func localContainer(l *fa.Local) float64 {
	var s []*helpers.Vec
	s = helpers.Append(s, fa.Frame[helpers.Vec](l))
	s = append(s, helpers.Batch(l)...)
	sum := 0.0
	for _, v := range s {
		sum += v.X
	}
	return sum
}

// Appending a heap value is fine.
func appendHeap(l *fa.Local) {
	history = helpers.Append(history, fa.Heap[helpers.Vec](l))
}
