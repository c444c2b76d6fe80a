package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// snap builds a version 2 snapshot at t0+sec seconds.
func snap(sec float64, framesCompleted uint64, mod func(s *snapfile.Snapshot)) *snapfile.Snapshot {
	s := &snapfile.Snapshot{
		Version: 2,
		TakenAt: t0.Add(time.Duration(sec * float64(time.Second))),
		Summary: snapfile.SnapshotSummary{FramesCompleted: framesCompleted},
	}
	if mod != nil {
		mod(s)
	}
	return s
}

func hist(snaps ...*snapfile.Snapshot) []Entry {
	h := make([]Entry, len(snaps))
	for i, s := range snaps {
		h[i] = Entry{Name: "s" + string(rune('a'+i%26)), Snap: s}
	}
	return h
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func col(t *testing.T, name string, got Column, want ...float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %v, want %v", name, got, want)
	}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && !near(got[i], want[i])) {
			t.Fatalf("%s: %v, want %v", name, got, want)
		}
	}
}

// series3 is three snapshots 0.5 s apart of a run with two Locals, the
// second created between the first and second snapshot.
func series3() []Entry {
	return hist(
		snap(0.5, 30, func(s *snapfile.Snapshot) {
			s.Interval = snapfile.IntervalSnapshot{Start: t0, Frames: 30, MaxFrameBytes: 1000, MeanFrameBytes: 500}
			s.Summary.FrameAllocations, s.Summary.FrameBytes = 300, 10
			s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 1, FrameNumber: 30, FrameAllocations: 300, FrameBudget: 4096, Interval: snapfile.FrameInterval{Frames: 30, MaxFrameBytes: 1000, MeanFrameBytes: 500}}}
		}),
		snap(1.0, 70, func(s *snapfile.Snapshot) {
			s.Interval = snapfile.IntervalSnapshot{Start: t0.Add(500 * time.Millisecond), Frames: 40, MaxFrameBytes: 3000, MeanFrameBytes: 800}
			s.Summary.FrameAllocations, s.Summary.PoolBytes = 900, 64
			s.Promotions.ToPool = 6
			s.Goroutines = []snapfile.GoroutineSnapshot{
				{ID: 1, FrameNumber: 60, FrameAllocations: 600, FrameBudget: 4096, Interval: snapfile.FrameInterval{Frames: 30, MaxFrameBytes: 900, MeanFrameBytes: 600}},
				{ID: 2, FrameNumber: 10, FrameAllocations: 300, Interval: snapfile.FrameInterval{Frames: 10, MaxFrameBytes: 3000, MeanFrameBytes: 1400}},
			}
		}),
		snap(1.5, 110, func(s *snapfile.Snapshot) {
			s.Interval = snapfile.IntervalSnapshot{Start: t0.Add(time.Second), Frames: 40, MaxFrameBytes: 700, MeanFrameBytes: 350}
			s.Summary.FrameAllocations = 1300
			s.Promotions.ToPool, s.Promotions.ToHeap = 6, 30
			s.Goroutines = []snapfile.GoroutineSnapshot{
				{ID: 1, FrameNumber: 90, FrameAllocations: 750, FrameBudget: 4096, Interval: snapfile.FrameInterval{Frames: 30, MaxFrameBytes: 700, MeanFrameBytes: 300}},
				{ID: 2, FrameNumber: 20, FrameAllocations: 550, Interval: snapfile.FrameInterval{Frames: 10, MaxFrameBytes: 600, MeanFrameBytes: 500}},
			}
		}),
	)
}

