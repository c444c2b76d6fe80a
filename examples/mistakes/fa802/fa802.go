// Package fa802 allocates under a misspelt tag, "physcs", which is not in
// [tags].known of the repository's .fa.toml (FA802): its memory would be
// accounted apart from the physics tag.
package fa802

import "github.com/framealloc/fa/allocator"

// Impulse is one collision impulse.
type Impulse struct{ X, Y float64 }

// Impulses allocates a frame slice of impulses.
func Impulses(l *allocator.Local, n int) []Impulse {
	var out []Impulse
	l.WithTag("physcs", func() { // FA802: "physcs" is not a known tag (did you mean "physics"?)
		out = allocator.FrameSlice[Impulse](l, n)
	})
	return out
}
