package allocator

import "testing"

// BenchmarkTaggedFrame is a frame with two nested tags and a few
// allocations: the path that folds per-tag interval usage (at the first
// WithTag return of each frame) and per-Local usage (at EndFrame).
func BenchmarkTaggedFrame(b *testing.B) {
	a := New(Config{})
	l := a.NewLocal()
	for i := 0; i < b.N; i++ {
		l.BeginFrame()
		l.WithTag("physics", func() {
			_ = Frame[int64](l)
			l.WithTag("broadphase", func() { _ = FrameSlice[int32](l, 16) })
		})
		l.EndFrame()
	}
}
