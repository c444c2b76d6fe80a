package allocator

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"
)

type mixed struct {
	P *int
	S string
	B []byte
	M map[string]int
	I any
	A [3]*int
	X int64
	_ byte
}

type aligned struct {
	b byte
	x int64
}

func TestFrameZeroedAfterReuse(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	for f := 0; f < 5; f++ {
		l.BeginFrame()
		for i := 0; i < 3000; i++ {
			p := Frame[mixed](l)
			if p.P != nil || p.S != "" || p.B != nil || p.M != nil || p.I != nil || p.X != 0 || p.A[2] != nil {
				t.Fatalf("frame %d alloc %d not zeroed: %+v", f, i, *p)
			}
			v := i
			*p = mixed{P: &v, S: "x", B: []byte{1}, M: map[string]int{"a": 1}, I: 3, X: 7}
			s := FrameSlice[int64](l, 7)
			for j, x := range s {
				if x != 0 {
					t.Fatalf("slice not zeroed at %d", j)
				}
				s[j] = 9
			}
		}
		l.EndFrame()
	}
}

func TestAlignment(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()
	for i := 0; i < 1000; i++ {
		Frame[byte](l)
		p := Frame[aligned](l)
		if uintptr(unsafe.Pointer(p))%unsafe.Alignof(*p) != 0 {
			t.Fatalf("misaligned %p", p)
		}
		q := Frame[complex128](l)
		if uintptr(unsafe.Pointer(q))%unsafe.Alignof(*q) != 0 {
			t.Fatalf("misaligned %p", q)
		}
	}
	l.EndFrame()
}

func TestLargeSlice(t *testing.T) {
	a := New(Config{FrameSize: 64 * KiB})
	l := a.NewLocal()
	for f := 0; f < 3; f++ {
		l.BeginFrame()
		s := FrameSlice[*int](l, 100000) // 800 KB > chunk
		for i := range s {
			if s[i] != nil {
				t.Fatal("not zeroed")
			}
			v := i
			s[i] = &v
		}
		b := FrameBytes(l, 3*MiB)
		if len(b) != 3*MiB || b[len(b)-1] != 0 {
			t.Fatal("bad FrameBytes")
		}
		l.EndFrame()
	}
	if got := len(FrameSlice[int](l, 0)); got != 0 {
		t.Fatal("zero-length slice")
	}
}

func TestGCSafetyStress(t *testing.T) {
	a := New(Config{FrameSize: 16 * KiB})
	l := a.NewLocal()
	for f := 0; f < 20; f++ {
		l.BeginFrame()
		ptrs := FrameSlice[*mixed](l, 0)
		var holders []*mixed
		for i := 0; i < 2000; i++ {
			h := Frame[mixed](l)
			v := i
			h.P = &v // only frame memory references this int
			h.S = fmt.Sprint(i)
			holders = append(holders, h)
			if i%500 == 0 {
				runtime.GC()
			}
		}
		_ = ptrs
		runtime.GC()
		for i, h := range holders {
			if *h.P != i || h.S != fmt.Sprint(i) {
				t.Fatalf("frame %d: object %d corrupted", f, i)
			}
		}
		l.EndFrame()
	}
}

func TestFrameAllocsZero(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()
	Frame[mixed](l)
	FrameSlice[int](l, 8)
	n := testing.AllocsPerRun(1000, func() {
		Frame[mixed](l)
		FrameSlice[int](l, 8)
		Frame[int64](l)
	})
	if n != 0 {
		t.Fatalf("frame fast path allocates: %v allocs/run", n)
	}
}

func TestBudgets(t *testing.T) {
	a := New(Config{FrameBudget: 1024})
	l := a.NewLocal()
	l.BeginFrame()
	if _, err := TryFrameSlice[byte](l, 1000); err != nil {
		t.Fatal(err)
	}
	_, err := TryFrameSlice[byte](l, 100)
	var be *BudgetError
	if !errors.Is(err, ErrBudgetExceeded) || !errors.As(err, &be) || be.Kind != "frame" || be.Budget != 1024 {
		t.Fatalf("want frame budget error, got %v", err)
	}
	func() {
		defer func() {
			r := recover()
			e, ok := r.(error)
			if !ok || !errors.As(e, &be) {
				t.Fatalf("Frame past budget: recovered %v", r)
			}
		}()
		FrameSlice[byte](l, 100)
	}()
	l.EndFrame()
	l.BeginFrame()
	if _, err := TryFrame[[512]byte](l); err != nil {
		t.Fatalf("new frame should have budget: %v", err)
	}
	l.EndFrame()

	l.SetPoolBudget(16)
	x, err := TryPool[int64](l)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryPool[[16]byte](l); !errors.Is(err, ErrBudgetExceeded) {
		t.Fatalf("want pool budget error, got %v", err)
	}
	PoolFree(l, x)
	if _, err := TryPool[[16]byte](l); err != nil {
		t.Fatal(err)
	}
}

