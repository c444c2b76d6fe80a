package fa703

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

type World struct {
	local *allocator.Local
	cbs   []func()
	onEnd map[string]func()
}

// --- positives: the message names how the literal runs later ---

func (w *World) register() {
	m := allocator.Frame[Msg](w.local)
	w.cbs = append(w.cbs, func() { use(m) }) // want `FA703: func literal captures frame value m but may run after the frame ends \(stored in field cbs of receiver w\)`
}

func (w *World) registerInMap() {
	m := allocator.Frame[Msg](w.local)
	w.onEnd["x"] = func() { use(m) } // want `FA703: func literal captures frame value m .*\(stored in field onEnd of receiver w\)`
}

func viaLocalVariable(l *allocator.Local) func() {
	m := allocator.Frame[Msg](l)
	f := func() { use(m) } // want `FA703: func literal captures frame value m .*\(returned\)`
	return f
}

func viaLocalSlice(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	fs := []func(){func() { use(m) }} // want `FA703: func literal captures frame value m .*\(stored in package-level variable handlers\)`
	handlers = append(handlers, fs...)
}

// --- negatives ---

// A goroutine the function waits for runs inside the frame.
func goWaited(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		use(m)
	}()
	wg.Wait()
}

func goWaitedParam(l *allocator.Local, wg *sync.WaitGroup) {
	m := allocator.Frame[Msg](l)
	wg.Add(1)
	go func() {
		defer wg.Done()
		use(m)
	}()
	wg.Wait()
}

// Kept in a local slice and called inside the frame.
func localCallbacks(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	var fs []func()
	fs = append(fs, func() { use(m) })
	for _, f := range fs {
		f()
	}
	l.EndFrame()
}

// Deferred after the deferred EndFrame: runs before it.
func deferredAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	m := allocator.Frame[Msg](l)
	defer func() { use(m) }()
}

// A goroutine that closes a channel when it finishes, received from
// before the function goes on, runs inside the frame.
func goJoinedByClose(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	done := make(chan struct{})
	go func() {
		defer close(done)
		use(m)
	}()
	<-done
}

// The same with the signal sent as the literal's last statement, and the
// receive in a select.
func goJoinedBySend(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	done := make(chan error, 1)
	go func() {
		use(m)
		done <- nil
	}()
	select {
	case <-done:
	}
}

// --- positives: the channel does not wait for the literal's end ---

func goSignalsFirst(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	done := make(chan struct{})
	go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
		done <- struct{}{}
		use(m)
	}()
	<-done
}

func goNeverReceived(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	done := make(chan struct{})
	go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
		defer close(done)
		use(m)
	}()
	_ = done
}

func goSendsInLoop(l *allocator.Local) {
	m := allocator.Frame[Msg](l)
	done := make(chan struct{})
	for range 3 {
		go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
			use(m)
			done <- struct{}{}
		}()
	}
	<-done
}

// Joined only after the frame ended: the goroutine may still run then.
func goWaitedAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
		defer wg.Done()
		use(m)
	}()
	l.EndFrame()
	wg.Wait()
}

func goJoinedByCloseAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	m := allocator.Frame[Msg](l)
	done := make(chan struct{})
	go func() { // want `FA703: func literal captures frame value m but may run after the frame ends \(started with go\)`
		defer close(done)
		use(m)
	}()
	l.EndFrame()
	<-done
}

// In a frame loop, the wait of one iteration comes before its EndFrame.
func goWaitedEachFrame(l *allocator.Local, n int) {
	for range n {
		l.BeginFrame()
		m := allocator.Frame[Msg](l)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(m)
		}()
		wg.Wait()
		l.EndFrame()
	}
}
