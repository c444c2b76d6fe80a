// Package helpers begins and ends frames for callers in another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Begin begins the frame of l.
func Begin(l *allocator.Local) { l.BeginFrame() }

// End ends the frame of l.
func End(l *allocator.Local) { l.EndFrame() }

// State is frame data built by NewState.
type State struct{ N int }

// NewState returns frame memory of l.
func NewState(l *allocator.Local) *State { return allocator.Frame[State](l) }

// Copy returns a heap copy of s.
func Copy(s *State) *State {
	c := *s
	return &c
}
