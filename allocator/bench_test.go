package allocator

import (
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"
)

type small64 struct{ A, B, C, D, E, F, G, H int64 }

type ptr64 struct {
	Next *ptr64
	Name string
	Data []byte
	A, B int64
}

// sinks defeat escape analysis in benchmarks (test-only).
type sinks struct {
	s  *small64
	p  *ptr64
	sl []small64
}

// cpuPerOp starts measuring the process CPU time of a benchmark; the
// function it returns reports it per operation (cpu-ns/op): every thread,
// the garbage collector's workers included, and none of the time the
// process waited for a CPU on a loaded machine. Use it as
// defer cpuPerOp(b)().
func cpuPerOp(b *testing.B) func() {
	c0, ok := processCPU()
	return func() {
		c1, _ := processCPU()
		if ok && b.N > 0 {
			b.ReportMetric(float64((c1-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func BenchmarkFrame(b *testing.B) {
	var sk sinks
	b.Run("new", func(b *testing.B) {
		defer cpuPerOp(b)()
		for i := 0; i < b.N; i++ {
			sk.s = new(small64)
		}
	})
	b.Run("arena", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		l.BeginFrame()
		for i := 0; i < b.N; i++ {
			if i&8191 == 0 {
				l.EndFrame()
				l.BeginFrame()
			}
			sk.s = Frame[small64](l)
		}
		l.EndFrame()
	})
	b.Run("new-ptr", func(b *testing.B) {
		defer cpuPerOp(b)()
		for i := 0; i < b.N; i++ {
			sk.p = new(ptr64)
		}
	})
	b.Run("arena-ptr", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		l.BeginFrame()
		for i := 0; i < b.N; i++ {
			if i&8191 == 0 {
				l.EndFrame()
				l.BeginFrame()
			}
			sk.p = Frame[ptr64](l)
		}
		l.EndFrame()
	})
	_ = sk
}

// frameSink is where BenchmarkFrame100k stores each allocation: a
// package-level variable, so new(T) really allocates on the heap.
var frameSink *small64

// BenchmarkFrame100k allocates 64-byte pointer-free objects into a
// package-level sink, with frames of 100,000 objects (6.4 MB, more than the
// L2 cache): the clear of each frame's memory at EndFrame is amortised over
// its allocations.
func BenchmarkFrame100k(b *testing.B) {
	const perFrame = 100000
	b.Run("new", func(b *testing.B) {
		defer cpuPerOp(b)()
		for i := 0; i < b.N; i++ {
			frameSink = new(small64)
		}
	})
	b.Run("arena", func(b *testing.B) {
		defer cpuPerOp(b)()
		l := New(Config{}).NewLocal()
		l.BeginFrame()
		for i := 0; i < b.N; i++ {
			if i%perFrame == 0 {
				l.EndFrame()
				l.BeginFrame()
			}
			frameSink = Frame[small64](l)
		}
		l.EndFrame()
	})
}

func BenchmarkFrameSlice1024(b *testing.B) {
	var sk sinks
	b.Run("make", func(b *testing.B) {
		defer cpuPerOp(b)()
		for i := 0; i < b.N; i++ {
			sk.sl = make([]small64, 1024)
		}
	})
	b.Run("arena", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		for i := 0; i < b.N; i++ {
			l.BeginFrame()
			sk.sl = FrameSlice[small64](l, 1024)
			l.EndFrame()
		}
	})
	_ = sk
}

func BenchmarkPool(b *testing.B) {
	var sk sinks
	b.Run("syncpool", func(b *testing.B) {
		defer cpuPerOp(b)()
		p := sync.Pool{New: func() any { return new(small64) }}
		for i := 0; i < b.N; i++ {
			x := p.Get().(*small64)
			*x = small64{}
			sk.s = x
			p.Put(x)
		}
	})
	b.Run("arena", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		for i := 0; i < b.N; i++ {
			x := Pool[small64](l)
			sk.s = x
			PoolFree(l, x)
		}
	})
	_ = sk
}

// BenchmarkPool256 keeps 256 objects out of the pool: each operation frees
// the oldest and allocates a new one (sync.Pool keeps one object per P in
// its fast slot; the rest goes through its shared chain).
func BenchmarkPool256(b *testing.B) {
	const out = 256
	var sk sinks
	b.Run("syncpool", func(b *testing.B) {
		defer cpuPerOp(b)()
		p := sync.Pool{New: func() any { return new(small64) }}
		var ring [out]*small64
		for i := range ring {
			ring[i] = p.Get().(*small64)
		}
		for i := 0; i < b.N; i++ {
			j := i % out
			p.Put(ring[j])
			x := p.Get().(*small64)
			*x = small64{}
			ring[j] = x
			sk.s = x
		}
	})
	b.Run("arena", func(b *testing.B) {
		defer cpuPerOp(b)()
		l := New(Config{}).NewLocal()
		var ring [out]*small64
		for i := range ring {
			ring[i] = Pool[small64](l)
		}
		for i := 0; i < b.N; i++ {
			j := i % out
			PoolFree(l, ring[j])
			ring[j] = Pool[small64](l)
			sk.s = ring[j]
		}
	})
	_ = sk
}

func BenchmarkBeginEndFrame(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		for i := 0; i < b.N; i++ {
			l.BeginFrame()
			l.EndFrame()
		}
	})
	b.Run("4types", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		for i := 0; i < b.N; i++ {
			l.BeginFrame()
			Frame[int8](l)
			Frame[int16](l)
			Frame[int32](l)
			Frame[int64](l)
			l.EndFrame()
		}
	})
	b.Run("1MiB", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l := a.NewLocal()
		b.SetBytes(MiB)
		for i := 0; i < b.N; i++ {
			l.BeginFrame()
			FrameSlice[small64](l, MiB/64)
			l.EndFrame()
		}
	})
}

