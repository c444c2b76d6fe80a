// Package helpers wraps Try* allocations for callers in another package.
package helpers

import "github.com/framealloc/fa/allocator"

// Vec is a small value type.
type Vec struct{ X, Y float64 }

// TryVec returns the error of TryFrame to its caller: that counts as
// checking it here, and the caller must check it in turn (not FA302: the
// caller's error comes from a helper, not a Try* call).
func TryVec(l *allocator.Local) (*Vec, error) {
	return allocator.TryFrame[Vec](l)
}

// Report passes an error on.
func Report(err error) {}
