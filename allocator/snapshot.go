package allocator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// SnapshotVersion is the schema version written in Snapshot.Version. The
// schema is documented in docs/snapshot-schema.md and
// docs/snapshot-schema.json. Version 2 added the interval aggregates
// (Snapshot.Interval, GoroutineSnapshot.Interval, TagSnapshot.Interval)
// and the tags' budget exceedances; a version 1 document decodes into a
// Snapshot with those fields zero.
const SnapshotVersion = 2

// Snapshot is a point-in-time view of an allocator, as returned by
// Allocator.Snapshot and written by SnapshotEmitter. Its JSON form is
// snapshot schema version 2. All sizes are bytes, all counts are totals
// since the allocator was created unless a field says otherwise; the
// Interval fields aggregate the frames completed since the previous
// snapshot.
type Snapshot struct {
	// Version is the schema version, SnapshotVersion.
	Version int `json:"version"`
	// Frame is the frame number the caller passed to Allocator.Snapshot.
	Frame uint64 `json:"frame"`
	// TakenAt is when the snapshot was taken (UTC).
	TakenAt time.Time `json:"taken_at"`
	// Summary aggregates the whole allocator.
	Summary SnapshotSummary `json:"summary"`
	// Interval aggregates the frames completed since the previous
	// snapshot, over all Locals.
	Interval IntervalSnapshot `json:"interval"`
	// Goroutines has one entry per live Local, in creation order.
	Goroutines []GoroutineSnapshot `json:"goroutines"`
	// Tags has one entry per tag path seen, sorted by path.
	Tags []TagSnapshot `json:"tags"`
	// Phases has one entry per phase name seen, sorted by name.
	Phases []PhaseSnapshot `json:"phases"`
	// Promotions counts frame allocations promoted by FrameRetained.
	Promotions PromotionSnapshot `json:"promotions"`
	// Diagnostics are the behavior filter's findings (empty when the filter
	// is off).
	Diagnostics []DiagnosticSnapshot `json:"diagnostics"`
}

// SnapshotSummary is the allocator-wide part of a Snapshot.
type SnapshotSummary struct {
	// FrameBytes is frame memory in use now, over all Locals.
	FrameBytes int `json:"frame_bytes"`
	// PoolBytes is pool memory handed out and not yet freed.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is memory allocated with Heap.
	HeapBytes int `json:"heap_bytes"`
	// PeakFrameBytes is the largest frame usage of any single frame.
	PeakFrameBytes int `json:"peak_frame_bytes"`
	// FrameAllocations, PoolAllocations and HeapAllocations count
	// allocations by intent.
	FrameAllocations int `json:"frame_allocations"`
	// PoolAllocations counts Pool and TryPool allocations.
	PoolAllocations int `json:"pool_allocations"`
	// PoolFrees counts PoolFree calls that released an object.
	PoolFrees int `json:"pool_frees"`
	// HeapAllocations counts Heap allocations.
	HeapAllocations int `json:"heap_allocations"`
	// Locals is the number of live Locals (goroutines).
	Locals int `json:"locals"`
	// FramesCompleted is the number of EndFrame calls over all Locals.
	FramesCompleted uint64 `json:"frames_completed"`
	// DeferredFrees counts pool frees that went through an owner's
	// deferred queue.
	DeferredFrees int `json:"deferred_frees"`
	// DeferredDropped counts deferred frees lost to QueueDropOldest or
	// refused by QueueFail.
	DeferredDropped int `json:"deferred_dropped"`
}

