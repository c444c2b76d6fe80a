// Package render builds the frame's draw list in frame memory.
package render

import (
	"sort"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/examples/game/physics"
)

// Tag attributes render allocations (see .fa.toml [tags.modules]).
const Tag = "rendering"

// DrawCmd is one sprite to draw.
type DrawCmd struct {
	X, Y  float64
	Layer int
}

// BuildDrawList returns the frame's draw commands sorted by layer. The
// slice is frame memory: valid until the caller ends the frame.
func BuildDrawList(l *allocator.Local, bodies []physics.Body) []DrawCmd {
	var cmds []DrawCmd
	l.WithTag(Tag, func() {
		cmds = allocator.FrameSlice[DrawCmd](l, len(bodies))
		for i, b := range bodies {
			cmds[i] = DrawCmd{X: b.X, Y: b.Y, Layer: int(b.Radius)}
		}
		sort.Slice(cmds, func(i, j int) bool { return cmds[i].Layer < cmds[j].Layer })
	})
	return cmds
}

// Checksum folds a draw list into one number, as a GPU submit would
// consume it.
func Checksum(cmds []DrawCmd) float64 {
	sum := 0.0
	for _, c := range cmds {
		sum += c.X*31 + c.Y*17 + float64(c.Layer)
	}
	return sum
}
