package fa802

import "github.com/framealloc/fa/allocator"

// Tags nested through callbacks are sub-tags, not checked.

type runner struct{ l *allocator.Local }

// Audio runs f under the "audio" tag.
func (r *runner) Audio(f func()) { r.l.WithTag("audio", f) }

// Inside runs f inside a WithTag closure.
func (r *runner) Inside(f func()) {
	r.l.WithTag("network", func() { f() })
}

type mixer interface{ mix() }

type voice struct{ l *allocator.Local }

func (v voice) mix() {
	v.l.WithTag("voices", func() { _ = allocator.Frame[int](v.l) })
}

// --- near misses ---

func callbacks(r *runner, ms []mixer) {
	l := r.l
	r.Audio(func() {
		l.WithTag("mixer", func() { _ = allocator.Frame[int](l) })
	})
	r.Inside(func() {
		l.WithTag("sockets", func() { _ = allocator.Frame[int](l) })
	})
	l.WithTag("audio", func() {
		for _, m := range ms {
			m.mix()
		}
	})
	_ = []mixer{voice{l}}
}

// --- positives ---

// later runs f when nothing is tagged.
func later(f func()) { f() }

func untagged(l *allocator.Local) {
	later(func() {
		l.WithTag("sfx", func() { _ = allocator.Frame[int](l) }) // want `FA802: .* tag "sfx"`
	})
}
