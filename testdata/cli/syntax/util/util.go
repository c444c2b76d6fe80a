// Package util does not parse, and does not use the allocator.
package util

// Sum is missing its closing brace.
func Sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	return s
}