func TestTagsAndPhases(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	a.SetTagBudget("physics/broadphase", 100, 200)
	l.BeginFrame()
	l.BeginPhase("update")
	l.WithTag("physics", func() {
		Frame[int64](l)
		l.WithTag("broadphase", func() {
			FrameSlice[byte](l, 150) // past soft
			if _, err := TryFrameSlice[byte](l, 100); !errors.Is(err, ErrBudgetExceeded) {
				t.Errorf("tag hard budget not enforced: %v", err)
			}
			Pool[int32](l)
		})
		Heap[int64](l)
	})
	l.EndPhase()
	l.EndFrame()
	ph := a.TagStats("physics")
	bp := a.TagStats("physics/broadphase")
	if ph.FrameBytes != 158 || ph.PoolBytes != 4 || ph.HeapBytes != 8 || ph.Allocations != 4 {
		t.Errorf("physics: %+v", ph)
	}
	if bp.FrameBytes != 150 || bp.PoolBytes != 4 || bp.SoftExceeded != 1 || bp.HardExceeded != 1 || bp.HardBudget != 200 {
		t.Errorf("broadphase: %+v", bp)
	}
	ps := l.PhaseStats()
	if len(ps) != 1 || ps[0].Name != "update" || ps[0].FrameBytes != 158 || ps[0].Allocations != 4 || ps[0].Count != 1 {
		t.Errorf("phases: %+v", ps)
	}
	st := l.Stats()
	if st.FrameAllocations != 2 || st.PoolAllocations != 1 || st.HeapAllocations != 1 || st.HeapBytes != 8 || st.PoolBytes != 4 || st.FramesCompleted != 1 {
		t.Errorf("local stats: %+v", st)
	}
	as := a.Stats()
	if as.Locals != 1 || as.HeapBytes != 8 || as.FrameAllocations != 2 || len(as.Tags) != 2 || len(as.Phases) != 1 {
		t.Errorf("allocator stats: %+v", as)
	}
}

func TestPoolReuse(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	p := Pool[mixed](l)
	p.X = 5
	p.S = "s"
	PoolFree(l, p)
	q := Pool[mixed](l)
	if q != p {
		t.Fatal("freed object not reused")
	}
	if q.X != 0 || q.S != "" {
		t.Fatal("reused object not zeroed")
	}
	st := l.Stats()
	if st.PoolAllocations != 2 || st.PoolFrees != 1 || st.PoolBytes != int(unsafe.Sizeof(mixed{})) {
		t.Fatalf("%+v", st)
	}
}

func TestRetention(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()
	p := FrameRetained[mixed](l, PromoteToPool)
	h := FrameRetained[mixed](l, PromoteToHeap)
	k := FrameRetained[mixed](l, Leak)
	d := FrameRetained[mixed](l, Discard)
	v := 42
	p.P, p.S = &v, "pool"
	h.S = "heap"
	k.S = "leak"
	d.S = "discard"
	pr := l.EndFrameWithPromotions()
	if len(pr) != 2 {
		t.Fatalf("promotions: %d", len(pr))
	}
	l.BeginFrame()
	for i := 0; i < 100; i++ {
		Frame[mixed](l).S = "overwrite"
	}
	runtime.GC()
	pp := pr[0].Value.(*mixed)
	hp := pr[1].Value.(*mixed)
	if pr[0].Policy != PromoteToPool || *pp.P != 42 || pp.S != "pool" || hp.S != "heap" || k.S != "leak" {
		t.Fatalf("promoted values damaged: %+v %+v %+v", *pp, *hp, *k)
	}
	PoolFree(l, pp)
	l.EndFrame()
	st := l.Stats()
	if st.PromotionsToPool != 1 || st.PromotionsToHeap != 1 {
		t.Fatalf("%+v", st)
	}
}

func TestScratch(t *testing.T) {
	a := New(Config{})
	s := a.NewScratch("tmp", 64)
	var first *int64
	s.Scope(func(s *Scratch) {
		first = ScratchAlloc[int64](s)
		*first = 3
		for i := 0; i < 7; i++ {
			ScratchAlloc[int64](s)
		}
		defer func() {
			if r := recover(); !errors.Is(r.(error), ErrBudgetExceeded) {
				t.Errorf("scratch overflow: %v", r)
			}
		}()
		ScratchAlloc[int64](s)
	})
	s.Scope(func(s *Scratch) {
		p := ScratchAlloc[int64](s)
		if p != first || *p != 0 {
			t.Error("scratch not reset and reused")
		}
	})
}

