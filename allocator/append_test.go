package allocator

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

type contact struct {
	A, B  int32
	Depth float64
}

func TestFrameAppendLikeAppend(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()
	var got, want []contact
	for i := range 1000 {
		c := contact{A: int32(i), B: int32(-i), Depth: float64(i) / 2}
		got = FrameAppend(l, got, c)
		want = append(want, c)
	}
	got = FrameAppend(l, got, want[:10]...)
	want = append(want, want[:10]...)
	got = FrameAppend(l, got) // nothing to append
	if !slices.Equal(got, want) {
		t.Fatal("FrameAppend's elements differ from append's")
	}
	if err := FrameCheck(l, &got[0]); err != nil {
		t.Fatalf("result is not frame memory: %v", err)
	}
	if err := FrameCheck(l, &got[len(got)-1]); err != nil {
		t.Fatalf("last element is not frame memory: %v", err)
	}
	// Appending a slice to itself.
	self := FrameAppend(l, []int64(nil), 1, 2, 3)
	self = FrameAppend(l, self, self...)
	if !slices.Equal(self, []int64{1, 2, 3, 1, 2, 3}) {
		t.Fatalf("self append: %v", self)
	}
	l.EndFrame()
}

func TestFrameAppendMemory(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()

	// With room, the backing array is s's own, even heap memory.
	heap := make([]int64, 1, 8)
	r := FrameAppend(l, heap, 7)
	if &r[0] != &heap[0] || heap[:2][1] != 7 {
		t.Fatal("append within capacity did not use the slice's array")
	}
	if st := l.Stats(); st.FrameAllocations != 0 {
		t.Fatalf("append within capacity allocated: %+v", st)
	}

	// Without room, a heap slice moves to the frame; the heap array is left
	// as it was.
	full := []int64{1, 2}
	moved := FrameAppend(l, full, 3)
	if FrameCheck(l, &moved[0]) != nil || !slices.Equal(moved, []int64{1, 2, 3}) || !slices.Equal(full, []int64{1, 2}) {
		t.Fatalf("heap slice not moved to the frame: %v %v", moved, full)
	}

	// The last frame allocation of a type grows in place.
	s := FrameSlice[int32](l, 4)
	base := &s[0]
	for i := range 100 {
		s = FrameAppend(l, s, int32(i))
	}
	if &s[0] != base || len(s) != 104 {
		t.Fatalf("last allocation did not grow in place (len %d)", len(s))
	}
	// Once another allocation of the type follows it, it is copied.
	other := FrameSlice[int32](l, 1)
	s2 := FrameAppend(l, s[:len(s):len(s)], 1)
	if &s2[0] == base || &s2[0] == &other[0] || s2[len(s2)-1] != 1 || !slices.Equal(s2[:104], s) {
		t.Fatal("append after another allocation did not copy")
	}
	// A shorter view of the array does not grow into what follows it.
	view := s[:2:2]
	v2 := FrameAppend(l, view, 99)
	if &v2[0] == base || s[2] != 0 {
		t.Fatal("append to a capped view overwrote the array beyond it")
	}
	l.EndFrame()
}

func TestFrameAppendPointers(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	for f := range 3 {
		l.BeginFrame()
		var ps []*string
		for i := range 5000 {
			v := strconv.Itoa(i) // only the frame slice references it
			ps = FrameAppend(l, ps, &v)
			if i%1000 == 0 {
				runtime.GC()
			}
		}
		runtime.GC()
		for i, p := range ps {
			if *p != strconv.Itoa(i) {
				t.Fatalf("frame %d: element %d is %q", f, i, *p)
			}
		}
		l.EndFrame()
	}
}

func TestFrameAppendNoGoHeap(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	build := func() {
		l.BeginFrame()
		var cs []contact
		for i := range 10000 {
			cs = FrameAppend(l, cs, contact{A: int32(i)})
		}
		l.EndFrame()
	}
	build() // the frame's chunks are made once
	if n := testing.AllocsPerRun(20, build); n != 0 {
		t.Fatalf("FrameAppend allocates from the Go heap: %v allocs per frame", n)
	}
}

func TestFrameAppendBudgetAndDebug(t *testing.T) {
	a := New(Config{FrameBudget: 256})
	l := a.NewLocal()
	l.BeginFrame()
	var s []int64
	for range 32 {
		s = FrameAppend(l, s, 1)
	}
	p := mustPanic(t, func() {
		for range 64 {
			s = FrameAppend(l, s, 1)
		}
	})
	if err, ok := p.(error); !ok || !errors.Is(err, ErrBudgetExceeded) {
		t.Fatalf("past the budget FrameAppend panicked with %v", p)
	}
	l.EndFrame()

	d := New(Config{Debug: true}).NewLocal()
	d.BeginFrame()
	FrameAppend(d, []int64(nil), 1)
	d.EndFrame()
	p = mustPanic(t, func() { FrameAppend(d, []int64(nil), 1) })
	if err, ok := p.(error); !ok || !errors.Is(err, ErrNotInFrame) {
		t.Fatalf("FrameAppend outside a frame in debug mode panicked with %v", p)
	}
	// Within capacity nothing is allocated, so nothing is refused (the
	// slice is the caller's business; here it is heap memory).
	h := make([]int64, 0, 2)
	_ = FrameAppend(d, h, 1)
}

// TestFrameAppendModel checks random appends against the built-in append,
// with other frame allocations of the same type interleaved.
func TestFrameAppendModel(t *testing.T) {
	a := New(Config{FrameSize: 4 * KiB})
	l := a.NewLocal()
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		l.BeginFrame()
		var lists [4][]int64
		var models [4][]int64
		for range 2000 {
			i := r.IntN(len(lists))
			switch r.IntN(10) {
			case 0:
				FrameSlice[int64](l, r.IntN(8)+1) // another allocation
			case 1:
				k := r.IntN(len(lists[i]) + 1)
				lists[i], models[i] = lists[i][:k:k], models[i][:k:k]
			default:
				vs := make([]int64, r.IntN(600))
				for j := range vs {
					vs[j] = r.Int64()
				}
				lists[i] = FrameAppend(l, lists[i], vs...)
				models[i] = append(models[i], vs...)
			}
		}
		for i := range lists {
			if !slices.Equal(lists[i], models[i]) {
				t.Fatalf("list %d differs from the model", i)
			}
		}
		l.EndFrame()
	}
}

// BenchmarkFrameAppend builds a 10,000-element list per frame: with the
// built-in append to a nil slice (the Go heap), and with FrameAppend.
func BenchmarkFrameAppend(b *testing.B) {
	const n = 10000
	var sink []contact
	b.Run("append", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var cs []contact
			for j := range n {
				cs = append(cs, contact{A: int32(j)})
			}
			sink = cs
		}
	})
	b.Run("FrameAppend", func(b *testing.B) {
		a := New(Config{})
		l := a.NewLocal()
		for i := 0; i < b.N; i++ {
			l.BeginFrame()
			var cs []contact
			for j := range n {
				cs = FrameAppend(l, cs, contact{A: int32(j)})
			}
			sink = cs
			l.EndFrame()
		}
	})
	_ = sink
}
