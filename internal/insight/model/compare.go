package model

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// Comparison is what changed from one snapshot to another: what grew, by
// tag and by Local.
type Comparison struct {
	From Ref `json:"from"`
	To   Ref `json:"to"`
	// Seconds is the time between the two.
	Seconds float64 `json:"seconds"`
	// SameRun is false when To comes from another run of the program than
	// From (its counters went down): differences then compare two runs.
	SameRun bool         `json:"same_run"`
	Summary []ValueDelta `json:"summary"`
	// Tags is sorted by growth of total inclusive bytes, largest first.
	Tags []TagDelta `json:"tags"`
	// Locals is sorted by growth of pool plus heap bytes held, then of
	// peak frame, largest first.
	Locals []LocalDelta `json:"locals"`
}

// ValueDelta is one quantity in both snapshots.
type ValueDelta struct {
	Name  string `json:"name"`
	From  int64  `json:"from"`
	To    int64  `json:"to"`
	Delta int64  `json:"delta"`
}

func vd(name string, from, to int64) ValueDelta {
	return ValueDelta{Name: name, From: from, To: to, Delta: to - from}
}

// TagDelta is the growth of one tag path (inclusive bytes, so a parent's
// growth includes its children's: compare siblings, not parents with
// children).
type TagDelta struct {
	Path        string `json:"path"`
	Depth       int    `json:"depth"`
	From        Bytes  `json:"from"`
	To          Bytes  `json:"to"`
	Delta       Bytes  `json:"delta"`
	Allocations int    `json:"allocations"` // growth of the allocation count
	// WorstFrom and WorstTo are the largest frame usage in each
	// snapshot's interval (null for schema version 1).
	WorstFrom Number `json:"worst_from"`
	WorstTo   Number `json:"worst_to"`
}

// LocalDelta is the change of one Local, by ID.
type LocalDelta struct {
	ID int `json:"id"`
	// Status is "" for a Local in both snapshots, "new" for one only in
	// To, "gone" for one only in From (closed since).
	Status           string `json:"status"`
	Frames           int64  `json:"frames"` // growth of the frame number
	FrameAllocations int64  `json:"frame_allocations"`
	PeakFrameBytes   int64  `json:"peak_frame_bytes"`
	PoolBytes        int64  `json:"pool_bytes"`
	HeapBytes        int64  `json:"heap_bytes"`
	DeferredPending  int64  `json:"deferred_pending"`
	// PoolBytesTo and PeakTo are the values in To (0 for a gone Local).
	PoolBytesTo int `json:"pool_bytes_to"`
	PeakTo      int `json:"peak_to"`
}