func TestSeries(t *testing.T) {
	s := BuildSeries(series3())
	col(t, "time", s.Time, float64(t0.Unix())+0.5, float64(t0.Unix())+1, float64(t0.Unix())+1.5)
	// The first snapshot's interval covers the run from its start (30 of
	// 30 frames), so its deltas are known.
	col(t, "frames", s.Frames, 30, 40, 40)
	col(t, "fps", s.FPS, 60, 80, 80)
	col(t, "max", s.MaxFrameBytes, 1000, 3000, 700)
	col(t, "mean", s.MeanFrameBytes, 500, 800, 350)
	col(t, "frame bytes", s.FrameBytes, 10, 0, 0)
	col(t, "pool bytes", s.PoolBytes, 0, 64, 0)
	col(t, "to pool", s.Flow.ToPool, 0, 6, 0)
	col(t, "to heap", s.Flow.ToHeap, 0, 0, 30)
	col(t, "promotion %", s.Flow.PromotionPercent, 0, 1, 7.5)
	if len(s.Locals) != 2 || s.Locals[0].ID != 1 || s.Locals[0].Budget != 4096 || s.Locals[1].Budget != 0 {
		t.Fatalf("locals %+v", s.Locals)
	}
	l1, l2 := s.Locals[0], s.Locals[1]
	col(t, "local 1 max", l1.Max, 1000, 900, 700)
	col(t, "local 1 allocs/frame", l1.AllocsPerFrame, 10, 10, 5)
	col(t, "local 2 max", l2.Max, nan, 3000, 600)
	col(t, "local 2 mean", l2.Mean, nan, 1400, 500)
	// Local 2 is new in the second snapshot: its counters count from 0.
	col(t, "local 2 allocs/frame", l2.AllocsPerFrame, nan, 30, 25)

	data, err := json.Marshal(s.Locals[1].Max)
	if err != nil || string(data) != "[null,3000,600]" {
		t.Fatalf("JSON %s %v", data, err)
	}
}

// TestSeriesGrouped: a long history is cut into MaxPoints points whose
// aggregates combine exactly.
func TestSeriesGrouped(t *testing.T) {
	const n = 2500
	var snaps []*snapfile.Snapshot
	total := uint64(0)
	for i := range n {
		frames := 10 + i%7
		total += uint64(frames)
		maxB := 100 + (i*37)%1000
		snaps = append(snaps, snap(float64(i+1)*0.5, total, func(s *snapfile.Snapshot) {
			s.Interval = snapfile.IntervalSnapshot{Start: t0.Add(time.Duration(i) * 500 * time.Millisecond), Frames: frames, MaxFrameBytes: maxB, MeanFrameBytes: float64(maxB) / 2}
			s.Summary.HeapBytes = i
			s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 7, FrameNumber: total, FrameAllocations: int(total) * 3, Interval: snapfile.FrameInterval{Frames: frames, MaxFrameBytes: maxB, MeanFrameBytes: float64(maxB) / 2}}}
		}))
	}
	snaps[0].Interval.Frames = int(snaps[0].Summary.FramesCompleted)
	h := hist(snaps...)
	s := BuildSeries(h)
	if len(s.Time) != MaxPoints || len(s.Locals[0].Max) != MaxPoints {
		t.Fatalf("%d points", len(s.Time))
	}
	sumFrames, worst := 0.0, 0.0
	for p := range MaxPoints {
		lo, hi := p*n/MaxPoints, (p+1)*n/MaxPoints
		if s.Index[p] != hi-1 || s.HeapBytes[p] != float64(hi-1) {
			t.Fatalf("point %d: index %d heap %v, want the last of [%d,%d)", p, s.Index[p], s.HeapBytes[p], lo, hi)
		}
		wantMax, frames, sum := 0.0, 0.0, 0.0
		for i := lo; i < hi; i++ {
			iv := h[i].Snap.Interval
			wantMax = math.Max(wantMax, float64(iv.MaxFrameBytes))
			frames += float64(iv.Frames)
			sum += iv.MeanFrameBytes * float64(iv.Frames)
		}
		if s.MaxFrameBytes[p] != wantMax || !near(s.MeanFrameBytes[p], sum/frames) || s.Frames[p] != frames {
			t.Fatalf("point %d: max %v mean %v frames %v, want %v %v %v", p, s.MaxFrameBytes[p], s.MeanFrameBytes[p], s.Frames[p], wantMax, sum/frames, frames)
		}
		if !near(s.FPS[p], frames/(0.5*float64(hi-lo))) {
			t.Fatalf("point %d: fps %v", p, s.FPS[p])
		}
		if s.Locals[0].Max[p] != wantMax || !near(s.Locals[0].AllocsPerFrame[p], 3) {
			t.Fatalf("point %d: local %v %v", p, s.Locals[0].Max[p], s.Locals[0].AllocsPerFrame[p])
		}
		sumFrames += s.Frames[p]
		worst = math.Max(worst, s.MaxFrameBytes[p])
	}
	if sumFrames != float64(total) || worst != 1099 {
		t.Fatalf("points count %v frames (want %d), worst %v (want 1099)", sumFrames, total, worst)
	}
}

