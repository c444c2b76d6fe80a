package allocator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

type snapVec struct{ X, Y, Z float64 }

// TestSnapshotFromAllocator fills an allocator from two goroutines, under
// tags and phases, with pool, heap and promoted allocations and the
// behavior filter on, and checks the snapshot reports it and survives a
// round trip through the emitter's file (the schema check of such a file
// is in internal/schematest).
func TestSnapshotFromAllocator(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	a.EnableBehaviorFilter()
	a.SetTagBudget("physics", 1*MiB, 2*MiB)

	const frames = 20
	b := NewFrameBarrier(2)
	var wg sync.WaitGroup
	for w := range 2 {
		spawn(&wg, func() {
			l := a.NewLocal()
			l.SetFrameBudget(1 * MiB)
			for range frames {
				l.BeginFrame()
				l.BeginPhase("update")
				l.WithTag("physics", func() {
					v := FrameSlice[snapVec](l, 10)
					v[0].X = float64(w)
					p := Pool[snapVec](l)
					PoolFree(l, p) // BF002: freed in its own frame
				})
				l.EndPhase()
				l.WithTag("ai", func() {
					_ = Heap[snapVec](l) // BF004: heap in every frame
					_ = FrameRetained[snapVec](l, PromoteToHeap)
				})
				l.EndFrameWithPromotions()
				b.SignalFrameComplete()
				b.WaitAll()
			}
			// Locals stay open: the snapshot sees both goroutines. Stats
			// publishes the last frames' counters.
			l.Stats()
		})
	}
	wg.Wait()

	s := a.Snapshot(frames)
	if s.Version != SnapshotVersion || s.Frame != frames {
		t.Fatalf("version %d frame %d", s.Version, s.Frame)
	}
	if len(s.Goroutines) != 2 || s.Summary.Locals != 2 {
		t.Fatalf("%d goroutines, summary.locals %d, want 2", len(s.Goroutines), s.Summary.Locals)
	}
	for _, g := range s.Goroutines {
		if g.FrameNumber != frames || g.InFrame || g.FrameBudget != 1*MiB {
			t.Errorf("goroutine %+v: want frame %d, not in frame, budget 1MiB", g, frames)
		}
		if g.FrameAllocations < 2*frames || g.HeapAllocations != frames || g.PoolAllocations != frames {
			t.Errorf("goroutine %+v: allocation counts", g)
		}
	}
	if s.Summary.FramesCompleted != 2*frames {
		t.Errorf("frames_completed %d, want %d", s.Summary.FramesCompleted, 2*frames)
	}
	if s.Summary.HeapAllocations != 2*frames || s.Summary.PoolFrees != 2*frames {
		t.Errorf("summary %+v", s.Summary)
	}
	if s.Promotions.ToHeap != 2*frames || s.Promotions.ToPool != 0 {
		t.Errorf("promotions %+v, want to_heap %d", s.Promotions, 2*frames)
	}
	tags := map[string]TagSnapshot{}
	for _, tg := range s.Tags {
		tags[tg.Tag] = tg
	}
	if p := tags["physics"]; p.FrameBytes == 0 || p.SoftBudget != 1*MiB || p.HardBudget != 2*MiB {
		t.Errorf("physics tag %+v", p)
	}
	if ai := tags["ai"]; ai.HeapBytes == 0 {
		t.Errorf("ai tag %+v", ai)
	}
	if len(s.Phases) != 1 || s.Phases[0].Name != "update" || s.Phases[0].Count != 2*frames {
		t.Errorf("phases %+v", s.Phases)
	}
	codes := map[string]bool{}
	for _, d := range s.Diagnostics {
		codes[d.Code] = true
	}
	if !codes["BF002"] || !codes["BF004"] {
		t.Errorf("diagnostics %+v, want BF002 and BF004", s.Diagnostics)
	}

	dir := t.TempDir()
	e, _ := newTestEmitter(SnapshotConfig{Dir: dir})
	if w, err := e.MaybeEmit(s); !w || err != nil {
		t.Fatal(w, err)
	}
	files := snapshotFiles(t, dir)
	data, err := os.ReadFile(filepath.Join(dir, files[0]))
	if err != nil {
		t.Fatal(err)
	}
	var back Snapshot
	if err := json.Unmarshal(data, &back); err != nil || back.Summary != s.Summary {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, back.Summary, s.Summary)
	}
}

// TestSnapshotConcurrent takes snapshots while workers run frames; under
// -race it shows Snapshot reads only what Locals publish.
func TestSnapshotConcurrent(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		spawn(&wg, func() {
			l := a.NewLocal()
			defer l.Close()
			l.SetFrameBudget(1 * MiB)
			for {
				select {
				case <-stop:
					return
				default:
				}
				l.BeginFrame()
				l.WithTag("sim", func() { _ = FrameSlice[snapVec](l, 4) })
				l.EndFrame()
			}
		})
	}
	deadline := time.Now().Add(200 * time.Millisecond)
	for n := uint64(0); time.Now().Before(deadline); n++ {
		if s := a.Snapshot(n); s.Frame != n {
			t.Fatal("frame label lost")
		}
	}
	close(stop)
	wg.Wait()
	s := a.Snapshot(0)
	if len(s.Goroutines) != 0 || s.Summary.FramesCompleted == 0 {
		t.Fatalf("after Close: %d goroutines, %d frames completed", len(s.Goroutines), s.Summary.FramesCompleted)
	}
}

// BenchmarkHandoff compares handing a value to another goroutine with
// Transfer+Receive (including the frames on both sides) against an
// unbuffered channel send of the same value. Compare with benchstat -col
// /impl.
func BenchmarkHandoff(b *testing.B) {
	b.Run("impl=transfer", func(b *testing.B) {
		a := New(Config{})
		defer a.Close()
		ch := make(chan *TransferHandle[snapVec])
		done := make(chan struct{})
		n := b.N
		go func() {
			defer close(done)
			l := a.NewLocal()
			defer l.Close()
			for range n {
				h := <-ch
				l.BeginFrame()
				v := h.Receive(l)
				_ = v.X
				l.EndFrame()
			}
		}()
		l := a.NewLocal()
		defer l.Close()
		b.ResetTimer()
		for i := range n {
			l.BeginFrame()
			v := Frame[snapVec](l)
			v.X = float64(i)
			h := Transfer(l, v)
			l.EndFrame()
			ch <- h
		}
		<-done
	})
	b.Run("impl=chan", func(b *testing.B) {
		ch := make(chan snapVec)
		done := make(chan struct{})
		n := b.N
		go func() {
			defer close(done)
			for range n {
				v := <-ch
				_ = v.X
			}
		}()
		b.ResetTimer()
		for i := range n {
			ch <- snapVec{X: float64(i)}
		}
		<-done
	})
}
