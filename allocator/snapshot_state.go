package allocator

import (
	"cmp"
	"slices"
	"time"
)

// Snapshot returns the allocator's state now, labelled with frame (the
// caller's frame counter; Locals keep their own frame numbers, reported per
// goroutine). It is safe to call from any goroutine while others allocate.
// It reads what Allocator.Stats reads: each live Local contributes the
// counters it last published (at EndFrame every 32nd frame, and at the next
// EndFrame after any Stats or Snapshot call, so a Local is at most one frame
// behind when snapshots are taken every frame; also at Close and
// Local.Stats). Closed Locals are gone from Goroutines but still count in
// Summary, Phases, Promotions and Interval.
//
// The Interval fields aggregate the frames completed between the previous
// Snapshot call on a and this one, so Interval.Frames is the growth of
// Summary.FramesCompleted since the previous snapshot. Each call starts a
// new interval: a program that takes snapshots for two purposes splits the
// frames between them (see Snapshot.MergeInterval).
func (a *Allocator) Snapshot(frame uint64) *Snapshot {
	a.snap.mu.Lock()
	defer a.snap.mu.Unlock()
	iv := &intervalTally{locals: make(map[int]frameWindow)}
	st := a.collectStats(iv)
	s := &Snapshot{
		Version: SnapshotVersion,
		Frame:   frame,
		TakenAt: time.Now().UTC(),
		Summary: SnapshotSummary{
			FrameBytes:       st.FrameBytes,
			PoolBytes:        st.PoolBytes,
			HeapBytes:        st.HeapBytes,
			PeakFrameBytes:   st.PeakFrameBytes,
			FrameAllocations: st.FrameAllocations,
			PoolAllocations:  st.PoolAllocations,
			PoolFrees:        st.PoolFrees,
			HeapAllocations:  st.HeapAllocations,
			Locals:           st.Locals,
			FramesCompleted:  st.FramesCompleted,
			DeferredFrees:    st.DeferredFrees,
			DeferredDropped:  st.DeferredDropped,
		},
		Goroutines:  make([]GoroutineSnapshot, 0, len(st.Goroutines)),
		Tags:        make([]TagSnapshot, 0, len(st.Tags)),
		Phases:      make([]PhaseSnapshot, 0, len(st.Phases)),
		Promotions:  PromotionSnapshot{ToPool: st.PromotionsToPool, ToHeap: st.PromotionsToHeap},
		Diagnostics: []DiagnosticSnapshot{},
	}
	for _, g := range st.Goroutines {
		s.Goroutines = append(s.Goroutines, GoroutineSnapshot{
			ID:               g.ID,
			FrameNumber:      g.FrameNumber,
			InFrame:          g.InFrame,
			FrameBytes:       g.FrameBytes,
			PeakFrameBytes:   g.PeakFrameBytes,
			FrameBudget:      g.FrameBudget,
			PoolBytes:        g.PoolBytes,
			HeapBytes:        g.HeapBytes,
			FrameAllocations: g.FrameAllocations,
			PoolAllocations:  g.PoolAllocations,
			HeapAllocations:  g.HeapAllocations,
			DeferredPending:  g.DeferredPending,
		})
	}
	for _, t := range st.Tags {
		s.Tags = append(s.Tags, TagSnapshot{
			Tag:          t.Tag,
			FrameBytes:   t.FrameBytes,
			PoolBytes:    t.PoolBytes,
			HeapBytes:    t.HeapBytes,
			Allocations:  t.Allocations,
			SoftBudget:   t.SoftBudget,
			HardBudget:   t.HardBudget,
			SoftExceeded: t.SoftExceeded,
			HardExceeded: t.HardExceeded,
		})
	}
	for _, p := range st.Phases {
		s.Phases = append(s.Phases, PhaseSnapshot{
			Name:        p.Name,
			FrameBytes:  p.FrameBytes,
			Allocations: p.Allocations,
			Count:       p.Count,
		})
	}
	slices.SortFunc(s.Phases, func(x, y PhaseSnapshot) int { return cmp.Compare(x.Name, y.Name) })
	for _, is := range a.BehaviorReport().Issues {
		s.Diagnostics = append(s.Diagnostics, DiagnosticSnapshot(is))
	}
	a.snap.fillIntervals(s, iv)
	return s
}
