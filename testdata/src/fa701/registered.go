package fa701

import (
	"example.com/fa701/bus"
	"github.com/framealloc/fa/allocator"
)

// Callbacks registered with a helper of a package that does not import
// the allocator.

type client struct {
	events bus.Bus
}

// --- positives ---

func (c *client) subscribeAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	c.events.Subscribe(func() {
		use(allocator.Frame[Particle](l)) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, .*registered to run later by bus.Bus.Subscribe`
	})
}

func subscribeOnPointer(b *bus.Bus, a *allocator.Allocator) {
	l := a.NewLocal()
	b.Subscribe(func() {
		use(allocator.FrameBytes(l, 8)) // want `FA701: .*registered to run later by bus.Bus.Subscribe`
	})
}

// --- negatives ---

func eachAlloc(l *allocator.Local) {
	bus.Each(3, func(i int) {
		use(allocator.FrameSlice[Particle](l, i)) // runs before Each returns
	})
}

func subscribeOwnLocal(b *bus.Bus, a *allocator.Allocator) {
	b.Subscribe(func() {
		l := a.NewLocal()
		use(allocator.Frame[Particle](l)) // a Local of the callback's own
	})
}
