// Package clean does not use the allocator.
package clean

// Add adds.
func Add(a, b int) int { return a + b }
