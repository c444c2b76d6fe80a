package allocator

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// tagOf returns the snapshot entry of a tag path.
func tagOf(t *testing.T, s *Snapshot, path string) TagSnapshot {
	t.Helper()
	for _, tg := range s.Tags {
		if tg.Tag == path {
			return tg
		}
	}
	t.Fatalf("no tag %q in %+v", path, s.Tags)
	return TagSnapshot{}
}

// TestSnapshotIntervals runs frames of known sizes under nested tags with
// budgets and checks the interval aggregates of two consecutive snapshots:
// each covers exactly the frames completed since the previous one.
func TestSnapshotIntervals(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	a.SetTagBudget("physics", 300, 700)
	l := a.NewLocal()
	created := a.Snapshot(0).TakenAt // starts the first interval

	// frame sizes: physics self + broadphase; plus untagged bytes.
	run := func(self, child, untagged int) {
		l.BeginFrame()
		_ = FrameBytes(l, untagged)
		l.WithTag("physics", func() {
			_ = FrameBytes(l, self)
			l.WithTag("broadphase", func() { _ = FrameBytes(l, child) })
		})
		l.EndFrame()
	}
	run(100, 50, 10)  // physics 150, frame 160
	run(200, 150, 0)  // physics 350 (soft exceeded), frame 350
	run(100, 100, 40) // physics 200, frame 240
	l.Stats()         // publish, as the next EndFrame would
	s1 := a.Snapshot(3)

	if !s1.Interval.Start.Equal(created) {
		t.Errorf("interval start %v, want the previous snapshot's %v", s1.Interval.Start, created)
	}
	want := IntervalSnapshot{Start: s1.Interval.Start, Frames: 3, MaxFrameBytes: 350, MeanFrameBytes: 250}
	if s1.Interval != want {
		t.Errorf("interval %+v, want %+v", s1.Interval, want)
	}
	if g := s1.Goroutines[0].Interval; g != (FrameInterval{Frames: 3, MaxFrameBytes: 350, MeanFrameBytes: 250}) {
		t.Errorf("goroutine interval %+v", g)
	}
	if p := tagOf(t, s1, "physics"); p.Interval != (TagInterval{Frames: 3, MaxBytes: 350, MeanBytes: 700.0 / 3, SoftExceeded: 1}) || p.SoftExceeded != 1 {
		t.Errorf("physics %+v", p)
	}
	if b := tagOf(t, s1, "physics/broadphase"); b.Interval != (TagInterval{Frames: 3, MaxBytes: 150, MeanBytes: 100}) {
		t.Errorf("physics/broadphase %+v", b)
	}

	// Second interval: one frame refused by the hard budget, one frame
	// without the tag.
	l.BeginFrame()
	l.WithTag("physics", func() {
		_ = FrameBytes(l, 600)
		if _, err := TryFrameSlice[byte](l, 200); !errors.Is(err, ErrBudgetExceeded) {
			t.Fatalf("hard budget: %v", err)
		}
	})
	l.EndFrame()
	l.BeginFrame()
	_ = FrameBytes(l, 64)
	l.EndFrame()
	l.Stats()
	s2 := a.Snapshot(5)
	if !s2.Interval.Start.Equal(s1.TakenAt) {
		t.Errorf("second interval starts %v, want %v", s2.Interval.Start, s1.TakenAt)
	}
	if s2.Interval.Frames != 2 || s2.Interval.MaxFrameBytes != 600 || s2.Interval.MeanFrameBytes != 332 {
		t.Errorf("second interval %+v, want 2 frames, max 600, mean 332", s2.Interval)
	}
	got := uint64(s2.Interval.Frames)
	if d := s2.Summary.FramesCompleted - s1.Summary.FramesCompleted; d != got {
		t.Errorf("interval frames %d, frames_completed grew by %d", got, d)
	}
	p := tagOf(t, s2, "physics")
	if p.Interval != (TagInterval{Frames: 1, MaxBytes: 600, MeanBytes: 600, SoftExceeded: 1, HardExceeded: 1}) {
		t.Errorf("physics second interval %+v", p.Interval)
	}
	if p.SoftExceeded != 2 || p.HardExceeded != 1 {
		t.Errorf("physics totals soft %d hard %d, want 2 and 1", p.SoftExceeded, p.HardExceeded)
	}
	if b := tagOf(t, s2, "physics/broadphase"); b.Interval != (TagInterval{}) {
		t.Errorf("broadphase unused in the second interval: %+v", b.Interval)
	}

	// Nothing happened since: an empty interval.
	s3 := a.Snapshot(5)
	if s3.Interval.Frames != 0 || s3.Interval.MaxFrameBytes != 0 || s3.Goroutines[0].Interval != (FrameInterval{}) {
		t.Errorf("empty interval %+v %+v", s3.Interval, s3.Goroutines[0].Interval)
	}
}

