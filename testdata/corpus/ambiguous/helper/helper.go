// Package helper starts goroutines for its callers.
package helper

import "github.com/framealloc/fa/allocator"

// StartDrain runs frames of l on a new goroutine.
func StartDrain(l *allocator.Local, frames int) {
	go func() {
		for f := 0; f < frames; f++ {
			l.BeginFrame()
			l.EndFrame()
		}
	}()
}
