// Package plain never imports the allocator: the core must not build SSA
// for it. Its functions get the facts the syntax shows (what they hand to
// other goroutines, which callbacks they keep), nothing else.
package plain

import (
	"sync"
	"time"
)

var global []*int

// Keep stores p globally: stores are not summarised for such packages.
func Keep(p *int) { global = append(global, p) }

// Post sends p to a worker.
func Post(ch chan<- *int, p *int) { // want Post:"hands-off-param1\\(send\\)"
	ch <- p
}

// PostPair sends a struct holding p.
func PostPair(ch chan<- pair, p *int) { // want PostPair:"hands-off-param1\\(send\\)"
	ch <- pair{n: 1, p: p}
}

type pair struct {
	n int
	p *int
}

// Spawn works on p on a new goroutine.
func Spawn(p *int, done chan<- int) { // want Spawn:"hands-off-param0\\(go\\) hands-off-param1\\(go\\) go-gets\\[0 1\\]"
	go work(p, done)
}

func work(p *int, done chan<- int) { done <- *p }

// SpawnCaptured works on p in a func literal on a new goroutine.
func SpawnCaptured(p *int) { // want SpawnCaptured:"go-gets\\[0\\]"
	go func() { *p++ }()
}

// Run starts fn on a new goroutine.
func Run(fn func()) { // want Run:"keeps-func\\[0\\] go-runs\\[0\\]"
	go fn()
}

// Relay posts through Post.
func Relay(ch chan<- *int, p *int) { // want Relay:"hands-off-param1\\(send\\)"
	Post(ch, p)
}

// Bus keeps callbacks.
type Bus struct{ handlers []func() }

// Subscribe keeps fn in the receiver.
func (b *Bus) Subscribe(fn func()) { // want Subscribe:"keeps-func\\[1\\]"
	b.handlers = append(b.handlers, fn)
}

// Later keeps fn through the standard library.
func Later(fn func()) { // want Later:"keeps-func\\[0\\]"
	time.AfterFunc(time.Second, fn)
}

// Returned returns fn.
func Returned(fn func()) func() { // want Returned:"keeps-func\\[0\\]"
	return fn
}

// --- no facts ---

// Each calls fn before returning.
func Each(n int, fn func(int)) {
	for i := range n {
		fn(i)
	}
}

// Collect keeps fn only in a local slice it calls at once.
func Collect(fn func()) {
	var fns []func()
	fns = append(fns, fn)
	for _, f := range fns {
		f()
	}
}

// Waited hands p to a goroutine it waits for.
func Waited(p *int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		*p++
	}()
	go work(p, nil)
	wg.Wait()
}

// Reassigned sends a copy, not its parameter.
func Reassigned(ch chan<- *int, p *int) {
	n := *p
	p = &n
	ch <- p
}

// SendCopy sends a copy of the bytes.
func SendCopy(ch chan<- string, b []byte) {
	ch <- string(b)
}

// SendCount sends a number.
func SendCount(ch chan<- int, n int) {
	ch <- n
}
