// Package render is the rendering subsystem (tag "rendering").
package render

import (
	"example.com/corpus/arch/tags"
	"github.com/framealloc/fa/allocator"
)

// Quad is a screen quad.
type Quad struct{ X, Y, W, H float32 }

const netTag = "net" + "work"

// Draw draws a frame.
func Draw(l *allocator.Local, n int) {
	l.WithTag("rendering", func() { //corpus:clean FA801 FA802 FA803
		allocator.FrameSlice[Quad](l, n)[0].W = 1
	})
	l.WithTag(tags.Rendering, func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Quad](l).H = 1
	})
	l.WithTag(netTag, func() { //corpus:want FA801 //corpus:clean FA802 FA803
		allocator.Frame[Quad](l).X = 2
	})
	l.WithTag("audio", func() { //corpus:want FA801 //corpus:clean FA802 FA803
		q := allocator.Pool[Quad](l)
		q.Y = 3
		allocator.PoolFree(l, q)
	})
	l.WithTag(tags.Physics, func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Quad](l).W = 4
	})
	l.BeginPhase("audio") //corpus:clean FA801 FA802 FA803
	allocator.Frame[Quad](l).H = 5
	l.EndPhase()
}
