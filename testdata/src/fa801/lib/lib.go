// Package lib has allocating helpers; it is mapped to no tag.
package lib

import "github.com/framealloc/fa/allocator"

// Contacts allocates the contact list of a step (untagged here).
func Contacts(l *allocator.Local, n int) []int {
	return allocator.FrameSlice[int](l, n)
}

// Sum allocates nothing.
func Sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
