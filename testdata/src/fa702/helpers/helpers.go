// Package helpers begins and ends frames for callers in another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Begin begins the frame of l.
func Begin(l *allocator.Local) { l.BeginFrame() }

// End ends the frame of l.
func End(l *allocator.Local) { l.EndFrame() }
