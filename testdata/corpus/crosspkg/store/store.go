// Package store is the bottom layer of an inventory service: a registry
// that keeps what it is given, a bus that keeps callbacks, and allocation
// helpers.
package store

import "github.com/framealloc/fa/allocator"

// Record is an inventory record (no pointers).
type Record struct {
	SKU   int64
	Count int
	Price float64
}

// Registry keeps records.
type Registry struct {
	recs []*Record
	byID map[int64]*Record
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{byID: map[int64]*Record{}} }

// Add keeps r.
func (g *Registry) Add(r *Record) {
	g.recs = append(g.recs, r) //corpus:clean FA601
	g.byID[r.SKU] = r          //corpus:clean FA601
}

// Count reads r without keeping it.
func Count(r *Record) int { return r.Count }

// Alloc returns a frame-allocated record.
func Alloc(l *allocator.Local) *Record {
	return allocator.Frame[Record](l)
}

// AllocPooled returns a pooled record.
func AllocPooled(l *allocator.Local) *Record {
	return allocator.Pool[Record](l)
}

// Clone returns a heap copy of r.
func Clone(r *Record) *Record {
	c := *r
	return &c
}

// Send sends r on ch.
func Send(ch chan<- *Record, r *Record) {
	ch <- r //corpus:clean FA201
}

// Consume reads r.
func Consume(r *Record) { _ = r.Count }

// Bus keeps callbacks to run later.
type Bus struct{ fns []func() }

// Subscribe keeps fn.
func (b *Bus) Subscribe(fn func()) { b.fns = append(b.fns, fn) }

// Fire runs the kept callbacks.
func (b *Bus) Fire() {
	for _, f := range b.fns {
		f()
	}
}
