// Package physics allocates under tags that are not its own.
package physics

import "example.com/policy/alloc"

// Step allocates under the audio package's tag (FA803), under a tag no
// package owns (FA801) and under a misspelt tag (FA801, and FA802, a hint:
// not reported).
func Step(l *alloc.Local) {
	l.BeginFrame()
	l.WithTag("audio", func() { _ = alloc.Frame[int](l) })
	l.WithTag("collision", func() { _ = alloc.Frame[int](l) })
	l.WithTag("physcs", func() { _ = alloc.Frame[int](l) })
	l.WithTag("physics", func() { _ = alloc.Frame[int](l) })
	l.EndFrame()
}
