// Package music allocates under "music": its "voices" tag is nested
// through a callback the mixer runs under "music".
package music

import "github.com/framealloc/fa/allocator"

type Mixer struct{ l *allocator.Local }

// Run runs f under the music tag.
func (m *Mixer) Run(f func()) { m.l.WithTag("music", f) }

func (m *Mixer) Mix() {
	m.Run(func() {
		m.l.WithTag("voices", func() { _ = allocator.FrameSlice[float32](m.l, 64) })
	})
}
