package model

import (
	"time"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// Summary is the strip at the top of the viewer: the latest snapshot's
// levels and rates, with a few numbers over the whole history.
type Summary struct {
	Snapshots int       `json:"snapshots"`
	Version   int       `json:"version"` // schema version of the latest snapshot
	First     time.Time `json:"first"`
	Last      time.Time `json:"last"`
	Frame     uint64    `json:"frame"`
	// FrameBytes, PoolBytes and HeapBytes are the latest levels.
	FrameBytes int `json:"frame_bytes"`
	PoolBytes  int `json:"pool_bytes"`
	HeapBytes  int `json:"heap_bytes"`
	// PeakFrameBytes is the largest frame of any Local since the program
	// started (latest snapshot).
	PeakFrameBytes int `json:"peak_frame_bytes"`
	// WorstFrameBytes is the largest frame of any Local over the history's
	// intervals (null for schema version 1).
	WorstFrameBytes Number `json:"worst_frame_bytes"`
	Locals          int    `json:"locals"`
	// FramesCompleted is the latest total over all Locals.
	FramesCompleted uint64 `json:"frames_completed"`
	// FPS is frames per second over all Locals in the latest span, and
	// FPSPerLocal the same divided by the Locals (null when unknown).
	FPS         Number `json:"fps"`
	FPSPerLocal Number `json:"fps_per_local"`
	// DeferredDropped counts deferred frees dropped or refused;
	// DeferredPending those waiting in the Locals' queues now.
	DeferredDropped int `json:"deferred_dropped"`
	DeferredPending int `json:"deferred_pending"`
	// RuntimeWarnings counts the behavior filter's findings (BF001–BF004)
	// in the latest snapshot; the static counts come from the FA
	// diagnostics given to the viewer.
	RuntimeWarnings int `json:"runtime_warnings"`
	StaticErrors    int `json:"static_errors"`
	StaticWarnings  int `json:"static_warnings"`
	StaticHints     int `json:"static_hints"`
}

// BuildSummary computes the summary of a non-empty history.
func BuildSummary(h []Entry) Summary {
	last := h[len(h)-1].Snap
	sum := Summary{
		Snapshots:       len(h),
		Version:         last.Version,
		First:           h[0].Snap.TakenAt,
		Last:            last.TakenAt,
		Frame:           last.Frame,
		FrameBytes:      last.Summary.FrameBytes,
		PoolBytes:       last.Summary.PoolBytes,
		HeapBytes:       last.Summary.HeapBytes,
		PeakFrameBytes:  last.Summary.PeakFrameBytes,
		WorstFrameBytes: Number(nan),
		Locals:          last.Summary.Locals,
		FramesCompleted: last.Summary.FramesCompleted,
		FPS:             Number(nan),
		FPSPerLocal:     Number(nan),
		DeferredDropped: last.Summary.DeferredDropped,
		RuntimeWarnings: len(last.Diagnostics),
	}
	for _, g := range last.Goroutines {
		sum.DeferredPending += g.DeferredPending
	}
	worst := nan
	for _, e := range h {
		if hasIntervals(e.Snap) {
			worst = maxKnown(worst, float64(e.Snap.Interval.MaxFrameBytes))
		}
	}
	sum.WorstFrameBytes = Number(worst)
	if sp := spanOf(h, len(h)-1); sp.dt > 0 && !isNaN(sp.frames) {
		sum.FPS = Number(sp.frames / sp.dt)
		if sum.Locals > 0 {
			sum.FPSPerLocal = sum.FPS / Number(sum.Locals)
		}
	}
	return sum
}

func isNaN(v float64) bool { return v != v }

// LocalRow is one line of the Locals table (latest snapshot).
type LocalRow struct {
	snapfile.GoroutineSnapshot
	// PeakPercent is the peak frame as a percentage of the budget (null
	// without a budget).
	PeakPercent Number `json:"peak_percent"`
	// NoBudget marks a Local without a frame budget (what FA203 warns
	// about); NearBudget one whose peak reached 90% of its budget.
	NoBudget   bool `json:"no_budget"`
	NearBudget bool `json:"near_budget"`
	// HasInterval reports whether Interval is recorded (schema version 2).
	HasInterval bool `json:"has_interval"`
}

// NearBudgetPercent is the peak-to-budget ratio from which a Local is
// marked near its budget.
const NearBudgetPercent = 90

// BuildLocals returns the Locals table of a snapshot.
func BuildLocals(s *snapfile.Snapshot) []LocalRow {
	rows := make([]LocalRow, 0, len(s.Goroutines))
	for _, g := range s.Goroutines {
		r := LocalRow{GoroutineSnapshot: g, PeakPercent: Number(nan), NoBudget: g.FrameBudget == 0, HasInterval: hasIntervals(s)}
		if g.FrameBudget > 0 {
			r.PeakPercent = Number(100 * float64(g.PeakFrameBytes) / float64(g.FrameBudget))
			r.NearBudget = r.PeakPercent >= NearBudgetPercent
		}
		rows = append(rows, r)
	}
	return rows
}

// PhaseRow is one line of the phases table.
type PhaseRow struct {
	snapfile.PhaseSnapshot
	// BytesPerEntry is frame bytes allocated per entry into the phase.
	BytesPerEntry Number `json:"bytes_per_entry"`
}

// BuildPhases returns the phases table of a snapshot.
func BuildPhases(s *snapfile.Snapshot) []PhaseRow {
	rows := make([]PhaseRow, 0, len(s.Phases))
	for _, p := range s.Phases {
		r := PhaseRow{PhaseSnapshot: p, BytesPerEntry: Number(nan)}
		if p.Count > 0 {
			r.BytesPerEntry = Number(float64(p.FrameBytes) / float64(p.Count))
		}
		rows = append(rows, r)
	}
	return rows
}