// GoroutineSnapshot is the state of one Local, that is of the goroutine
// using it.
type GoroutineSnapshot struct {
	// ID identifies the Local within its allocator (stable for its life).
	ID int `json:"id"`
	// FrameNumber is the Local's current frame number.
	FrameNumber uint64 `json:"frame_number"`
	// InFrame reports whether the Local is between BeginFrame and EndFrame.
	InFrame bool `json:"in_frame"`
	// FrameBytes is the frame memory in use in the current frame.
	FrameBytes int `json:"frame_bytes"`
	// PeakFrameBytes is the largest frame usage seen by this Local.
	PeakFrameBytes int `json:"peak_frame_bytes"`
	// FrameBudget is the Local's frame budget, 0 when none is set.
	FrameBudget int `json:"frame_budget"`
	// PoolBytes is pool memory this Local holds out.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is memory this Local allocated with Heap.
	HeapBytes int `json:"heap_bytes"`
	// FrameAllocations counts this Local's frame allocations.
	FrameAllocations int `json:"frame_allocations"`
	// PoolAllocations counts this Local's pool allocations.
	PoolAllocations int `json:"pool_allocations"`
	// HeapAllocations counts this Local's heap allocations.
	HeapAllocations int `json:"heap_allocations"`
	// DeferredPending is the length of this Local's deferred-free queue.
	DeferredPending int `json:"deferred_pending"`
	// Interval aggregates this Local's frames completed since the
	// previous snapshot.
	Interval FrameInterval `json:"interval"`
}

// IntervalSnapshot aggregates the frames all Locals completed between the
// previous snapshot and this one (closed Locals included).
type IntervalSnapshot struct {
	// Start is when the interval began: the previous snapshot's TakenAt,
	// or the allocator's creation for the first snapshot.
	Start time.Time `json:"start"`
	// Frames counts the frames completed in the interval over all Locals.
	Frames int `json:"frames"`
	// MaxFrameBytes is the largest frame of any Local in the interval.
	MaxFrameBytes int `json:"max_frame_bytes"`
	// MeanFrameBytes is the mean size of those frames, 0 without frames.
	MeanFrameBytes float64 `json:"mean_frame_bytes"`
}

// FrameInterval aggregates one Local's frames completed in a snapshot's
// interval.
type FrameInterval struct {
	// Frames counts the frames completed in the interval.
	Frames int `json:"frames"`
	// MaxFrameBytes is the largest of those frames.
	MaxFrameBytes int `json:"max_frame_bytes"`
	// MeanFrameBytes is their mean size, 0 without frames.
	MeanFrameBytes float64 `json:"mean_frame_bytes"`
}

// TagInterval aggregates what was allocated under one tag path in the
// frames of a snapshot's interval. A tag's usage of a frame is what one
// Local allocated under the path (sub-paths included; frame, pool and heap
// bytes) in one frame: the quantity tag budgets bound.
type TagInterval struct {
	// Frames counts the frames (of any Local) that used the tag.
	Frames int `json:"frames"`
	// MaxBytes is the largest usage of one frame.
	MaxBytes int `json:"max_bytes"`
	// MeanBytes is the mean usage of those frames, 0 without frames.
	MeanBytes float64 `json:"mean_bytes"`
	// SoftExceeded counts frames that went past the soft budget in the
	// interval.
	SoftExceeded int `json:"soft_exceeded"`
	// HardExceeded counts allocations the hard budget refused in the
	// interval.
	HardExceeded int `json:"hard_exceeded"`
}

// TagSnapshot is the usage recorded under one tag path (such as
// "physics/broadphase").
type TagSnapshot struct {
	// Tag is the tag path.
	Tag string `json:"tag"`
	// FrameBytes, PoolBytes and HeapBytes are the bytes allocated under the
	// tag, by intent.
	FrameBytes int `json:"frame_bytes"`
	// PoolBytes is pool bytes allocated under the tag.
	PoolBytes int `json:"pool_bytes"`
	// HeapBytes is heap bytes allocated under the tag.
	HeapBytes int `json:"heap_bytes"`
	// Allocations counts allocations under the tag.
	Allocations int `json:"allocations"`
	// SoftBudget and HardBudget are the tag's budgets, 0 when none is set.
	SoftBudget int `json:"soft_budget"`
	// HardBudget is the tag's hard budget, 0 when none is set.
	HardBudget int `json:"hard_budget"`
	// SoftExceeded counts frames in which a Local went past the soft
	// budget (at most one per frame and Local).
	SoftExceeded int `json:"soft_exceeded"`
	// HardExceeded counts allocations the hard budget refused.
	HardExceeded int `json:"hard_exceeded"`
	// Interval aggregates the tag's usage in the frames of the interval.
	Interval TagInterval `json:"interval"`
}

