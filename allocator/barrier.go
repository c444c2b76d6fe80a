package allocator

import (
	"errors"
	"fmt"
	"sync"
)

// ErrBarrierMisuse is wrapped by the value a FrameBarrier panics with when it
// is used against its contract (a non-positive participant count, more
// signals than participants in one generation, or a WaitAll with no signal
// of its own). Recover the panic value as an error and test it with
// errors.Is.
var ErrBarrierMisuse = errors.New("allocator: FrameBarrier misuse")

// FrameBarrier synchronises the frame boundaries of a fixed number of
// goroutines, the participants, so that no participant starts frame k+1
// before every participant has finished frame k. It is reusable for any
// number of frames and safe for concurrent use.
//
// # Protocol
//
// Every participant, once per frame and in this order:
//
//  1. calls SignalFrameComplete when it has finished the frame's work (it
//     never blocks);
//  2. calls WaitAll, which blocks until the generation is complete.
//
// A typical worker loop:
//
//	for range frames {
//		l.BeginFrame()
//		// ... frame work ...
//		l.EndFrame()
//		b.SignalFrameComplete()
//		b.WaitAll()
//	}
//
// # Generations
//
// The barrier counts generations from 0 (see Generation). Generation g is
// complete when all n participants have called SignalFrameComplete and all
// n have entered WaitAll. At that moment, and only then, the generation
// advances to g+1 and every WaitAll of generation g returns. Because a
// participant can only signal generation g+1 after its WaitAll of
// generation g has returned, every signal and every WaitAll belongs to
// exactly one generation: no wake-up can be lost or given to the wrong
// frame, whatever the scheduling.
//
// A goroutine that only wants to wait for the others (a coordinator or a
// render loop) is a participant too: it is counted in n and calls
// SignalFrameComplete before WaitAll. Go has no goroutine identity, so a
// barrier cannot tell a participant's WaitAll from an onlooker's; the
// protocol above is what makes the counting exact.
//
// # Misuse
//
// Misuse panics with an error wrapping ErrBarrierMisuse instead of
// deadlocking silently: NewFrameBarrier with n <= 0, an (n+1)-th
// SignalFrameComplete in one generation (a participant signalled twice, or
// more goroutines signal than were declared), and a WaitAll when every
// signal of the generation already has its WaitAll (a goroutine waited
// without signalling). A participant that never signals or never waits
// blocks the others, as with any barrier; FA202 and FA205 of the fa
// analyzer report the code patterns that lead there.
type FrameBarrier struct {
	n int

	mu      sync.Mutex
	cond    sync.Cond
	gen     uint64 // current generation
	signals int    // SignalFrameComplete calls in gen
	waiting int    // WaitAll calls entered in gen
}

// NewFrameBarrier returns a barrier for n participants, at generation 0. It
// panics with an error wrapping ErrBarrierMisuse if n <= 0.
func NewFrameBarrier(n int) *FrameBarrier {
	if n <= 0 {
		panic(fmt.Errorf("%w: NewFrameBarrier(%d): the participant count must be at least 1", ErrBarrierMisuse, n))
	}
	b := &FrameBarrier{n: n}
	b.cond.L = &b.mu
	return b
}

// Participants returns n, the number of participants given to
// NewFrameBarrier.
func (b *FrameBarrier) Participants() int { return b.n }

// Generation returns the number of completed generations, which is also the
// index of the generation currently collecting signals.
func (b *FrameBarrier) Generation() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.gen
}

// SignalFrameComplete records that the calling participant has finished its
// work for the current generation. It never blocks. It panics with an error
// wrapping ErrBarrierMisuse when it would be the (n+1)-th signal of the
// generation.
func (b *FrameBarrier) SignalFrameComplete() {
	b.mu.Lock()
	if b.signals == b.n {
		gen, n := b.gen, b.n
		b.mu.Unlock()
		panic(fmt.Errorf("%w: generation %d received more than %d SignalFrameComplete calls: "+
			"a participant signalled twice before its WaitAll returned, or more goroutines use the barrier than NewFrameBarrier(%d) declared",
			ErrBarrierMisuse, gen, n, n))
	}
	b.signals++
	b.mu.Unlock()
}

// WaitAll blocks until the current generation is complete: all n
// participants have called SignalFrameComplete and entered WaitAll. The
// last participant to enter advances the generation and wakes the others.
// It panics with an error wrapping ErrBarrierMisuse when the caller has not
// signalled the generation (there are as many WaitAll calls as signals
// already).
func (b *FrameBarrier) WaitAll() {
	b.mu.Lock()
	if b.waiting == b.signals {
		gen, s := b.gen, b.signals
		b.mu.Unlock()
		panic(fmt.Errorf("%w: WaitAll in generation %d without a SignalFrameComplete of its own "+
			"(%d signals, %d waits already): every participant must call SignalFrameComplete before WaitAll, once per frame",
			ErrBarrierMisuse, gen, s, s))
	}
	b.waiting++
	if b.waiting == b.n {
		// waiting <= signals <= n, so every participant has signalled too.
		b.gen++
		b.signals = 0
		b.waiting = 0
		b.cond.Broadcast()
		b.mu.Unlock()
		return
	}
	for gen := b.gen; b.gen == gen; {
		b.cond.Wait()
	}
	b.mu.Unlock()
}
