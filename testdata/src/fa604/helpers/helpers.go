// Package helpers ends frames for callers in another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Finish ends the frame of l and collects its promotions.
func Finish(l *allocator.Local) int {
	return len(l.EndFrameWithPromotions())
}
