package model

import (
	"math"
	"slices"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// MaxPoints is the most points a time series has. Longer histories are
// cut into MaxPoints consecutive groups of snapshots, each one point: the
// interval aggregates combine exactly (frames and flows add up, maxima
// take the largest, means are weighted by frames), so a point still shows
// the worst frame of its span.
const MaxPoints = 1000

// Series are the time series of the history, one point per snapshot or
// group of snapshots (MaxPoints at most), in columns.
type Series struct {
	// Time is each point's time, Unix seconds: the time of the last
	// snapshot of its group.
	Time Column `json:"time"`
	// Index is the history index of each point's last snapshot.
	Index []int `json:"index"`
	// FrameBytes, PoolBytes and HeapBytes are the allocator-wide levels at
	// the point.
	FrameBytes Column `json:"frame_bytes"`
	PoolBytes  Column `json:"pool_bytes"`
	HeapBytes  Column `json:"heap_bytes"`
	// Frames counts the frames completed in the point's span (all Locals),
	// FPS divides them by its duration.
	Frames Column `json:"frames"`
	FPS    Column `json:"fps"`
	// MaxFrameBytes and MeanFrameBytes are the largest and mean frame of
	// the span, over all Locals (null for schema version 1).
	MaxFrameBytes  Column `json:"max_frame_bytes"`
	MeanFrameBytes Column `json:"mean_frame_bytes"`
	// Flow is what was promoted, allocated and freed in each span.
	Flow Flow `json:"flow"`
	// Locals has one series per Local seen, by ID.
	Locals []LocalSeries `json:"locals"`
}

// Flow is the promotions and pool/heap traffic of each span of a Series.
type Flow struct {
	ToPool           Column `json:"to_pool"`
	ToHeap           Column `json:"to_heap"`
	FrameAllocations Column `json:"frame_allocations"`
	// PromotionPercent is promotions per 100 frame allocations: BF003
	// reports a tag above 5.
	PromotionPercent Column `json:"promotion_percent"`
	PoolAllocations  Column `json:"pool_allocations"`
	PoolFrees        Column `json:"pool_frees"`
	HeapAllocations  Column `json:"heap_allocations"`
}

// BF003Percent is the promotion rate above which BF003 reports a tag.
const BF003Percent = 5

// LocalSeries is the frame memory of one Local over time.
type LocalSeries struct {
	ID int `json:"id"`
	// Budget is the Local's frame budget in its last snapshot (0: none).
	Budget int `json:"budget"`
	// Max and Mean are the largest and mean frame of the Local in each
	// span (null where it did not exist or for schema version 1); Now is
	// its frame usage at the point (often 0 between frames).
	Max  Column `json:"max"`
	Mean Column `json:"mean"`
	Now  Column `json:"now"`
	// AllocsPerFrame is frame allocations per completed frame in the span.
	AllocsPerFrame Column `json:"allocs_per_frame"`
}

// span is what one snapshot adds to its predecessor.
type span struct {
	dt, frames         float64 // NaN when unknown
	win                win     // interval frames of the allocator
	toPool, toHeap     float64
	frameAllocs        float64
	poolAllocs, frees  float64
	heapAllocs         float64
	frameB, poolB, hpB float64
}

// localSpan is what one Local adds over a span of snapshots.
type localSpan struct {
	win            win
	allocs, frames float64 // deltas of frame_allocations and frame_number
	now            float64
}

// win is a frames/max/sum triple; NaN fields are unknown.
type win struct{ frames, max, sum float64 }

func (w *win) merge(o win) {
	w.frames = addKnown(w.frames, o.frames)
	w.max = maxKnown(w.max, o.max)
	w.sum = addKnown(w.sum, o.sum)
}

func (w win) mean() float64 {
	if math.IsNaN(w.frames) || w.frames == 0 {
		return nan
	}
	return w.sum / w.frames
}

func unknownWin() win { return win{nan, nan, nan} }

func winOf(frames, maxB int, mean float64) win {
	return win{float64(frames), float64(maxB), mean * float64(frames)}
}

// addKnown adds b to a, NaN counting as nothing unless both are NaN.
func addKnown(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return a + b
}

func maxKnown(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return math.Max(a, b)
}

// delta is cur-prev when prev is known, else NaN.
func delta(cur, prev int, ok bool) float64 {
	if !ok {
		return nan
	}
	return float64(cur - prev)
}

// spanOf computes what h[i] adds to its predecessor, over the allocator
// (BuildSeries computes the Locals' part in its own pass).
func spanOf(h []Entry, i int) span {
	s := h[i].Snap
	prev, ok := previous(h, i)
	if !ok {
		prev = &snapfile.Snapshot{}
	}
	sp := span{
		dt: nan, frames: nan, win: unknownWin(),
		frameB: float64(s.Summary.FrameBytes), poolB: float64(s.Summary.PoolBytes), hpB: float64(s.Summary.HeapBytes),
		toPool:      delta(s.Promotions.ToPool, prev.Promotions.ToPool, ok),
		toHeap:      delta(s.Promotions.ToHeap, prev.Promotions.ToHeap, ok),
		frameAllocs: delta(s.Summary.FrameAllocations, prev.Summary.FrameAllocations, ok),
		poolAllocs:  delta(s.Summary.PoolAllocations, prev.Summary.PoolAllocations, ok),
		frees:       delta(s.Summary.PoolFrees, prev.Summary.PoolFrees, ok),
		heapAllocs:  delta(s.Summary.HeapAllocations, prev.Summary.HeapAllocations, ok),
	}
	if ok {
		sp.frames = float64(s.Summary.FramesCompleted - prev.Summary.FramesCompleted)
	}
	if i > 0 && ok && prev == h[i-1].Snap {
		sp.dt = s.TakenAt.Sub(prev.TakenAt).Seconds()
	} else if hasIntervals(s) {
		sp.dt = s.TakenAt.Sub(s.Interval.Start).Seconds()
		sp.frames = float64(s.Interval.Frames)
	}
	if hasIntervals(s) {
		sp.win = winOf(s.Interval.Frames, s.Interval.MaxFrameBytes, s.Interval.MeanFrameBytes)
	}
	return sp
}

// BuildSeries computes the series of a history in one pass over it; the
// Locals are columns indexed by their position in localIDs, so that no
// per-snapshot map is built (a history of 10,000 snapshots of 64 Locals is
// 640,000 Local rows).
func BuildSeries(h []Entry) Series {
	var s Series
	n := len(h)
	if n == 0 {
		return s
	}
	points := min(n, MaxPoints)
	ids := localIDs(h)
	col := make(map[int]int, len(ids))
	for k, id := range ids {
		col[id] = k
	}
	s.Locals = make([]LocalSeries, len(ids))
	for k, id := range ids {
		s.Locals[k] = LocalSeries{ID: id}
	}
	for _, e := range h {
		for _, g := range e.Snap.Goroutines {
			s.Locals[col[g.ID]].Budget = g.FrameBudget // the last one wins
		}
	}
	// last holds each Local's counters in the snapshot before the current
	// one; seen[k] == i means the Local was in snapshot i-1.
	type counters struct{ allocs, frame int }
	last := make([]counters, len(ids))
	seen := make([]int, len(ids))
	for k := range seen {
		seen[k] = -1
	}
	acc := make([]localSpan, len(ids))
	present := make([]bool, len(ids))
	i := 0
	for p := range points {
		hi := (p + 1) * n / points // entries [i, hi)
		agg := span{dt: nan, frames: nan, win: unknownWin(), toPool: nan, toHeap: nan,
			frameAllocs: nan, poolAllocs: nan, frees: nan, heapAllocs: nan}
		for k := range acc {
			acc[k] = localSpan{win: unknownWin(), allocs: nan, frames: nan}
			present[k] = false
		}
		for ; i < hi; i++ {
			sp := spanOf(h, i)
			agg.dt = addKnown(agg.dt, sp.dt)
			agg.frames = addKnown(agg.frames, sp.frames)
			agg.win.merge(sp.win)
			agg.toPool = addKnown(agg.toPool, sp.toPool)
			agg.toHeap = addKnown(agg.toHeap, sp.toHeap)
			agg.frameAllocs = addKnown(agg.frameAllocs, sp.frameAllocs)
			agg.poolAllocs = addKnown(agg.poolAllocs, sp.poolAllocs)
			agg.frees = addKnown(agg.frees, sp.frees)
			agg.heapAllocs = addKnown(agg.heapAllocs, sp.heapAllocs)
			agg.frameB, agg.poolB, agg.hpB = sp.frameB, sp.poolB, sp.hpB
			snap := h[i].Snap
			prev, ok := previous(h, i)
			inPrev := ok && i > 0 && prev == h[i-1].Snap // else a new run: counters from zero
			for _, g := range snap.Goroutines {
				k := col[g.ID]
				a := &acc[k]
				present[k] = true
				if hasIntervals(snap) {
					a.win.merge(winOf(g.Interval.Frames, g.Interval.MaxFrameBytes, g.Interval.MeanFrameBytes))
				}
				switch {
				case inPrev && seen[k] == i:
					a.allocs = addKnown(a.allocs, float64(g.FrameAllocations-last[k].allocs))
					a.frames = addKnown(a.frames, float64(int(g.FrameNumber)-last[k].frame))
				case ok: // a Local new since the previous snapshot, or a new run
					a.allocs = addKnown(a.allocs, float64(g.FrameAllocations))
					a.frames = addKnown(a.frames, float64(g.FrameNumber))
				}
				a.now = float64(g.FrameBytes)
				last[k] = counters{g.FrameAllocations, int(g.FrameNumber)}
				seen[k] = i + 1
			}
		}
		lastSnap := h[hi-1].Snap
		s.Time = append(s.Time, float64(lastSnap.TakenAt.UnixNano())/1e9)
		s.Index = append(s.Index, hi-1)
		s.FrameBytes = append(s.FrameBytes, agg.frameB)
		s.PoolBytes = append(s.PoolBytes, agg.poolB)
		s.HeapBytes = append(s.HeapBytes, agg.hpB)
		s.Frames = append(s.Frames, agg.frames)
		fps := nan
		if agg.dt > 0 {
			fps = agg.frames / agg.dt
		}
		s.FPS = append(s.FPS, fps)
		s.MaxFrameBytes = append(s.MaxFrameBytes, agg.win.max)
		s.MeanFrameBytes = append(s.MeanFrameBytes, agg.win.mean())
		f := &s.Flow
		f.ToPool = append(f.ToPool, agg.toPool)
		f.ToHeap = append(f.ToHeap, agg.toHeap)
		f.FrameAllocations = append(f.FrameAllocations, agg.frameAllocs)
		pct := nan
		if agg.frameAllocs > 0 {
			pct = 100 * addKnown(agg.toPool, agg.toHeap) / agg.frameAllocs
		}
		f.PromotionPercent = append(f.PromotionPercent, pct)
		f.PoolAllocations = append(f.PoolAllocations, agg.poolAllocs)
		f.PoolFrees = append(f.PoolFrees, agg.frees)
		f.HeapAllocations = append(f.HeapAllocations, agg.heapAllocs)
		for k := range s.Locals {
			ls := &s.Locals[k]
			if !present[k] {
				ls.Max, ls.Mean, ls.Now, ls.AllocsPerFrame = append(ls.Max, nan), append(ls.Mean, nan), append(ls.Now, nan), append(ls.AllocsPerFrame, nan)
				continue
			}
			a := acc[k]
			apf := nan
			if a.frames > 0 {
				apf = a.allocs / a.frames
			}
			ls.Max = append(ls.Max, a.win.max)
			ls.Mean = append(ls.Mean, a.win.mean())
			ls.Now = append(ls.Now, a.now)
			ls.AllocsPerFrame = append(ls.AllocsPerFrame, apf)
		}
	}
	return s
}

// localIDs returns the IDs of every Local of the history, sorted.
func localIDs(h []Entry) []int {
	seen := map[int]bool{}
	var ids []int
	for _, e := range h {
		for _, g := range e.Snap.Goroutines {
			if !seen[g.ID] {
				seen[g.ID] = true
				ids = append(ids, g.ID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}
