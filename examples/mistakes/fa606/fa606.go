// Package fa606 reads a frame value after the frame ended (FA606).
package fa606

import "github.com/framealloc/fa/allocator"

// Stats are per-frame statistics.
type Stats struct{ Drawn, Culled int }

// Frame runs one frame and reports its statistics — after EndFrame, when
// the memory already belongs to the next frame.
func Frame(l *allocator.Local, visible []bool) int {
	l.BeginFrame()
	s := allocator.Frame[Stats](l)
	for _, v := range visible {
		if v {
			s.Drawn++
		} else {
			s.Culled++
		}
	}
	l.EndFrame()
	return s.Drawn // FA606: used after EndFrame
}
