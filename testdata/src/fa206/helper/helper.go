// Package helper starts goroutines for its callers.
package helper

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

// Start runs a frame loop on l in a new goroutine.
func Start(l *allocator.Local) {
	go run(l)
}

func run(l *allocator.Local) {
	for {
		l.BeginFrame()
		l.EndFrame()
	}
}

// Spawn runs f on a new goroutine.
func Spawn(f func()) {
	go f()
}

// Later keeps f for later without starting a goroutine.
func Later(f func()) func() {
	return f
}

// Parallel runs a frame on l in another goroutine and waits for it.
func Parallel(l *allocator.Local) {
	var wg sync.WaitGroup
	wg.Go(func() {
		l.BeginFrame()
		l.EndFrame()
	})
	wg.Wait()
}
