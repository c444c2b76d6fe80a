// Package typos holds tags written as literals: the close ones get a
// suggested fix.
package typos

import "github.com/framealloc/fa/allocator"

func typo(l *allocator.Local) {
	l.WithTag("physcs", func() { _ = allocator.Frame[int](l) }) // want `FA802: package example.com/fa802/typos allocates under tag "physcs", which is not in \[tags\].known of .fa.toml; did you mean "physics"\?`
}

func wrongCase(l *allocator.Local) {
	l.WithTag("Audio", func() { _ = allocator.Frame[int](l) }) // want `FA802: .* tag "Audio", .*; did you mean "audio"\?`
}

func pathTypo(l *allocator.Local) {
	l.WithTag("renderng/shadows", func() { _ = allocator.Frame[int](l) }) // want `FA802: .* tag "renderng", .*; did you mean "rendering"\?`
}