// TestSnapshotIntervalClosedLocal: the last frames of a Local closed
// between two snapshots count in the next interval, not in goroutines.
func TestSnapshotIntervalClosedLocal(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	a.Snapshot(0)
	l := a.NewLocal()
	for range 4 {
		l.BeginFrame()
		l.WithTag("io", func() { _ = FrameBytes(l, 32) })
		l.EndFrame()
	}
	l.Close()
	s := a.Snapshot(1)
	if len(s.Goroutines) != 0 || s.Interval.Frames != 4 || s.Interval.MaxFrameBytes != 32 {
		t.Fatalf("goroutines %d, interval %+v: want the closed Local's 4 frames", len(s.Goroutines), s.Interval)
	}
	if io := tagOf(t, s, "io"); io.Interval.Frames != 4 || io.Interval.MeanBytes != 32 {
		t.Errorf("io %+v", io.Interval)
	}
	if s2 := a.Snapshot(2); s2.Interval.Frames != 0 {
		t.Errorf("closed Local counted twice: %+v", s2.Interval)
	}
}

// TestSnapshotIntervalTagOutsideFrame: a tag used again after EndFrame
// (before the next BeginFrame) adds to that frame's usage; publishing in
// between must not count the frame twice.
func TestSnapshotIntervalTagOutsideFrame(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	l := a.NewLocal()
	l.BeginFrame()
	l.WithTag("t", func() { _ = FrameBytes(l, 10) })
	l.EndFrame()
	l.Stats() // publishes the frame's usage, 10
	l.WithTag("t", func() { _ = FrameBytes(l, 5) })
	l.BeginFrame()
	l.WithTag("t", func() { _ = FrameBytes(l, 1) })
	l.EndFrame()
	l.Stats()
	s := a.Snapshot(2)
	if tg := tagOf(t, s, "t"); tg.Interval.Frames != 2 || tg.Interval.MaxBytes != 15 || tg.Interval.MeanBytes != 8 {
		t.Errorf("tag t %+v, want frames of 15 and 1 bytes", tg.Interval)
	}
}

