// Package plugin is the fixture of the golangci-lint plugin's message test.
package plugin

import "github.com/framealloc/fa/allocator"

// Path is a frame-allocated route.
type Path struct{ Steps [8]int }

var last *Path

func escape(l *allocator.Local) {
	p := allocator.Frame[Path](l)
	last = p // want `^frame value p escapes to package-level variable last$`
}

func keep(l *allocator.Local) Path {
	p := allocator.Frame[Path](l)
	return *p // a copy: fine
}
