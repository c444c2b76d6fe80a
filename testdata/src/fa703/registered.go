package fa703

import (
	"example.com/fa703/bus"
	"github.com/framealloc/fa/allocator"
)

// Callbacks registered with a helper of a package that does not import
// the allocator.

type client struct {
	events bus.Bus
}

// --- positives ---

func (c *client) subscribeCapture(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	c.events.Subscribe(func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(registered to run later by bus.Bus.Subscribe\)`
		use(m)
	})
	l.EndFrame()
}

// --- negatives ---

func eachCapture(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	bus.Each(2, func(i int) {
		_ = i
		use(m)
	})
	l.EndFrame()
}

func (c *client) subscribeCopy(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	text := m.Text
	c.events.Subscribe(func() {
		use(&Msg{Text: text})
	})
	l.EndFrame()
}
