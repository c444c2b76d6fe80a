package snapfile

import "time"

// The types below are fa's reading of the snapshot schema
// (docs/snapshot-schema.json, version 2; a version 1 document leaves the
// version 2 fields zero). They mirror the JSON documents the allocator
// writes, field for field, without depending on the allocator module:
// fa reads snapshots of programs built with any allocator version.
// TestTypesMatchSchema keeps them and the schema in step.

// Snapshot is one snapshot document. Sizes are bytes; counts are totals
// since the allocator was created unless a field says otherwise.
type Snapshot struct {
	// Version is the schema version.
	Version int `json:"version"`
	// Frame is the frame number the program passed to Allocator.Snapshot.
	Frame uint64 `json:"frame"`
	// TakenAt is when the snapshot was taken.
	TakenAt time.Time `json:"taken_at"`
	// Summary aggregates the whole allocator.
	Summary SnapshotSummary `json:"summary"`
	// Interval aggregates the frames completed since the previous
	// snapshot, over all Locals (version 2).
	Interval IntervalSnapshot `json:"interval"`
	// Goroutines has one entry per live Local.
	Goroutines []GoroutineSnapshot `json:"goroutines"`
	// Tags has one entry per tag path.
	Tags []TagSnapshot `json:"tags"`
	// Phases has one entry per phase name.
	Phases []PhaseSnapshot `json:"phases"`
	// Promotions counts promoted frame allocations.
	Promotions PromotionSnapshot `json:"promotions"`
	// Diagnostics are the behavior filter's findings.
	Diagnostics []DiagnosticSnapshot `json:"diagnostics"`
}

// SnapshotSummary is the allocator-wide part of a snapshot.
type SnapshotSummary struct {
	// FrameBytes is frame memory in use, over all Locals.
	FrameBytes int `json:"frame_bytes"`
	// PoolBytes is pool memory handed out and not yet freed.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is memory allocated with Heap.
	HeapBytes int `json:"heap_bytes"`
	// PeakFrameBytes is the largest usage of a single frame.
	PeakFrameBytes int `json:"peak_frame_bytes"`
	// FrameAllocations counts frame allocations.
	FrameAllocations int `json:"frame_allocations"`
	// PoolAllocations counts pool allocations.
	PoolAllocations int `json:"pool_allocations"`
	// PoolFrees counts pool frees.
	PoolFrees int `json:"pool_frees"`
	// HeapAllocations counts heap allocations.
	HeapAllocations int `json:"heap_allocations"`
	// Locals is the number of live Locals.
	Locals int `json:"locals"`
	// FramesCompleted counts EndFrame calls over all Locals.
	FramesCompleted uint64 `json:"frames_completed"`
	// DeferredFrees counts pool frees through an owner's deferred queue.
	DeferredFrees int `json:"deferred_frees"`
	// DeferredDropped counts deferred frees dropped or refused.
	DeferredDropped int `json:"deferred_dropped"`
}

// GoroutineSnapshot is the state of one Local.
type GoroutineSnapshot struct {
	// ID identifies the Local within its allocator.
	ID int `json:"id"`
	// FrameNumber is the Local's current frame number.
	FrameNumber uint64 `json:"frame_number"`
	// InFrame reports whether the Local was inside a frame.
	InFrame bool `json:"in_frame"`
	// FrameBytes is the frame memory in use in the current frame.
	FrameBytes int `json:"frame_bytes"`
	// PeakFrameBytes is the Local's largest frame.
	PeakFrameBytes int `json:"peak_frame_bytes"`
	// FrameBudget is the Local's frame budget, 0 when none.
	FrameBudget int `json:"frame_budget"`
	// PoolBytes is pool memory the Local holds out.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is memory the Local allocated with Heap.
	HeapBytes int `json:"heap_bytes"`
	// FrameAllocations counts the Local's frame allocations.
	FrameAllocations int `json:"frame_allocations"`
	// PoolAllocations counts the Local's pool allocations.
	PoolAllocations int `json:"pool_allocations"`
	// HeapAllocations counts the Local's heap allocations.
	HeapAllocations int `json:"heap_allocations"`
	// DeferredPending is the length of the Local's deferred-free queue.
	DeferredPending int `json:"deferred_pending"`
	// Interval aggregates the Local's frames of the interval (version 2).
	Interval FrameInterval `json:"interval"`
}

