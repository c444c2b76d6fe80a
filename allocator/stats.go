package allocator

// LocalStats are the statistics of one Local. Byte counts are bytes of the
// values handed out (size of T times length).
type LocalStats struct {
	// ID identifies the Local within its Allocator (stable for its life).
	ID int
	// FrameNumber is the current frame number.
	FrameNumber uint64
	// InFrame reports whether the Local is between BeginFrame and EndFrame.
	InFrame bool
	// FrameBytes is the frame memory allocated since the last EndFrame.
	FrameBytes int
	// PeakFrameBytes is the largest FrameBytes at an EndFrame.
	PeakFrameBytes int
	// FrameBudget and PoolBudget are the hard budgets, 0 when none.
	FrameBudget int
	// PoolBudget is the pool budget, 0 when none.
	PoolBudget int
	// PoolBytes is pool memory held out (allocated and not freed).
	PoolBytes int
	// HeapBytes is the memory allocated with Heap.
	HeapBytes int
	// TotalFrameBytes is all frame memory ever allocated.
	TotalFrameBytes int
	// FrameAllocations, PoolAllocations and HeapAllocations count
	// allocations by intent; PoolFrees counts frees returned to this
	// Local's pools (deferred ones included).
	FrameAllocations int
	// PoolAllocations counts Pool and TryPool allocations.
	PoolAllocations int
	// PoolFrees counts objects returned to this Local's pools.
	PoolFrees int
	// HeapAllocations counts Heap allocations.
	HeapAllocations int
	// FramesCompleted counts EndFrame calls that ended a begun frame.
	FramesCompleted uint64
	// PromotionsToPool and PromotionsToHeap count promoted values.
	PromotionsToPool int
	// PromotionsToHeap counts PromoteToHeap promotions.
	PromotionsToHeap int
	// TransfersSent and TransfersReceived count Transfer and successful
	// Receive calls.
	TransfersSent int
	// TransfersReceived counts successful Receive and TryReceive calls.
	TransfersReceived int
	// DeferredPending is the length of the deferred queue now.
	DeferredPending int
	// DeferredFrees counts objects other goroutines freed into this
	// Local that it took back.
	DeferredFrees int
	// DeferredDropped counts frees lost to QueueDropOldest or refused by
	// QueueFail.
	DeferredDropped int
}

// Stats are allocator-wide statistics: live Locals as they last published,
// plus the totals of closed Locals. A Local publishes at Close, at
// Local.Stats, and at EndFrame every 32nd frame or after an Allocator.Stats
// call asked for it; so a running Local is at most one frame (after a
// first Stats call) or 32 frames behind.
type Stats struct {
	// Locals is the number of live Locals.
	Locals int
	// FrameBytes is the frame memory in use now over live Locals.
	FrameBytes int
	// PeakFrameBytes is the largest frame usage of any single frame.
	PeakFrameBytes int
	// PoolBytes is pool memory held out over live Locals.
	PoolBytes int
	// HeapBytes is all memory allocated with Heap.
	HeapBytes int
	// FrameAllocations counts frame allocations.
	FrameAllocations int
	// PoolAllocations counts pool allocations.
	PoolAllocations int
	// PoolFrees counts pool objects returned to pools.
	PoolFrees int
	// HeapAllocations counts Heap allocations.
	HeapAllocations int
	// FramesCompleted counts completed frames over all Locals.
	FramesCompleted uint64
	// PromotionsToPool and PromotionsToHeap count promoted values.
	PromotionsToPool int
	// PromotionsToHeap counts PromoteToHeap promotions.
	PromotionsToHeap int
	// DeferredFrees counts cross-goroutine frees taken back by owners.
	DeferredFrees int
	// DeferredDropped counts cross-goroutine frees dropped or refused.
	DeferredDropped int
	// DeferredPending counts objects waiting in deferred queues.
	DeferredPending int
	// Goroutines has the published statistics of each live Local, in
	// creation order.
	Goroutines []LocalStats
	// Tags has one entry per tag path, sorted by path.
	Tags []TagStats
	// Phases has one entry per phase name over all Locals.
	Phases []PhaseStats
}

