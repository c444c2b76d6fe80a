package model

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// BenchmarkBuild computes and encodes the view of a history of 10,000
// snapshots of 64 Locals and 24 tags: what the viewer does once per change
// of a long live history.
func BenchmarkBuild(b *testing.B) {
	const n, locals = 10000, 64
	h := make([]Entry, n)
	for i := range n {
		s := snap(float64(i+1)/2, uint64(30*locals*(i+1)), func(s *snapfile.Snapshot) {
			s.Interval = snapfile.IntervalSnapshot{Start: t0.Add(time.Duration(i) * 500 * time.Millisecond), Frames: 30 * locals, MaxFrameBytes: 1000 + i%77, MeanFrameBytes: 500}
			for k := range locals {
				s.Goroutines = append(s.Goroutines, snapfile.GoroutineSnapshot{ID: k + 1, FrameNumber: uint64(30 * (i + 1)), FrameAllocations: 900 * (i + 1), FrameBudget: 4096,
					Interval: snapfile.FrameInterval{Frames: 30, MaxFrameBytes: 1000 + (i+k)%91, MeanFrameBytes: 400}})
			}
			for m := range 24 {
				s.Tags = append(s.Tags, snapfile.TagSnapshot{Tag: fmt.Sprintf("m%d/t%d", m%6, m), FrameBytes: 100 * (i + 1), Interval: snapfile.TagInterval{Frames: 30, MaxBytes: 100 + i%13}})
			}
		})
		h[i] = Entry{Name: fmt.Sprint(i), Snap: s}
	}
	b.ResetTimer()
	for range b.N {
		data, err := json.Marshal(Build(h, nil, nil))
		if err != nil || len(data) == 0 {
			b.Fatal(err)
		}
	}
}
