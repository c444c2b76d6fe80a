// Package fa801 is the AI module (.fa.toml at the repository root maps it
// to tag "ai"), but it attributes its path-finding scratch to "audio", a tag
// no package owns (FA801): the ai budget and statistics miss it.
package fa801

import "github.com/framealloc/fa/allocator"

// Node is one path-finding node.
type Node struct{ X, Y, Cost int }

// FindPath allocates the open list of one search in frame memory.
func FindPath(l *allocator.Local, n int) int {
	found := 0
	l.WithTag("audio", func() { // FA801: package mapped to "ai" allocates under "audio"
		open := allocator.FrameSlice[Node](l, n)
		for i := range open {
			open[i].Cost = i
		}
		found = len(open)
	})
	return found
}
