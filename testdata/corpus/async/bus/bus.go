// Package bus is an event bus: subscribers register callbacks that run when
// an event is published, possibly frames later.
package bus

// Bus keeps callbacks.
type Bus struct {
	handlers []func()
}

// Subscribe keeps fn until the bus is dropped.
func (b *Bus) Subscribe(fn func()) {
	b.handlers = append(b.handlers, fn)
}

// Publish calls every kept callback.
func (b *Bus) Publish() {
	for _, h := range b.handlers {
		h()
	}
}

// Each calls fn for each of n items before returning; it keeps nothing.
func Each(n int, fn func(i int)) {
	for i := 0; i < n; i++ {
		fn(i)
	}
}
