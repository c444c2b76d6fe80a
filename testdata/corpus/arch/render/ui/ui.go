// Package ui draws the user interface. The pattern of package render does
// not reach it ("render" without "/..."), so no tag is its own.
package ui

import "github.com/framealloc/fa/allocator"

// Widget is a UI widget.
type Widget struct{ X, Y int }

// Draw draws the interface.
func Draw(l *allocator.Local) {
	l.WithTag("rendering", func() { //corpus:want FA803 //corpus:clean FA801 FA802
		allocator.Frame[Widget](l).X = 1
	})
	l.WithTag("hud", func() { //corpus:want FA802 //corpus:clean FA801 FA803
		allocator.Frame[Widget](l).Y = 1
	})
	l.WithTag("audio", func() { //corpus:clean FA801 FA802 FA803
		allocator.Frame[Widget](l).Y = 2
	})
}
