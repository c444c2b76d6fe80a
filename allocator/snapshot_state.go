//go:build snapshotstate

// This file fills a Snapshot from the allocator core's state. It is built
// only with -tags snapshotstate until the core's statistics types (LocalStats,
// PhaseStats, TagStats) and BehaviorReport are committed; the field names it
// reads follow allocator.go (removeLocal) and DESIGN.md section 1. Remove
// the build constraint when the core lands.

package allocator

import (
	"cmp"
	"slices"
	"time"
)

// Snapshot returns the allocator's state now, labelled with frame (the
// caller's frame counter; Locals keep their own frame numbers, reported per
// goroutine). It is safe to call from any goroutine while others allocate:
// each Local contributes the counters it published at its last EndFrame,
// so a snapshot taken between frames (after FrameBarrier.WaitAll) is exact,
// and one taken mid-frame shows every Local as of its last completed frame.
// Closed Locals are gone from Goroutines but still count in Summary,
// Phases and Promotions.
func (a *Allocator) Snapshot(frame uint64) *Snapshot {
	s := &Snapshot{
		Version:     SnapshotVersion,
		Frame:       frame,
		TakenAt:     time.Now().UTC(),
		Goroutines:  []GoroutineSnapshot{},
		Tags:        []TagSnapshot{},
		Phases:      []PhaseSnapshot{},
		Diagnostics: []DiagnosticSnapshot{},
	}

	a.mu.Lock()
	r := a.retired
	retiredPhases := slices.Clone(r.phases)
	a.mu.Unlock()
	sum := &s.Summary
	sum.FrameAllocations = r.frameAllocations
	sum.PoolAllocations = r.poolAllocations
	sum.PoolFrees = r.poolFrees
	sum.HeapAllocations = r.heapAllocations
	sum.HeapBytes = r.heapBytes
	sum.FramesCompleted = r.framesCompleted
	sum.PeakFrameBytes = r.peakFrameBytes
	sum.DeferredFrees = r.deferredFrees
	sum.DeferredDropped = r.deferredDropped
	s.Promotions.ToPool = r.toPool
	s.Promotions.ToHeap = r.toHeap
	phases := retiredPhases

	a.forEachLocal(func(l *Local) {
		st, ph := l.published()
		s.Goroutines = append(s.Goroutines, GoroutineSnapshot{
			ID:               l.id,
			FrameNumber:      st.FrameNumber,
			InFrame:          st.InFrame,
			FrameBytes:       st.FrameBytes,
			PeakFrameBytes:   st.PeakFrameBytes,
			FrameBudget:      st.FrameBudget,
			PoolBytes:        st.PoolBytes,
			HeapBytes:        st.HeapBytes,
			FrameAllocations: st.FrameAllocations,
			PoolAllocations:  st.PoolAllocations,
			HeapAllocations:  st.HeapAllocations,
			DeferredPending:  st.DeferredPending,
		})
		sum.Locals++
		sum.FrameBytes += st.FrameBytes
		sum.PoolBytes += st.PoolBytes
		sum.HeapBytes += st.HeapBytes
		sum.PeakFrameBytes = max(sum.PeakFrameBytes, st.PeakFrameBytes)
		sum.FrameAllocations += st.FrameAllocations
		sum.PoolAllocations += st.PoolAllocations
		sum.PoolFrees += st.PoolFrees
		sum.HeapAllocations += st.HeapAllocations
		sum.FramesCompleted += st.FramesCompleted
		sum.DeferredFrees += st.DeferredFrees
		sum.DeferredDropped += st.DeferredDropped
		s.Promotions.ToPool += st.PromotionsToPool
		s.Promotions.ToHeap += st.PromotionsToHeap
		phases = mergePhases(phases, ph)
	})

	for _, p := range phases {
		s.Phases = append(s.Phases, PhaseSnapshot{
			Name:        p.Name,
			FrameBytes:  p.FrameBytes,
			Allocations: p.Allocations,
			Count:       p.Count,
		})
	}
	slices.SortFunc(s.Phases, func(x, y PhaseSnapshot) int { return cmp.Compare(x.Name, y.Name) })

	a.tagMu.RLock()
	tags := make([]string, 0, len(a.tags))
	for t := range a.tags {
		tags = append(tags, t)
	}
	a.tagMu.RUnlock()
	slices.Sort(tags)
	for _, t := range tags {
		ts := a.TagStats(t)
		s.Tags = append(s.Tags, TagSnapshot{
			Tag:         t,
			FrameBytes:  ts.FrameBytes,
			PoolBytes:   ts.PoolBytes,
			HeapBytes:   ts.HeapBytes,
			Allocations: ts.Allocations,
			SoftBudget:  ts.SoftBudget,
			HardBudget:  ts.HardBudget,
		})
	}

	for _, is := range a.BehaviorReport().Issues {
		s.Diagnostics = append(s.Diagnostics, DiagnosticSnapshot{
			Code:    is.Code,
			Message: is.Message,
			Tag:     is.Tag,
			Count:   is.Count,
		})
	}
	return s
}
