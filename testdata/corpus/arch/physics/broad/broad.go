// Package broad is the broad phase, below physics (tag "physics").
package broad

import "github.com/framealloc/fa/allocator"

// Pair is a candidate pair.
type Pair struct{ A, B int }

// Pairs finds candidate pairs.
func Pairs(l *allocator.Local, n int) {
	l.WithTag("physics", func() { //corpus:clean FA801 FA802 FA803
		allocator.FrameSlice[Pair](l, n)[0].A = 1
	})
	l.WithTag("audio", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.FrameSlice[Pair](l, n)[0].B = 2
	})
	l.WithTag("network", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.Frame[Pair](l).B = 4
	})
	l.WithTag("rendering", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Pair](l).A = 3
	})
}
