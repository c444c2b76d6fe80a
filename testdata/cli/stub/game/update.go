// Package game has one frame escape and one malformed suppression.
package game

import "example.com/stub/alloc"

// Vec is a 2D vector.
type Vec struct{ X, Y float64 }

var cache *Vec

var last *Vec

// Update runs one frame.
func Update(l *alloc.Local) {
	l.BeginFrame()
	p := alloc.Frame[Vec](l)
	cache = p
	q := alloc.Frame[Vec](l)
	//fa:ignore FA601
	last = q
	l.EndFrame()
}
