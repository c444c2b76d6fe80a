// Package helpers ends frames for callers in another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Present ends the frame of l after drawing it.
func Present(l *allocator.Local) {
	l.EndFrame()
	l.BeginFrame()
}

// Game holds a goroutine's Local.
type Game struct {
	Local *allocator.Local
}

// Tick ends the frame of g.Local.
func (g *Game) Tick() {
	g.Local.EndFrameWithPromotions()
	g.Local.BeginFrame()
}
