// Package mid is the middle layer: it forwards to package store.
package mid

import (
	"example.com/corpus/crosspkg/store"
	"github.com/framealloc/fa/allocator"
)

// Register adds r to the registry.
func Register(g *store.Registry, r *store.Record) {
	g.Add(r) //corpus:clean FA601
}

// Scratch returns a frame record for temporary work.
func Scratch(l *allocator.Local) *store.Record {
	r := store.Alloc(l)
	r.Count = 1
	return r
}

// Kept returns a pooled record.
func Kept(l *allocator.Local) *store.Record {
	return store.AllocPooled(l)
}

// Publish sends r to the listeners.
func Publish(ch chan<- *store.Record, r *store.Record) {
	store.Send(ch, r) //corpus:clean FA201
}

// Spawn consumes r on a new goroutine.
func Spawn(r *store.Record) {
	go store.Consume(r) //corpus:clean FA201
}

// OnChange registers fn on the bus, which keeps it.
func OnChange(b *store.Bus, fn func()) {
	b.Subscribe(fn)
}

// Each calls fn for each of n items before returning.
func Each(n int, fn func(int)) {
	for i := 0; i < n; i++ {
		fn(i)
	}
}

// Snapshot returns a heap copy of r.
func Snapshot(r *store.Record) *store.Record { return store.Clone(r) }
