package allocator

import (
	"errors"
	"strings"
	"testing"
	"unsafe"
)

func TestInFrame(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	if l.InFrame() {
		t.Fatal("in a frame before BeginFrame")
	}
	l.BeginFrame()
	if !l.InFrame() {
		t.Fatal("not in a frame after BeginFrame")
	}
	l.EndFrame()
	if l.InFrame() {
		t.Fatal("in a frame after EndFrame")
	}
}

// TestOutsideFrameNotDebug: without Config.Debug an allocation outside a
// frame works and lives until the next EndFrame; the frame budget counts
// from BeginFrame.
func TestOutsideFrameNotDebug(t *testing.T) {
	a := New(Config{FrameBudget: 100})
	l := a.NewLocal()
	p := Frame[int64](l)
	*p = 5
	l.BeginFrame()
	if err := FrameCheck(l, p); err != nil || *p != 5 {
		t.Fatalf("allocation made before BeginFrame is gone: %v", err)
	}
	if _, err := TryFrameSlice[byte](l, 100); err != nil {
		t.Fatalf("the frame budget does not count from BeginFrame: %v", err)
	}
	l.EndFrame()
	if err := FrameCheck(l, p); err == nil {
		t.Fatal("allocation made before BeginFrame outlived EndFrame")
	}
}

func TestOutsideFrameDebugPanics(t *testing.T) {
	a := New(Config{Debug: true})
	l := a.NewLocal()
	h := func() *TransferHandle[int64] {
		s := a.NewLocal()
		s.BeginFrame()
		defer s.EndFrame()
		return Transfer(s, Frame[int64](s))
	}()
	for name, alloc := range map[string]func(){
		"Frame":         func() { Frame[int64](l) },
		"TryFrame":      func() { TryFrame[mixed](l) },
		"FrameSlice":    func() { FrameSlice[int32](l, 4) },
		"TryFrameSlice": func() { TryFrameSlice[int32](l, 4) },
		"FrameBytes":    func() { FrameBytes(l, 16) },
		"FrameAppend":   func() { FrameAppend(l, []byte(nil), 1) },
		"FrameRetained": func() { FrameRetained[int64](l, PromoteToHeap) },
		"Leak":          func() { FrameRetained[int64](l, Leak) },
		"zero size":     func() { Frame[struct{}](l) },
		"Receive":       func() { h.Receive(l) },
	} {
		for _, when := range []string{"before the first frame", "after EndFrame"} {
			p := mustPanic(t, alloc)
			err, ok := p.(error)
			if !ok || !errors.Is(err, ErrNotInFrame) {
				t.Errorf("%s %s: panicked with %v, want ErrNotInFrame", name, when, p)
			} else if !strings.Contains(err.Error(), "BeginFrame") {
				t.Errorf("%s: message %q does not say what to do", name, err)
			}
			l.BeginFrame()
			alloc() // fine inside a frame (Receive fails later: once only)
			l.EndFrame()
			h = func() *TransferHandle[int64] {
				s := a.NewLocal()
				s.BeginFrame()
				defer s.EndFrame()
				return Transfer(s, Frame[int64](s))
			}()
		}
	}
	if st := l.Stats(); st.FrameAllocations == 0 {
		t.Fatal("no allocation counted inside the frames")
	}
}

// TestPoolFreeDebug: with Config.Debug, PoolFree of a pointer its pool did
// not hand out panics instead of putting it on the free list.
func TestPoolFreeDebug(t *testing.T) {
	a := New(Config{Debug: true})
	l := a.NewLocal()
	p := Pool[small64](l)
	q := Pool[small64](l)
	cases := map[string]struct {
		free func()
		want string
	}{
		"between objects":  {func() { PoolFree(l, (*small64)(unsafe.Add(unsafe.Pointer(p), 8))) }, "not the start of an object"},
		"never handed out": {func() { PoolFree(l, (*small64)(unsafe.Add(unsafe.Pointer(q), 64*4))) }, "never handed out"},
		"heap object":      {func() { PoolFree(l, new(small64)) }, "no pool of this Allocator"},
		"frame object": {func() {
			l.BeginFrame()
			defer l.EndFrame()
			PoolFree(l, Frame[small64](l))
		}, "no pool of this Allocator"},
		"double free": {func() { PoolFree(l, q); PoolFree(l, q) }, "double PoolFree"},
	}
	for name, c := range cases {
		got := mustPanic(t, c.free)
		if s, ok := got.(string); !ok || !strings.Contains(s, c.want) {
			t.Errorf("%s: panicked with %v, want %q", name, got, c.want)
		}
	}
	// The free list holds only what was freed correctly: q, once.
	if r := Pool[small64](l); r != q {
		t.Fatal("the correctly freed object is not reused first")
	}
	if r := Pool[small64](l); r == p || r == q {
		t.Fatal("an object in use was handed out again")
	}

	// Freed through another Local: checked before it is queued.
	o := a.NewLocal()
	x := Pool[small64](o)
	for name, c := range map[string]struct {
		free func()
		want string
	}{
		"between objects": {func() { PoolFree(l, (*small64)(unsafe.Add(unsafe.Pointer(x), 16))) }, "not the start of an object"},
		"another type":    {func() { PoolFree(l, (*[2]int64)(unsafe.Pointer(x))) }, "another type"},
	} {
		got := mustPanic(t, c.free)
		if s, ok := got.(string); !ok || !strings.Contains(s, c.want) {
			t.Errorf("other Local, %s: panicked with %v, want %q", name, got, c.want)
		}
	}
	PoolFree(l, x) // correct: queued for o
	if n := o.ProcessDeferred(); n != 1 {
		t.Fatalf("owner took back %d objects, want 1", n)
	}
}