// TestSnapshotIntervalsConcurrent takes snapshots while Locals run frames
// and close: every interval's frames are the growth of frames_completed,
// and together they count every frame once.
func TestSnapshotIntervalsConcurrent(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	var wg sync.WaitGroup
	const workers, frames = 3, 400
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := a.NewLocal()
			defer l.Close()
			for f := range frames {
				l.BeginFrame()
				l.WithTag("sim", func() { _ = FrameBytes(l, 8+(f+w)%16) })
				l.EndFrame()
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	prev := a.Snapshot(0)
	total, tagFrames := prev.Interval.Frames, 0
	for _, tg := range prev.Tags { // frames the workers ran before it
		tagFrames += tg.Interval.Frames
	}
	for stop := false; !stop; {
		select {
		case <-done:
			stop = true
		case <-time.After(time.Millisecond):
		}
		s := a.Snapshot(1)
		if d := s.Summary.FramesCompleted - prev.Summary.FramesCompleted; uint64(s.Interval.Frames) != d {
			t.Fatalf("interval frames %d, frames_completed grew by %d", s.Interval.Frames, d)
		}
		if s.Interval.Frames > 0 && (s.Interval.MaxFrameBytes > 23 || s.Interval.MeanFrameBytes < 8) {
			t.Fatalf("interval %+v outside the frame sizes 8..23", s.Interval)
		}
		total += s.Interval.Frames
		for _, tg := range s.Tags {
			tagFrames += tg.Interval.Frames
		}
		prev = s
	}
	if total != workers*frames || tagFrames != workers*frames {
		t.Fatalf("intervals counted %d frames and %d tag frames, want %d", total, tagFrames, workers*frames)
	}
}

// TestMergeInterval folds an earlier snapshot's intervals into a later one.
func TestMergeInterval(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	earlier := &Snapshot{
		Interval:   IntervalSnapshot{Start: t0, Frames: 2, MaxFrameBytes: 100, MeanFrameBytes: 75},
		Goroutines: []GoroutineSnapshot{{ID: 1, Interval: FrameInterval{Frames: 1, MaxFrameBytes: 100, MeanFrameBytes: 100}}, {ID: 2, Interval: FrameInterval{Frames: 1, MaxFrameBytes: 50, MeanFrameBytes: 50}}},
		Tags:       []TagSnapshot{{Tag: "a", Interval: TagInterval{Frames: 1, MaxBytes: 40, MeanBytes: 40, SoftExceeded: 1}}},
	}
	later := &Snapshot{
		Interval:   IntervalSnapshot{Start: t0.Add(time.Second), Frames: 2, MaxFrameBytes: 90, MeanFrameBytes: 45},
		Goroutines: []GoroutineSnapshot{{ID: 1, Interval: FrameInterval{Frames: 2, MaxFrameBytes: 90, MeanFrameBytes: 45}}},
		Tags:       []TagSnapshot{{Tag: "a", Interval: TagInterval{Frames: 3, MaxBytes: 20, MeanBytes: 10, HardExceeded: 2}}, {Tag: "b"}},
	}
	later.MergeInterval(earlier)
	if want := (IntervalSnapshot{Start: t0, Frames: 4, MaxFrameBytes: 100, MeanFrameBytes: 60}); later.Interval != want {
		t.Errorf("interval %+v, want %+v", later.Interval, want)
	}
	if g := later.Goroutines[0].Interval; g != (FrameInterval{Frames: 3, MaxFrameBytes: 100, MeanFrameBytes: 190.0 / 3}) {
		t.Errorf("goroutine 1 %+v", g)
	}
	if a := later.Tags[0].Interval; a != (TagInterval{Frames: 4, MaxBytes: 40, MeanBytes: 17.5, SoftExceeded: 1, HardExceeded: 2}) {
		t.Errorf("tag a %+v", a)
	}
	if b := later.Tags[1].Interval; b != (TagInterval{}) {
		t.Errorf("tag b %+v", b)
	}
}

// TestSnapshotEmitterFoldsSkipped: snapshots taken every frame and given to
// an emitter that skips most of them still produce files whose intervals
// cover every frame.
func TestSnapshotEmitterFoldsSkipped(t *testing.T) {
	a := New(Config{})
	defer a.Close()
	dir := t.TempDir()
	e, clock := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 100})
	l := a.NewLocal()
	written := []*Snapshot{}
	var last *Snapshot
	for f := range 30 {
		l.BeginFrame()
		_ = FrameBytes(l, 10+f)
		l.EndFrame()
		s := a.Snapshot(uint64(f))
		last = s
		w, err := e.MaybeEmit(s)
		if err != nil {
			t.Fatal(err)
		}
		if w {
			written = append(written, s)
		}
		clock.advance(100 * time.Millisecond) // a file every 5 frames
	}
	if len(written) != 6 {
		t.Fatalf("%d files, want 6", len(written))
	}
	files := snapshotFiles(t, dir)
	total := 0
	var maxes []int
	for _, name := range files {
		s := readSnapshotFile(t, dir, name)
		total += s.Interval.Frames
		maxes = append(maxes, s.Interval.MaxFrameBytes)
	}
	// Files hold frames 0, 1-5, 6-10, ...: the frames after the last file
	// are pending in the emitter. The snapshot after the first one is one
	// frame behind (it publishes at the EndFrame after a Snapshot asked).
	if pend := int(last.Summary.FramesCompleted) - total; total < 25 || pend < 0 || pend > 5 {
		t.Errorf("files cover %d frames of %d", total, last.Summary.FramesCompleted)
	}
	for i := 1; i < len(maxes); i++ {
		if maxes[i] <= maxes[i-1] {
			t.Errorf("interval maxima %v do not grow with the frame sizes", maxes)
		}
	}
	// The caller's snapshots are not modified by the folding.
	for _, s := range written[1:] {
		if s.Interval.Frames > 1 {
			t.Errorf("caller's snapshot changed: %+v", s.Interval)
		}
	}
}

func readSnapshotFile(t *testing.T, dir, name string) *Snapshot {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &s
}