// PhaseSnapshot is the usage recorded in one named phase, over all Locals.
type PhaseSnapshot struct {
	// Name is the phase name given to BeginPhase.
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
	// ToPool counts PromoteToPool promotions.
	ToPool int `json:"to_pool"`
	// ToHeap counts PromoteToHeap promotions.
	ToHeap int `json:"to_heap"`
}

// DiagnosticSnapshot is one behavior-filter finding.
type DiagnosticSnapshot struct {
	// Code is the runtime code, BF001 to BF004.
	Code string `json:"code"`
	// Message describes the finding.
	Message string `json:"message"`
	// Tag is the tag path the finding is about ("" when untagged).
	Tag string `json:"tag"`
	// Count is how many times it was observed.
	Count int `json:"count"`
}

// MarshalJSON writes the snapshot as JSON (schema version s.Version), with
// empty lists as [] rather than null.
func (s *Snapshot) MarshalJSON() ([]byte, error) {
	type plain Snapshot // no methods: no recursion
	c := plain(*s)
	c.TakenAt = c.TakenAt.UTC()
	c.Interval.Start = c.Interval.Start.UTC()
	c.Goroutines = nonNil(c.Goroutines)
	c.Tags = nonNil(c.Tags)
	c.Phases = nonNil(c.Phases)
	c.Diagnostics = nonNil(c.Diagnostics)
	return json.Marshal(c)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// MinSnapshotInterval is the smallest interval between two snapshot files
// a SnapshotEmitter writes; a smaller SnapshotConfig.MinInterval is raised
// to it.
const MinSnapshotInterval = 500 * time.Millisecond

// DefaultMaxSnapshots is the number of files a SnapshotEmitter keeps when
// SnapshotConfig.MaxSnapshots is zero or negative.
const DefaultMaxSnapshots = 100

// SnapshotConfig configures a SnapshotEmitter.
type SnapshotConfig struct {
	// Dir is the folder snapshot files are written to; it is created if
	// missing. Empty means the current directory.
	Dir string
	// MaxSnapshots is the number of snapshot files kept in Dir; the oldest
	// are removed after each write. Zero or negative means
	// DefaultMaxSnapshots.
	MaxSnapshots int
	// MinInterval is the least time between two written files; values
	// below MinSnapshotInterval (500ms), zero included, are raised to it.
	MinInterval time.Duration
}

// Snapshot files are named snapshotPrefix + 20-digit Unix nanoseconds + "-f"
// + frame + snapshotSuffix, so that name order is time order.
const (
	snapshotPrefix = "snapshot-"
	snapshotSuffix = ".json"
)

// SnapshotEmitter writes snapshots as JSON files into a folder, at most one
// per MinInterval, keeping the newest MaxSnapshots. It is safe for
// concurrent use.
//
// Every file is written to a temporary file in the same folder and renamed
// into place, so a reader never sees a partial snapshot. Files are named
// snapshot-<unix nanoseconds, 20 digits>-f<frame>.json; only files named so
// count toward MaxSnapshots and are ever removed.
type SnapshotEmitter struct {
	dir      string
	max      int
	interval time.Duration
	now      func() time.Time // the clock; tests replace it

	mu      sync.Mutex
	last    time.Time // time of the last write attempt
	emitted bool      // whether last is set
	skipped *Snapshot // intervals of the snapshots skipped since the last write
}

// NewSnapshotEmitter returns an emitter for cfg, with the defaults and
// limits described on SnapshotConfig applied. It touches no file until the
// first MaybeEmit.
func NewSnapshotEmitter(cfg SnapshotConfig) *SnapshotEmitter {
	return newSnapshotEmitter(cfg, time.Now)
}

func newSnapshotEmitter(cfg SnapshotConfig, now func() time.Time) *SnapshotEmitter {
	e := &SnapshotEmitter{dir: cfg.Dir, max: cfg.MaxSnapshots, interval: cfg.MinInterval, now: now}
	if e.dir == "" {
		e.dir = "."
	}
	if e.max <= 0 {
		e.max = DefaultMaxSnapshots
	}
	e.interval = max(e.interval, MinSnapshotInterval)
	return e
}

// MaybeEmit writes s to a new file unless the previous write attempt was
// less than MinInterval ago, in which case it returns (false, nil) and
// keeps s's interval aggregates: the next file written covers the
// intervals of the snapshots skipped before it (Snapshot.MergeInterval),
// so taking a snapshot every frame loses no frame. s itself is not
// modified. After a write it removes the oldest snapshot files beyond
// MaxSnapshots. A failed
// attempt also starts the interval, so a failing disk is not retried on
// every frame. Errors wrap the underlying os error (use errors.Is with
// fs.ErrPermission, fs.ErrNotExist, ...); written reports whether the
// snapshot file is in place, even when the cleanup after it failed.
func (e *SnapshotEmitter) MaybeEmit(s *Snapshot) (written bool, err error) {
	if s == nil {
		return false, errors.New("allocator: MaybeEmit: nil snapshot")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	if e.emitted && now.Sub(e.last) < e.interval {
		e.skip(s)
		return false, nil
	}
	e.last, e.emitted = now, true
	if e.skipped != nil {
		s = s.withIntervalOf(e.skipped)
		e.skipped = nil
	}

	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return false, fmt.Errorf("allocator: encoding snapshot of frame %d: %w", s.Frame, err)
	}
	data = append(data, '\n')
	name := fmt.Sprintf("%s%020d-f%d%s", snapshotPrefix, now.UnixNano(), s.Frame, snapshotSuffix)
	if err := writeFileAtomic(e.dir, name, data); err != nil {
		return false, err
	}
	if err := e.prune(); err != nil {
		return true, err
	}
	return true, nil
}

// skip keeps the intervals of a skipped snapshot for the next write.
func (e *SnapshotEmitter) skip(s *Snapshot) {
	if e.skipped != nil {
		s = s.withIntervalOf(e.skipped)
	}
	e.skipped = s
}

// withIntervalOf returns a copy of s whose intervals also cover earlier's;
// s is not modified.
func (s *Snapshot) withIntervalOf(earlier *Snapshot) *Snapshot {
	c := *s
	c.Goroutines = slices.Clone(s.Goroutines)
	c.Tags = slices.Clone(s.Tags)
	c.MergeInterval(earlier)
	return &c
}

// writeFileAtomic writes data to dir/name through a temporary file in dir
// and a rename.
func writeFileAtomic(dir, name string, data []byte) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("allocator: creating snapshot folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".snapshot-*.tmp")
	if err != nil {
		return fmt.Errorf("allocator: creating snapshot file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("allocator: writing snapshot %s: %w", tmp, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("allocator: writing snapshot %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("allocator: writing snapshot %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("allocator: placing snapshot %s: %w", name, err)
	}
	return nil
}

// prune removes the oldest snapshot files of the folder beyond e.max.
func (e *SnapshotEmitter) prune() error {
	entries, err := os.ReadDir(e.dir)
	if err != nil {
		return fmt.Errorf("allocator: listing snapshot folder: %w", err)
	}
	var names []string
	for _, ent := range entries {
		if n := ent.Name(); ent.Type().IsRegular() && isSnapshotName(n) {
			names = append(names, n)
		}
	}
	if len(names) <= e.max {
		return nil
	}
	slices.Sort(names)
	var errs []error
	for _, n := range names[:len(names)-e.max] {
		if err := os.Remove(filepath.Join(e.dir, n)); err != nil {
			errs = append(errs, fmt.Errorf("allocator: removing old snapshot: %w", err))
		}
	}
	return errors.Join(errs...)
}

// isSnapshotName reports whether name is a file name MaybeEmit writes.
func isSnapshotName(name string) bool {
	rest, ok := strings.CutPrefix(name, snapshotPrefix)
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, snapshotSuffix)
	if !ok || len(rest) < 22 || rest[20] != '-' || rest[21] != 'f' {
		return false
	}
	return isDigits(rest[:20]) && isDigits(rest[22:])
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