// liveHeap builds about mb megabytes of long-lived, pointer-rich heap: a
// graph of 64-byte nodes (each with a 32-byte buffer) with random links, so
// that every GC cycle has real marking to do.
func liveHeap(mb int) []*ptr64 {
	n := mb * MiB / (64 + 32)
	out := make([]*ptr64, n)
	for i := range out {
		out[i] = &ptr64{Data: make([]byte, 32)}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range out {
		p.Next = out[r.IntN(n)]
	}
	return out
}

func gcCPU() (gc, total float64) {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64(), s[1].Value.Float64()
}

// BenchmarkFrameLoop is the macro benchmark: each iteration is one frame
// of 10,000 64-byte allocations, linked into a list, walked and dropped at
// the end of the frame, with about 100 MB of live heap present. Besides
// time per frame it reports process CPU per frame (getrusage: GC workers
// on the other core included), the GC's CPU share, GC cycles, p99 frame
// time and Go heap bytes allocated per 1000 frames.
func BenchmarkFrameLoop(b *testing.B) {
	live := liveHeap(100)
	defer runtime.KeepAlive(live)
	const perFrame = 10000
	run := func(b *testing.B, frame func() int64) {
		runtime.GC()
		times := make([]time.Duration, 0, b.N)
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		g0, t0 := gcCPU()
		c0, cok := processCPU()
		var sum int64
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			st := time.Now()
			sum += frame()
			times = append(times, time.Since(st))
		}
		b.StopTimer()
		c1, _ := processCPU()
		g1, t1 := gcCPU()
		runtime.ReadMemStats(&ms1)
		if sum != int64(b.N)*perFrame*(perFrame-1)/2 {
			b.Fatalf("frames walked %d, want %d", sum, int64(b.N)*perFrame*(perFrame-1)/2)
		}
		slices.Sort(times)
		p99 := times[min(len(times)-1, len(times)*99/100)]
		b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns/frame")
		if cok {
			b.ReportMetric(float64((c1-c0).Nanoseconds())/float64(b.N), "cpu-ns/frame")
		}
		if t1 > t0 {
			b.ReportMetric((g1-g0)/(t1-t0), "gc-cpu-frac")
		}
		b.ReportMetric(float64(ms1.NumGC-ms0.NumGC), "gcs")
		b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)*1000/float64(b.N), "heapB/1000frames")
	}
	walk := func(head *ptr64) int64 {
		var s int64
		for p := head; p != nil; p = p.Next {
			s += p.A
		}
		return s
	}
	b.Run("new", func(b *testing.B) {
		run(b, func() int64 {
			var head *ptr64
			for j := 0; j < perFrame; j++ {
				p := new(ptr64)
				p.A = int64(j)
				p.Next = head
				head = p
			}
			return walk(head)
		})
	})
	b.Run("arena", func(b *testing.B) {
		a := New(Config{})
		l := a.NewLocal()
		run(b, func() int64 {
			l.BeginFrame()
			var head *ptr64
			for j := 0; j < perFrame; j++ {
				p := Frame[ptr64](l)
				p.A = int64(j)
				p.Next = head
				head = p
			}
			s := walk(head)
			l.EndFrame()
			return s
		})
	})
}

func BenchmarkTransfer(b *testing.B) {
	b.Run("chan", func(b *testing.B) {
		defer cpuPerOp(b)()
		ch := make(chan small64)
		done := make(chan struct{})
		go func() {
			for range ch {
			}
			close(done)
		}()
		v := small64{A: 1}
		for i := 0; i < b.N; i++ {
			ch <- v
		}
		close(ch)
		<-done
	})
	b.Run("transfer", func(b *testing.B) {
		defer cpuPerOp(b)()
		a := New(Config{})
		l1, l2 := a.NewLocal(), a.NewLocal()
		ch := make(chan *TransferHandle[small64])
		done := make(chan struct{})
		go func() {
			n := 0
			for h := range ch {
				h.Receive(l2)
				if n++; n&1023 == 0 {
					l2.EndFrame()
				}
			}
			close(done)
		}()
		l1.BeginFrame()
		v := Frame[small64](l1)
		for i := 0; i < b.N; i++ {
			ch <- Transfer(l1, v)
		}
		close(ch)
		<-done
	})
}
