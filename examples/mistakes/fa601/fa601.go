// Package fa601 keeps a frame value in a package-level cache: after
// EndFrame the cache points at memory the next frame reuses (FA601).
package fa601

import "github.com/framealloc/fa/allocator"

// Path is a path found by the pathfinder.
type Path struct{ Nodes []int }

var lastPath *Path

// FindPath computes a path in frame memory and caches it beyond the frame.
func FindPath(l *allocator.Local, from, to int) *Path {
	p := allocator.Frame[Path](l)
	p.Nodes = allocator.FrameSlice[int](l, 2)
	p.Nodes[0], p.Nodes[1] = from, to
	lastPath = p // FA601: frame value escapes to a package-level variable
	return p
}