// Compare compares the snapshots h[from] and h[to].
func Compare(h []Entry, from, to int) (*Comparison, error) {
	if from < 0 || to < 0 || from >= len(h) || to >= len(h) {
		return nil, fmt.Errorf("snapshots %d and %d: the history has %d (0 to %d)", from, to, len(h), len(h)-1)
	}
	a, b := h[from].Snap, h[to].Snap
	c := &Comparison{
		From: refOf(h, from), To: refOf(h, to),
		Seconds: b.TakenAt.Sub(a.TakenAt).Seconds(),
		SameRun: !restarted(a, b),
	}
	sa, sb := a.Summary, b.Summary
	c.Summary = []ValueDelta{
		vd("frame_bytes", int64(sa.FrameBytes), int64(sb.FrameBytes)),
		vd("pool_bytes", int64(sa.PoolBytes), int64(sb.PoolBytes)),
		vd("heap_bytes", int64(sa.HeapBytes), int64(sb.HeapBytes)),
		vd("peak_frame_bytes", int64(sa.PeakFrameBytes), int64(sb.PeakFrameBytes)),
		vd("frame_allocations", int64(sa.FrameAllocations), int64(sb.FrameAllocations)),
		vd("pool_allocations", int64(sa.PoolAllocations), int64(sb.PoolAllocations)),
		vd("heap_allocations", int64(sa.HeapAllocations), int64(sb.HeapAllocations)),
		vd("frames_completed", int64(sa.FramesCompleted), int64(sb.FramesCompleted)),
		vd("locals", int64(sa.Locals), int64(sb.Locals)),
		vd("deferred_dropped", int64(sa.DeferredDropped), int64(sb.DeferredDropped)),
		vd("promotions_to_pool", int64(a.Promotions.ToPool), int64(b.Promotions.ToPool)),
		vd("promotions_to_heap", int64(a.Promotions.ToHeap), int64(b.Promotions.ToHeap)),
	}

	tagsA := map[string]snapfile.TagSnapshot{}
	for _, t := range a.Tags {
		tagsA[t.Tag] = t
	}
	seen := map[string]bool{}
	addTag := func(ta, tb snapfile.TagSnapshot, path string, inA, inB bool) {
		d := TagDelta{Path: path, WorstFrom: Number(nan), WorstTo: Number(nan)}
		for _, ch := range path {
			if ch == '/' {
				d.Depth++
			}
		}
		if inA {
			d.From = bytesOf(ta)
			if hasIntervals(a) {
				d.WorstFrom = Number(ta.Interval.MaxBytes)
			}
		}
		if inB {
			d.To = bytesOf(tb)
			if hasIntervals(b) {
				d.WorstTo = Number(tb.Interval.MaxBytes)
			}
		}
		d.Delta = d.To.sub(d.From)
		d.Allocations = tb.Allocations - ta.Allocations
		c.Tags = append(c.Tags, d)
	}
	for _, tb := range b.Tags {
		ta, inA := tagsA[tb.Tag]
		seen[tb.Tag] = true
		addTag(ta, tb, tb.Tag, inA, true)
	}
	for _, ta := range a.Tags {
		if !seen[ta.Tag] {
			addTag(ta, snapfile.TagSnapshot{}, ta.Tag, true, false)
		}
	}
	slices.SortStableFunc(c.Tags, func(x, y TagDelta) int {
		if d := cmp.Compare(y.Delta.Total, x.Delta.Total); d != 0 {
			return d
		}
		return cmp.Compare(x.Path, y.Path)
	})

	locA := map[int]snapfile.GoroutineSnapshot{}
	for _, g := range a.Goroutines {
		locA[g.ID] = g
	}
	inB := map[int]bool{}
	for _, gb := range b.Goroutines {
		inB[gb.ID] = true
		ga, ok := locA[gb.ID]
		d := localDelta(ga, gb)
		if !ok {
			d.Status = "new"
		}
		c.Locals = append(c.Locals, d)
	}
	for _, ga := range a.Goroutines {
		if !inB[ga.ID] {
			d := localDelta(ga, snapfile.GoroutineSnapshot{ID: ga.ID, FrameNumber: ga.FrameNumber, FrameAllocations: ga.FrameAllocations})
			d.Status = "gone"
			c.Locals = append(c.Locals, d)
		}
	}
	slices.SortStableFunc(c.Locals, func(x, y LocalDelta) int {
		if d := cmp.Compare(y.PoolBytes+y.HeapBytes, x.PoolBytes+x.HeapBytes); d != 0 {
			return d
		}
		if d := cmp.Compare(y.PeakFrameBytes, x.PeakFrameBytes); d != 0 {
			return d
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return c, nil
}

func localDelta(a, b snapfile.GoroutineSnapshot) LocalDelta {
	return LocalDelta{
		ID:               b.ID,
		Frames:           int64(b.FrameNumber) - int64(a.FrameNumber),
		FrameAllocations: int64(b.FrameAllocations - a.FrameAllocations),
		PeakFrameBytes:   int64(b.PeakFrameBytes - a.PeakFrameBytes),
		PoolBytes:        int64(b.PoolBytes - a.PoolBytes),
		HeapBytes:        int64(b.HeapBytes - a.HeapBytes),
		DeferredPending:  int64(b.DeferredPending - a.DeferredPending),
		PoolBytesTo:      b.PoolBytes,
		PeakTo:           b.PeakFrameBytes,
	}
}
