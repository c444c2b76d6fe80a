// Package model computes what `fa insight` shows from a history of
// allocator snapshots (schema version 1 or 2): the summary, time series of
// frame memory per Local, the tag tree, the Locals and phases tables,
// promotions and pool/heap flow, runtime and static warnings side by side,
// and the comparison of two snapshots. Every number the viewer displays is
// computed here, so that it can be tested; the web page only renders.
package model

import (
	"math"
	"strconv"
	"time"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// Entry is one snapshot of a history and where it came from.
type Entry struct {
	// Name is the snapshot's file name, or a label for a snapshot received
	// from a live endpoint.
	Name string
	// Snap is the snapshot.
	Snap *snapfile.Snapshot
}

// Ref identifies a snapshot of the history in the views.
type Ref struct {
	Index int       `json:"index"`
	Name  string    `json:"name"`
	Time  time.Time `json:"time"`
	Frame uint64    `json:"frame"`
}

func refOf(h []Entry, i int) Ref {
	return Ref{Index: i, Name: h[i].Name, Time: h[i].Snap.TakenAt, Frame: h[i].Snap.Frame}
}

// Column is a series of numbers in which NaN means "no value" (a Local
// that did not exist yet, a quantity schema version 1 does not record); it
// encodes NaN as JSON null.
type Column []float64

// MarshalJSON writes the numbers, NaN as null.
func (c Column) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+len(c)*8)
	b = append(b, '[')
	for i, v := range c {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
			continue
		}
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	return append(b, ']'), nil
}

// nan is the missing value of a Column.
var nan = math.NaN()

// Number is a float64 that encodes NaN and infinities as JSON null.
type Number float64

// MarshalJSON writes the number, or null.
func (n Number) MarshalJSON() ([]byte, error) {
	v := float64(n)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'f', -1, 64), nil
}

// hasIntervals reports whether a snapshot records interval aggregates
// (schema version 2 and later).
func hasIntervals(s *snapfile.Snapshot) bool { return s.Version >= 2 }

// restarted reports whether cur comes from another run of the program
// than prev (a snapshot folder keeps files of earlier runs): its
// cumulative counters went down.
func restarted(prev, cur *snapfile.Snapshot) bool {
	return cur.Summary.FramesCompleted < prev.Summary.FramesCompleted ||
		cur.Summary.FrameAllocations < prev.Summary.FrameAllocations
}

// previous returns the snapshot the cumulative counters of h[i] are to be
// compared with, and whether that comparison is valid: h[i-1] within one
// run of the program; an empty snapshot when h[i] is the first of its run
// in the history and its interval (schema version 2) covers the run from
// its start; none otherwise (the history starts in the middle of a run, or
// a version 1 snapshot starts a new run).
func previous(h []Entry, i int) (prev *snapfile.Snapshot, ok bool) {
	if i > 0 && !restarted(h[i-1].Snap, h[i].Snap) {
		return h[i-1].Snap, true
	}
	s := h[i].Snap
	if hasIntervals(s) && uint64(s.Interval.Frames) == s.Summary.FramesCompleted {
		return &snapfile.Snapshot{}, true
	}
	return nil, false
}