func TestDebugStalePointer(t *testing.T) {
	a := New(Config{Debug: true})
	l := a.NewLocal()
	l.BeginFrame()
	p := Frame[int64](l)
	*p = 7
	q := Frame[mixed](l)
	q.S = "x"
	if err := FrameCheck(l, p); err != nil {
		t.Fatal(err)
	}
	l.EndFrame()
	l.BeginFrame()
	n := Frame[int64](l)
	if n == p {
		t.Fatal("debug mode reused frame memory")
	}
	if uint64(*p) != 0xDBDBDBDBDBDBDBDB || q.S != "" {
		t.Fatalf("stale memory not poisoned: %x %q", *p, q.S)
	}
	if err := FrameCheck(l, p); !errors.Is(err, ErrStaleFrame) {
		t.Fatalf("want ErrStaleFrame, got %v", err)
	}
	l.EndFrame()
}

func TestTransfer(t *testing.T) {
	a := New(Config{})
	l1, l2 := a.NewLocal(), a.NewLocal()
	l1.BeginFrame()
	v := Frame[mixed](l1)
	x := 5
	v.P, v.S = &x, "hello"
	h := Transfer(l1, v)
	l1.EndFrame()
	l1.BeginFrame()
	for i := 0; i < 100; i++ {
		Frame[mixed](l1).S = "garbage"
	}
	const n = 8
	var wins atomic.Int32
	var wg sync.WaitGroup
	ls := make([]*Local, n)
	for i := range ls {
		ls[i] = a.NewLocal()
	}
	for i := 0; i < n; i++ {
		spawn(&wg, func() {
			p, err := h.TryReceive(ls[i])
			if err == nil {
				wins.Add(1)
				if p.S != "hello" || *p.P != 5 {
					t.Errorf("received %+v", *p)
				}
			} else if !errors.Is(err, ErrAlreadyReceived) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d receivers won", wins.Load())
	}
	func() {
		defer func() {
			if r := recover(); r != ErrAlreadyReceived {
				t.Fatalf("second Receive: %v", r)
			}
		}()
		h.Receive(l2)
	}()
}

func crossFree(t *testing.T, cfg DeferredConfig, n int) (*Allocator, *Local, []*int64) {
	t.Helper()
	a := New(Config{Deferred: cfg})
	owner, other := a.NewLocal(), a.NewLocal()
	objs := make([]*int64, n)
	for i := range objs {
		objs[i] = Pool[int64](owner)
		*objs[i] = 1
	}
	var wg sync.WaitGroup
	spawn(&wg, func() {
		for _, p := range objs {
			PoolFree(other, p)
		}
	})
	wg.Wait()
	return a, owner, objs
}

func TestDeferredPolicies(t *testing.T) {
	t.Run("grow", func(t *testing.T) {
		_, owner, objs := crossFree(t, DeferredConfig{Capacity: 4, Policy: QueueGrow}, 10)
		if st := owner.Stats(); st.DeferredPending != 10 || st.PoolFrees != 0 {
			t.Fatalf("%+v", st)
		}
		owner.BeginFrame()
		st := owner.Stats()
		if st.DeferredPending != 0 || st.DeferredFrees != 10 || st.PoolBytes != 0 {
			t.Fatalf("%+v", st)
		}
		seen := map[*int64]bool{}
		for range objs {
			p := Pool[int64](owner)
			if *p != 0 || seen[p] {
				t.Fatal("bad reuse")
			}
			seen[p] = true
		}
		owner.EndFrame()
	})
	t.Run("drop-oldest", func(t *testing.T) {
		_, owner, _ := crossFree(t, DeferredConfig{Capacity: 4, Policy: QueueDropOldest}, 10)
		owner.BeginFrame()
		st := owner.Stats()
		if st.DeferredFrees != 4 || st.DeferredDropped != 6 || st.PoolBytes != 0 {
			t.Fatalf("%+v", st)
		}
	})
	t.Run("fail", func(t *testing.T) {
		a, owner, objs := crossFree(t, DeferredConfig{Capacity: 4, Policy: QueueFail}, 10)
		other := a.NewLocal()
		if err := TryPoolFree(other, objs[9]); !errors.Is(err, ErrDeferredQueueFull) {
			t.Fatalf("want ErrDeferredQueueFull, got %v", err)
		}
		if *objs[9] != 1 {
			t.Fatal("refused free zeroed the object")
		}
		owner.BeginFrame()
		if st := owner.Stats(); st.DeferredFrees != 4 || st.DeferredDropped != 7 {
			t.Fatalf("%+v", st)
		}
	})
	t.Run("process-immediately", func(t *testing.T) {
		_, owner, _ := crossFree(t, DeferredConfig{Capacity: 4, Policy: QueueProcessImmediately, Mode: DeferredExplicit}, 10)
		for i := 0; i < 6; i++ { // the 6 overflowed objects come back without a drain
			Pool[int64](owner)
		}
		if st := owner.Stats(); st.PoolAllocations != 16 || st.DeferredFrees != 6 {
			t.Fatalf("%+v", st)
		}
		if n := owner.ProcessDeferred(); n != 4 {
			t.Fatalf("explicit drain took %d", n)
		}
	})
	t.Run("block", func(t *testing.T) {
		a := New(Config{Deferred: DeferredConfig{Capacity: 2, Policy: QueueBlock, Mode: DeferredAtFrameEnd}})
		owner, other := a.NewLocal(), a.NewLocal()
		objs := make([]*int64, 6)
		for i := range objs {
			objs[i] = Pool[int64](owner)
		}
		done := make(chan struct{})
		go func() {
			for _, p := range objs {
				PoolFree(other, p)
			}
			close(done)
		}()
		total := 0
		for total < 6 {
			owner.BeginFrame()
			owner.EndFrame()
			total = owner.Stats().DeferredFrees
			runtime.Gosched()
		}
		<-done
	})
}

func TestBehaviorFilter(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		a := New(Config{})
		l := a.NewLocal()
		for f := 0; f < 20; f++ {
			l.BeginFrame()
			Heap[int](l)
			l.EndFrame()
		}
		if r := a.BehaviorReport(); len(r.Issues) != 0 {
			t.Fatalf("filter off but %+v", r)
		}
	})
	codes := func(r BehaviorReport) map[string]int {
		m := map[string]int{}
		for _, is := range r.Issues {
			m[is.Code] += is.Count
		}
		return m
	}
	t.Run("provoke", func(t *testing.T) {
		a := New(Config{})
		a.EnableBehaviorFilter()
		l := a.NewLocal()
		var kept []any
		for f := 0; f < 25; f++ {
			l.BeginFrame()
			l.WithTag("game", func() {
				for i := 0; i < 10; i++ {
					Frame[int](l)
				}
				FrameRetained[int](l, PromoteToPool) // BF003 and, kept, BF001
				PoolFree(l, Pool[int64](l))          // BF002
				Heap[int](l)                         // BF004
			})
			for _, p := range l.EndFrameWithPromotions() {
				kept = append(kept, p.Value)
			}
		}
		runtime.KeepAlive(kept)
		c := codes(a.BehaviorReport())
		for _, code := range []string{"BF001", "BF002", "BF003", "BF004"} {
			if c[code] == 0 {
				t.Errorf("%s not reported: %+v", code, a.BehaviorReport())
			}
		}
	})
	t.Run("must-not", func(t *testing.T) {
		a := New(Config{})
		a.EnableBehaviorFilter()
		l := a.NewLocal()
		var held []*int64
		for f := 0; f < 25; f++ {
			l.BeginFrame()
			for i := 0; i < 100; i++ {
				Frame[int](l)
			}
			if f%2 == 0 {
				Heap[int](l) // not every frame
			}
			if len(held) > 0 {
				PoolFree(l, held[0]) // freed a later frame
				held = held[1:]
			}
			held = append(held, Pool[int64](l))
			ps := l.EndFrameWithPromotions()
			if f%10 == 0 {
				l.BeginFrame()
				FrameRetained[int](l, PromoteToPool)
				for _, p := range l.EndFrameWithPromotions() {
					PoolFree(l, p.Value.(*int)) // freed at once
				}
			}
			_ = ps
		}
		if r := a.BehaviorReport(); len(r.Issues) != 0 {
			t.Fatalf("false findings: %+v", r.Issues)
		}
	})
}

func TestConcurrentLocals(t *testing.T) {
	a := New(Config{})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		spawn(&wg, func() {
			l := a.NewLocal()
			defer l.Close()
			for f := 0; f < 50; f++ {
				l.BeginFrame()
				l.WithTag("w", func() {
					FrameSlice[mixed](l, 10)
					PoolFree(l, Pool[mixed](l))
				})
				l.EndFrame()
				_ = a.Stats()
			}
		})
	}
	wg.Wait()
	if st := a.Stats(); st.FramesCompleted != 200 || st.FrameAllocations != 200 {
		t.Fatalf("%+v", st)
	}
}

// spawn runs f on a new goroutine counted by wg (sync.WaitGroup.Go needs
// Go 1.25; the module supports Go 1.22).
func spawn(wg *sync.WaitGroup, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}
