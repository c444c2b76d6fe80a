package allocator

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// runWithin runs fn and fails the test if it has not returned after d, so
// that a barrier bug shows as a failure rather than a hung test binary.
func runWithin(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("did not finish within %v (deadlock?)\n%s", d, buf)
	}
}

// mustPanicMisuse runs fn and returns the panic message, failing the test
// unless fn panics with an error wrapping ErrBarrierMisuse.
func mustPanicMisuse(t *testing.T, fn func()) string {
	t.Helper()
	got := mustPanic(t, fn)
	err, ok := got.(error)
	if !ok || !errors.Is(err, ErrBarrierMisuse) {
		t.Fatalf("panic value %v (%T) does not wrap ErrBarrierMisuse", got, got)
	}
	return err.Error()
}

func TestBarrierStress(t *testing.T) {
	frames := 3000
	if testing.Short() {
		frames = 500
	}
	for _, n := range []int{1, 2, 3, 5, 8} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			b := NewFrameBarrier(n)
			// arrived[k] counts the participants that have done the work of
			// frame k; after WaitAll of frame k it must be exactly n, and
			// nobody may have reached frame k+1 before every WaitAll of
			// frame k has been entered.
			arrived := make([]atomic.Int32, frames)
			var errs atomic.Int32
			runWithin(t, 2*time.Minute, func() {
				var wg sync.WaitGroup
				for p := range n {
					spawn(&wg, func() {
						for k := range frames {
							if k > 0 && arrived[k-1].Load() != int32(n) {
								errs.Add(1)
							}
							arrived[k].Add(1)
							if (k+p)%7 == 0 {
								runtime.Gosched()
							}
							b.SignalFrameComplete()
							if (k*p)%11 == 3 {
								runtime.Gosched()
							}
							b.WaitAll()
							if got := arrived[k].Load(); got != int32(n) {
								errs.Add(1)
							}
						}
					})
				}
				wg.Wait()
			})
			if e := errs.Load(); e != 0 {
				t.Fatalf("%d frame-ordering violations", e)
			}
			if g := b.Generation(); g != uint64(frames) {
				t.Fatalf("Generation() = %d, want %d", g, frames)
			}
		})
	}
}

// TestBarrierLateWaiter pins the case a naive barrier gets wrong: the last
// signal arrives while one participant has not yet entered WaitAll, and a
// fast participant has already come back for the next frame.
func TestBarrierLateWaiter(t *testing.T) {
	b := NewFrameBarrier(2)
	runWithin(t, 30*time.Second, func() {
		fastDone := make(chan struct{})
		b.SignalFrameComplete() // slow participant signals frame 0 ...
		go func() {
			defer close(fastDone)
			for range 100 {
				b.SignalFrameComplete()
				b.WaitAll()
			}
		}()
		time.Sleep(10 * time.Millisecond) // ... and enters WaitAll late.
		b.WaitAll()
		for range 99 {
			b.SignalFrameComplete()
			b.WaitAll()
		}
		<-fastDone
	})
	if g := b.Generation(); g != 100 {
		t.Fatalf("Generation() = %d, want 100", g)
	}
}

// TestBarrierWaitBlocksUntilAllSignal checks that WaitAll does not return
// while a participant has still to signal.
func TestBarrierWaitBlocksUntilAllSignal(t *testing.T) {
	b := NewFrameBarrier(3)
	var released atomic.Int32
	var wg sync.WaitGroup
	for range 2 {
		spawn(&wg, func() {
			b.SignalFrameComplete()
			b.WaitAll()
			released.Add(1)
		})
	}
	time.Sleep(20 * time.Millisecond)
	if r := released.Load(); r != 0 {
		t.Fatalf("%d WaitAll returned before the third participant signalled", r)
	}
	if g := b.Generation(); g != 0 {
		t.Fatalf("Generation() = %d before completion, want 0", g)
	}
	b.SignalFrameComplete()
	b.WaitAll()
	runWithin(t, 30*time.Second, wg.Wait)
	if g := b.Generation(); g != 1 {
		t.Fatalf("Generation() = %d, want 1", g)
	}
}

func TestBarrierMisuse(t *testing.T) {
	for _, n := range []int{0, -1} {
		msg := mustPanicMisuse(t, func() { NewFrameBarrier(n) })
		if !strings.Contains(msg, "at least 1") {
			t.Errorf("NewFrameBarrier(%d) message %q does not explain the count", n, msg)
		}
	}

	t.Run("too many signals", func(t *testing.T) {
		b := NewFrameBarrier(2)
		b.SignalFrameComplete()
		b.SignalFrameComplete()
		msg := mustPanicMisuse(t, b.SignalFrameComplete)
		if !strings.Contains(msg, "more than 2 SignalFrameComplete") {
			t.Errorf("message %q does not name the count", msg)
		}
		// The barrier is still usable by the two real participants.
		runWithin(t, 30*time.Second, func() {
			done := make(chan struct{})
			go func() { b.WaitAll(); close(done) }()
			b.WaitAll()
			<-done
		})
		if g := b.Generation(); g != 1 {
			t.Fatalf("Generation() = %d, want 1", g)
		}
	})

	t.Run("wait without signal", func(t *testing.T) {
		b := NewFrameBarrier(2)
		msg := mustPanicMisuse(t, b.WaitAll)
		if !strings.Contains(msg, "SignalFrameComplete before WaitAll") {
			t.Errorf("message %q does not explain the protocol", msg)
		}
		b.SignalFrameComplete()
		done := make(chan struct{})
		go func() { b.WaitAll(); close(done) }()
		// Wait until the goroutine has entered WaitAll, then a second,
		// unsignalled wait must panic.
		for {
			b.mu.Lock()
			w := b.waiting
			b.mu.Unlock()
			if w == 1 {
				break
			}
			runtime.Gosched()
		}
		mustPanicMisuse(t, b.WaitAll)
		b.SignalFrameComplete()
		b.WaitAll()
		runWithin(t, 30*time.Second, func() { <-done })
	})

	t.Run("signal twice in one frame", func(t *testing.T) {
		b := NewFrameBarrier(1)
		b.SignalFrameComplete()
		mustPanicMisuse(t, b.SignalFrameComplete)
		b.WaitAll()
		if g := b.Generation(); g != 1 {
			t.Fatalf("Generation() = %d, want 1", g)
		}
	})
}

func TestBarrierParticipants(t *testing.T) {
	if got := NewFrameBarrier(4).Participants(); got != 4 {
		t.Fatalf("Participants() = %d, want 4", got)
	}
}

// BenchmarkFrameSync measures one frame boundary between two goroutines:
// with the FrameBarrier (both signal and wait), and with an unbuffered
// channel ping-pong (one handoff each way), in the same run. Compare with
// benchstat -col /impl.
func BenchmarkFrameSync(b *testing.B) {
	b.Run("impl=barrier", func(b *testing.B) {
		fb := NewFrameBarrier(2)
		done := make(chan struct{})
		n := b.N
		go func() {
			defer close(done)
			for range n {
				fb.SignalFrameComplete()
				fb.WaitAll()
			}
		}()
		b.ResetTimer()
		for range n {
			fb.SignalFrameComplete()
			fb.WaitAll()
		}
		<-done
	})
	b.Run("impl=chan", func(b *testing.B) {
		ping, pong := make(chan struct{}), make(chan struct{})
		done := make(chan struct{})
		n := b.N
		go func() {
			defer close(done)
			for range n {
				<-ping
				pong <- struct{}{}
			}
		}()
		b.ResetTimer()
		for range n {
			ping <- struct{}{}
			<-pong
		}
		<-done
	})
}
