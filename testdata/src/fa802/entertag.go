package fa802

import "github.com/framealloc/fa/allocator"

// EnterTag regions: the tag is the name given to a.Tag.

type mixerState struct {
	l     *allocator.Local
	voice allocator.Tag
}

func newMixer(a *allocator.Allocator, l *allocator.Local) *mixerState {
	return &mixerState{l: l, voice: a.Tag("auido")}
}

// --- positives ---

func typo(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("physcs")).Exit() // want `FA802: package example.com/fa802 allocates under tag "physcs", which is not in \[tags\].known of .fa.toml; did you mean "physics"\?`
	_ = allocator.Frame[int](l)
}

func (m *mixerState) mix() {
	s := m.l.EnterTag(m.voice) // want `FA802: .* tag "auido", .*; did you mean "audio"\?`
	_ = allocator.Frame[int](m.l)
	s.Exit()
}

func unknownPath(a *allocator.Allocator, l *allocator.Local) {
	t := a.Tag("ui/menu")
	defer l.EnterTag(t).Exit() // want `FA802: .* tag "ui"`
	_ = allocator.Frame[int](l)
}

// --- near misses ---

func knownRegions(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("physics/solver")).Exit()
	defer l.EnterTag(a.Tag("ui/hud")).Exit()
	_ = allocator.Frame[int](l)
}

// A sub-tag entered inside a known tag is not checked.
func subRegion(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("audio")).Exit()
	s := l.EnterTag(a.Tag("mixr"))
	_ = allocator.Frame[int](l)
	s.Exit()
}

func quietRegion(a *allocator.Allocator, l *allocator.Local) {
	defer l.EnterTag(a.Tag("physcs")).Exit()
}