// IntervalSnapshot aggregates the frames of all Locals completed in a
// snapshot's interval.
type IntervalSnapshot struct {
	// Start is when the interval began.
	Start time.Time `json:"start"`
	// Frames counts the frames completed in the interval.
	Frames int `json:"frames"`
	// MaxFrameBytes is the largest of those frames.
	MaxFrameBytes int `json:"max_frame_bytes"`
	// MeanFrameBytes is their mean size.
	MeanFrameBytes float64 `json:"mean_frame_bytes"`
}

// FrameInterval aggregates one Local's frames of a snapshot's interval.
type FrameInterval struct {
	// Frames counts the frames completed in the interval.
	Frames int `json:"frames"`
	// MaxFrameBytes is the largest of those frames.
	MaxFrameBytes int `json:"max_frame_bytes"`
	// MeanFrameBytes is their mean size.
	MeanFrameBytes float64 `json:"mean_frame_bytes"`
}

// TagInterval aggregates a tag's usage per frame in a snapshot's interval.
type TagInterval struct {
	// Frames counts the frames that used the tag.
	Frames int `json:"frames"`
	// MaxBytes is the largest usage of one frame.
	MaxBytes int `json:"max_bytes"`
	// MeanBytes is the mean usage of those frames.
	MeanBytes float64 `json:"mean_bytes"`
	// SoftExceeded counts frames past the soft budget in the interval.
	SoftExceeded int `json:"soft_exceeded"`
	// HardExceeded counts allocations the hard budget refused in the
	// interval.
	HardExceeded int `json:"hard_exceeded"`
}

// TagSnapshot is the usage recorded under one tag path.
type TagSnapshot struct {
	// Tag is the tag path.
	Tag string `json:"tag"`
	// FrameBytes is frame bytes allocated under the tag.
	FrameBytes int `json:"frame_bytes"`
	// PoolBytes is pool bytes allocated under the tag.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is heap bytes allocated under the tag.
	HeapBytes int `json:"heap_bytes"`
	// Allocations counts allocations under the tag.
	Allocations int `json:"allocations"`
	// SoftBudget is the tag's soft budget, 0 when none.
	SoftBudget int `json:"soft_budget"`
	// HardBudget is the tag's hard budget, 0 when none.
	HardBudget int `json:"hard_budget"`
	// SoftExceeded counts frames past the soft budget.
	SoftExceeded int `json:"soft_exceeded"`
	// HardExceeded counts allocations the hard budget refused.
	HardExceeded int `json:"hard_exceeded"`
	// Interval aggregates the tag's usage in the interval (version 2).
	Interval TagInterval `json:"interval"`
}

// PhaseSnapshot is the usage recorded in one named phase.
type PhaseSnapshot struct {
	// Name is the phase name.
	Name string `json:"name"`
	// FrameBytes is frame bytes allocated in the phase.
	FrameBytes int `json:"frame_bytes"`
	// Allocations counts allocations in the phase.
	Allocations int `json:"allocations"`
	// Count is how many times the phase was entered.
	Count int `json:"count"`
}

// PromotionSnapshot counts promoted frame allocations.
type PromotionSnapshot struct {
	// ToPool counts promotions to pools.
	ToPool int `json:"to_pool"`
	// ToHeap counts promotions to the heap.
	ToHeap int `json:"to_heap"`
}

// DiagnosticSnapshot is one behavior-filter finding.
type DiagnosticSnapshot struct {
	// Code is the runtime code (BF001 to BF004).
	Code string `json:"code"`
	// Message describes the finding.
	Message string `json:"message"`
	// Tag is the tag path it is about, "" when untagged.
	Tag string `json:"tag"`
	// Count is how many times it was observed.
	Count int `json:"count"`
}
