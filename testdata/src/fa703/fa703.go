package fa703

import (
	"context"
	"sync"
	"time"

	"github.com/framealloc/fa/allocator"
)

type Msg struct{ Text string }

var handlers []func()

func use(m *Msg) { _ = m.Text }

// Later keeps fn and runs it later.
func Later(fn func()) { handlers = append(handlers, fn) }

// Now runs fn at once.
func Now(fn func()) { fn() }

// --- positives ---

func goClosure(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
		use(m)
	}()
}

func deferBeforeEnd(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	defer func() { use(m) }() // want `FA703: func literal captures frame value m .*deferred`
	l.EndFrame()
}

func deferredBeforeDeferredEnd(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	defer func() { use(m) }() // want `FA703: func literal captures frame value m`
	defer l.EndFrame()
}

func returned(l *allocator.Local) func() {
	m := allocator.Frame[Msg](l)
	return func() { use(m) } // want `FA703: func literal captures frame value m .*returned`
}

func stored(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	handlers = append(handlers, func() { use(m) }) // want `FA703: func literal captures frame value m`
}

func afterFunc(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	time.AfterFunc(time.Second, func() { use(m) }) // want `FA703: func literal captures frame value m .*registered`
}

func contextAfter(ctx context.Context, l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	context.AfterFunc(ctx, func() { use(m) }) // want `FA703: func literal captures frame value m`
}

func helperKeeps(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	Later(func() { use(m) }) // want `FA703: func literal captures frame value m`
}

func waitGroupGo(l *allocator.Local, wg *sync.WaitGroup) {
	m := allocator.Frame[Msg](l)
	wg.Go(func() { use(m) }) // want `FA703: func literal captures frame value m`
}

// --- negatives ---

func deferAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	m := allocator.Frame[Msg](l)
	defer func() { use(m) }() // runs before the deferred EndFrame
}

func deferNoEnd(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	defer func() { use(m) }() // this function never ends the frame
}

func immediate(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	func() { use(m) }()
	Now(func() { use(m) })
	l.WithTag("ui", func() { use(m) })
}

func goWithCopy(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	text := m.Text
	go func() { _ = text }()
}

func goWithPool(l *allocator.Local) {
	m := allocator.Pool[Msg](l)
	go func() { use(m) }()
}

func goWithTransfer(l *allocator.Local, a *allocator.Allocator) {
	h := allocator.Transfer(l, allocator.Frame[Msg](l))
	go func() {
		l2 := a.NewLocal()
		use(h.Receive(l2))
	}()
}

// The function waits for the group's goroutines before it goes on: they
// run within the frame, like a parallel for loop.
func waitGroupWaited(l *allocator.Local) {
	l.BeginFrame()
	ms := allocator.FrameSlice[Msg](l, 8)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := i; j < len(ms); j += 4 {
				use(&ms[j])
			}
		})
	}
	wg.Wait()
	l.EndFrame()
}

// A Wait on another group does not wait for this one.
func waitGroupOther(l *allocator.Local, other *sync.WaitGroup) {
	m := allocator.Frame[Msg](l)
	var wg sync.WaitGroup
	wg.Go(func() { use(m) }) // want `FA703: func literal captures frame value m`
	other.Wait()
}

type pipeline struct{ wg sync.WaitGroup }

// The group is a field: the Wait on the same field waits for it.
func (p *pipeline) waitedField(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	p.wg.Go(func() { use(m) })
	p.wg.Wait()
	l.EndFrame()
}
