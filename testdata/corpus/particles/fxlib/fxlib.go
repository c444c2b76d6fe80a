// Package fxlib starts effect goroutines on allocators its callers
// configure; it builds no Config of its own.
package fxlib

import "github.com/framealloc/fa/allocator"

// StartEmitter runs frames of an emitter on a new goroutine.
func StartEmitter(a *allocator.Allocator, frames int) {
	go func() {
		l := a.NewLocal() //corpus:clean FA203
		defer l.Close()
		for f := 0; f < frames; f++ {
			l.BeginFrame()
			buf := allocator.FrameBytes(l, 256) //corpus:clean FA602
			buf[0] = byte(f)
			l.EndFrame()
		}
	}()
}
