// Package fa602 allocates a frame value per entity in a loop that is not
// the frame loop (FA602): the allocation should be one FrameSlice before
// the loop.
package fa602

import "github.com/framealloc/fa/allocator"

// Contact is a collision contact.
type Contact struct{ A, B int }

// Contacts allocates one contact per pair, inside the pair loop.
func Contacts(l *allocator.Local, pairs [][2]int) []*Contact {
	out := make([]*Contact, 0, len(pairs))
	for _, pr := range pairs {
		c := allocator.Frame[Contact](l) // FA602: allocation in a loop that is not the frame loop
		c.A, c.B = pr[0], pr[1]
		out = append(out, c)
	}
	return out
}
