// Package ui tags work that allocates nothing: "ui" is a known tag, but
// no mapping is proposed.
package ui

import "github.com/framealloc/fa/allocator"

func Layout(l *allocator.Local) {
	n := 0
	l.WithTag("ui", func() { n++ })
}