// TestSeriesV1AndRestart: version 1 snapshots have no interval maxima, and
// the first snapshot of a history that starts mid-run, or of a new run in
// the same folder, has no known deltas.
func TestSeriesV1AndRestart(t *testing.T) {
	v1 := func(sec float64, frames uint64, allocs int) *snapfile.Snapshot {
		return snap(sec, frames, func(s *snapfile.Snapshot) {
			s.Version = 1
			s.Summary.FrameAllocations = allocs
		})
	}
	h := hist(v1(1, 100, 1000), v1(2, 160, 1600), v1(3, 20, 200), v1(4, 50, 500))
	s := BuildSeries(h)
	col(t, "frames", s.Frames, nan, 60, nan, 30)
	col(t, "fps", s.FPS, nan, 60, nan, 30)
	col(t, "max", s.MaxFrameBytes, nan, nan, nan, nan)
	col(t, "frame allocations", s.Flow.FrameAllocations, nan, 600, nan, 300)

	// A version 2 snapshot starting a new run: its interval covers the
	// run from the start.
	h[2].Snap.Version = 2
	h[2].Snap.Interval = snapfile.IntervalSnapshot{Start: t0.Add(2500 * time.Millisecond), Frames: 20, MaxFrameBytes: 9}
	s = BuildSeries(h)
	col(t, "frames after restart", s.Frames, nan, 60, 20, 30)
	col(t, "fps after restart", s.FPS, nan, 60, 40, 30)
	col(t, "max after restart", s.MaxFrameBytes, nan, nan, 9, nan)
}

func TestSummary(t *testing.T) {
	h := series3()
	last := h[2].Snap
	last.Summary.Locals, last.Summary.PeakFrameBytes, last.Summary.DeferredDropped = 2, 3000, 4
	last.Goroutines[0].DeferredPending, last.Goroutines[1].DeferredPending = 2, 3
	last.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF003"}, {Code: "BF004"}}
	s := BuildSummary(h)
	if s.Snapshots != 3 || s.Locals != 2 || s.FPS != 80 || s.FPSPerLocal != 40 || s.WorstFrameBytes != 3000 ||
		s.DeferredDropped != 4 || s.DeferredPending != 5 || s.RuntimeWarnings != 2 || s.FramesCompleted != 110 {
		t.Fatalf("%+v", s)
	}
	s.CountStatic(&Static{Diagnostics: []diagnostics.Diagnostic{{Severity: diagnostics.SeverityError}, {Severity: diagnostics.SeverityHint}, {Severity: diagnostics.SeverityHint}}})
	if s.StaticErrors != 1 || s.StaticWarnings != 0 || s.StaticHints != 2 {
		t.Fatalf("static counts %+v", s)
	}
	// A single version 1 snapshot: no rate, no worst frame.
	one := BuildSummary(hist(snap(1, 10, func(s *snapfile.Snapshot) { s.Version = 1 })))
	if !math.IsNaN(float64(one.FPS)) || !math.IsNaN(float64(one.WorstFrameBytes)) {
		t.Fatalf("v1 summary %+v", one)
	}
}

func TestLocalsAndPhases(t *testing.T) {
	s := &snapfile.Snapshot{Version: 2, Goroutines: []snapfile.GoroutineSnapshot{
		{ID: 1, PeakFrameBytes: 950, FrameBudget: 1000},
		{ID: 2, PeakFrameBytes: 500, FrameBudget: 1000},
		{ID: 3, PeakFrameBytes: 500},
	}, Phases: []snapfile.PhaseSnapshot{{Name: "update", FrameBytes: 900, Count: 3}, {Name: "idle"}}}
	rows := BuildLocals(s)
	if rows[0].PeakPercent != 95 || !rows[0].NearBudget || rows[0].NoBudget ||
		rows[1].PeakPercent != 50 || rows[1].NearBudget ||
		!math.IsNaN(float64(rows[2].PeakPercent)) || !rows[2].NoBudget || !rows[2].HasInterval {
		t.Fatalf("%+v", rows)
	}
	ph := BuildPhases(s)
	if ph[0].BytesPerEntry != 300 || !math.IsNaN(float64(ph[1].BytesPerEntry)) {
		t.Fatalf("%+v", ph)
	}
	data, _ := json.Marshal(rows[2])
	if !strings.Contains(string(data), `"peak_percent":null`) || !strings.Contains(string(data), `"frame_budget":0`) {
		t.Fatalf("row JSON %s", data)
	}
}
