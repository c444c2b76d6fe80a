// Package bus is an event bus. It does not import the allocator: what its
// methods keep is known from their facts all the same.
package bus

// Bus keeps callbacks until it is dropped.
type Bus struct{ handlers []func() }

// Subscribe keeps fn in the bus.
func (b *Bus) Subscribe(fn func()) { b.handlers = append(b.handlers, fn) }

// Publish calls every kept callback.
func (b *Bus) Publish() {
	for _, h := range b.handlers {
		h()
	}
}

// Each calls fn n times before returning; it keeps nothing.
func Each(n int, fn func(int)) {
	for i := range n {
		fn(i)
	}
}