// stats computes the owner's current statistics.
func (l *Local) stats() LocalStats {
	return LocalStats{
		ID: l.id, FrameNumber: l.frame, InFrame: l.inFrame,
		FrameBytes: int(l.fa.total - l.frameStart), PeakFrameBytes: max(l.peakFrame, int(l.fa.total-l.frameStart)),
		FrameBudget: l.frameBudget, PoolBudget: l.poolBudget,
		PoolBytes: int(l.pOut) - int(l.deferredQ.dropB.Load()), HeapBytes: l.hBytes,
		TotalFrameBytes: int(l.fa.total), FrameAllocations: l.fa.count,
		PoolAllocations: l.pCount, PoolFrees: l.pFrees, HeapAllocations: l.hCount,
		FramesCompleted: l.framesCompleted, PromotionsToPool: l.toPool, PromotionsToHeap: l.toHeap,
		TransfersSent: l.transfersSent, TransfersReceived: l.transfersRecv,
		DeferredPending: int(l.deferredQ.pending.Load()), DeferredFrees: l.deferredFrees,
		DeferredDropped: int(l.deferredQ.dropped.Load()),
	}
}

// Stats returns this Local's current statistics (and publishes them for
// Allocator.Stats). Call it from the goroutine using the Local.
func (l *Local) Stats() LocalStats {
	if !l.closed {
		l.publish()
	}
	st, _ := l.published(nil)
	return st
}

// Stats returns allocator-wide statistics. It is safe for concurrent use;
// each live Local contributes what it last published.
func (a *Allocator) Stats() Stats {
	return a.collectStats(nil)
}

// collectStats computes Stats; with iv set it also takes every Local's
// published interval windows into iv, under the lock its counters are read
// with, and the retired ones.
func (a *Allocator) collectStats(iv *intervalTally) Stats {
	var s Stats
	var phases []PhaseStats
	a.forEachLocal(func(l *Local) {
		st, ph := l.published(iv)
		l.pubReq.Store(true)
		s.Locals++
		s.Goroutines = append(s.Goroutines, st)
		s.FrameBytes += st.FrameBytes
		s.PeakFrameBytes = max(s.PeakFrameBytes, st.PeakFrameBytes)
		s.PoolBytes += st.PoolBytes
		s.HeapBytes += st.HeapBytes
		s.FrameAllocations += st.FrameAllocations
		s.PoolAllocations += st.PoolAllocations
		s.PoolFrees += st.PoolFrees
		s.HeapAllocations += st.HeapAllocations
		s.FramesCompleted += st.FramesCompleted
		s.PromotionsToPool += st.PromotionsToPool
		s.PromotionsToHeap += st.PromotionsToHeap
		s.DeferredFrees += st.DeferredFrees
		s.DeferredDropped += st.DeferredDropped
		s.DeferredPending += st.DeferredPending
		phases = mergePhases(phases, ph)
	})
	a.mu.Lock()
	r := a.retired
	phases = mergePhases(phases, r.phases)
	if iv != nil {
		iv.absorb(&a.retired.windows)
	}
	a.mu.Unlock()
	s.HeapBytes += r.heapBytes
	s.PeakFrameBytes = max(s.PeakFrameBytes, r.peakFrameBytes)
	s.FrameAllocations += r.frameAllocations
	s.PoolAllocations += r.poolAllocations
	s.PoolFrees += r.poolFrees
	s.HeapAllocations += r.heapAllocations
	s.FramesCompleted += r.framesCompleted
	s.PromotionsToPool += r.toPool
	s.PromotionsToHeap += r.toHeap
	s.DeferredFrees += r.deferredFrees
	s.DeferredDropped += r.deferredDropped
	s.Tags = a.allTagStats()
	s.Phases = phases
	return s
}
