package game

import (
	"testing"

	"example.com/policy/alloc"
)

var kept *int

// TestKeep stores a frame value in a package-level variable: FA601 in a
// test file, which every driver analyses.
func TestKeep(t *testing.T) {
	l := alloc.New(alloc.Config{FrameBudget: 1 << 20}).NewLocal()
	l.BeginFrame()
	kept = alloc.Frame[int](l)
	l.EndFrame()
}
