package allocator

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// mustPanic runs fn and returns what it panicked with, failing the test
// if it did not panic.
func mustPanic(t *testing.T, fn func()) any {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		fn()
	}()
	if got == nil {
		t.Fatal("no panic")
	}
	return got
}

// tagWorkload runs the same allocations under the same tags on a fresh
// allocator, entering tags with enter (WithTag or EnterTag), and returns
// the allocator-wide tag statistics and the local statistics.
func tagWorkload(t *testing.T, enter func(a *Allocator, l *Local, tag string, fn func())) ([]TagStats, LocalStats) {
	t.Helper()
	a := New(Config{})
	a.SetTagBudget("physics/broadphase", 100, 200)
	a.SetTagBudget("ai", 0, 64)
	l := a.NewLocal()
	for range 3 {
		l.BeginFrame()
		enter(a, l, "physics", func() {
			Frame[int64](l)
			enter(a, l, "broadphase", func() {
				FrameSlice[byte](l, 150) // past the soft budget
				if _, err := TryFrameSlice[byte](l, 100); !errors.Is(err, ErrBudgetExceeded) {
					t.Errorf("tag hard budget not enforced: %v", err)
				}
				PoolFree(l, Pool[int32](l))
			})
			Heap[int64](l)
		})
		// A path given at once is the nested tags.
		enter(a, l, "physics/broadphase", func() { FrameSlice[byte](l, 10) })
		enter(a, l, "ai", func() {
			if _, err := TryFrameSlice[int64](l, 9); !errors.Is(err, ErrBudgetExceeded) {
				t.Errorf("ai hard budget not enforced: %v", err)
			}
			FrameSlice[int64](l, 8)
		})
		l.EndFrame()
	}
	// Outside a frame, counted when the scope ends.
	enter(a, l, "io", func() { Heap[int32](l) })
	return a.allTagStats(), l.Stats()
}

func TestEnterTagMatchesWithTag(t *testing.T) {
	withTag, ls1 := tagWorkload(t, func(_ *Allocator, l *Local, tag string, fn func()) { l.WithTag(tag, fn) })
	enterTag, ls2 := tagWorkload(t, func(a *Allocator, l *Local, tag string, fn func()) {
		defer l.EnterTag(a.Tag(tag)).Exit()
		fn()
	})
	if !reflect.DeepEqual(withTag, enterTag) {
		t.Errorf("tag statistics differ:\nWithTag  %+v\nEnterTag %+v", withTag, enterTag)
	}
	ls1.ID, ls2.ID = 0, 0
	if ls1 != ls2 {
		t.Errorf("local statistics differ:\nWithTag  %+v\nEnterTag %+v", ls1, ls2)
	}
	byTag := map[string]TagStats{}
	for _, s := range withTag {
		byTag[s.Tag] = s
	}
	if ph := byTag["physics"]; ph.FrameBytes != 3*(8+150+10) || ph.PoolBytes != 3*4 || ph.HeapBytes != 3*8 || ph.Allocations != 3*5 {
		t.Errorf("physics: %+v", ph)
	}
	if bp := byTag["physics/broadphase"]; bp.FrameBytes != 3*(150+10) || bp.SoftExceeded != 3 || bp.HardExceeded != 3 {
		t.Errorf("physics/broadphase: %+v", bp)
	}
	if ai := byTag["ai"]; ai.FrameBytes != 3*64 || ai.HardExceeded != 3 {
		t.Errorf("ai: %+v", ai)
	}
	if io := byTag["io"]; io.HeapBytes != 4 || io.Allocations != 1 {
		t.Errorf("io: %+v", io)
	}
}

func TestEnterTagRestoresPreviousTag(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	physics, solver := a.Tag("physics"), a.Tag("solver")
	if a.Tag("physics") != physics || physics.Name() != "physics" {
		t.Fatal("Tag does not return the same handle for the same name")
	}
	l.BeginFrame()
	s1 := l.EnterTag(physics)
	if got := l.currentTag(); got != "physics" {
		t.Fatalf("current tag %q", got)
	}
	s2 := l.EnterTag(solver)
	if got := l.currentTag(); got != "physics/solver" {
		t.Fatalf("current tag %q, want physics/solver", got)
	}
	s2.Exit()
	if got := l.currentTag(); got != "physics" {
		t.Fatalf("after Exit: current tag %q, want physics", got)
	}
	s3 := l.EnterTag(a.Tag("physics/solver")) // nested under physics
	if got := l.currentTag(); got != "physics/physics/solver" {
		t.Fatalf("current tag %q", got)
	}
	s3.Exit()
	s1.Exit()
	if got := l.currentTag(); got != "" || len(l.tagStack) != 0 {
		t.Fatalf("after the last Exit: tag %q, stack %d", got, len(l.tagStack))
	}
	l.EndFrame()
}

func TestTagScopeMisuse(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	outer := l.EnterTag(a.Tag("outer"))
	inner := l.EnterTag(a.Tag("inner"))
	p := mustPanic(t, outer.Exit)
	err, ok := p.(error)
	if !ok || !errors.Is(err, ErrTagScopeOrder) || !strings.Contains(err.Error(), `"outer"`) || !strings.Contains(err.Error(), `"outer/inner"`) {
		t.Fatalf("out-of-order Exit panicked with %v", p)
	}
	if got := l.currentTag(); got != "outer/inner" {
		t.Fatalf("a refused Exit changed the tag to %q", got)
	}
	inner.Exit()
	if p := mustPanic(t, inner.Exit); !errors.Is(p.(error), ErrTagScopeOrder) || !strings.Contains(p.(error).Error(), "already exited") {
		t.Fatalf("second Exit panicked with %v", p)
	}
	outer.Exit()
	if p := mustPanic(t, TagScope{}.Exit); !errors.Is(p.(error), ErrTagScopeOrder) {
		t.Fatalf("zero scope Exit panicked with %v", p)
	}
	if p := mustPanic(t, func() { l.EnterTag(Tag{}) }); !strings.Contains(p.(string), "zero Tag") {
		t.Fatalf("EnterTag(Tag{}) panicked with %v", p)
	}
	other := New(Config{}).Tag("x")
	if p := mustPanic(t, func() { l.EnterTag(other) }); !strings.Contains(p.(string), "another Allocator") {
		t.Fatalf("EnterTag with a foreign Tag panicked with %v", p)
	}
	// A scope re-entered with the same tag at the same depth is another
	// scope: the exited one cannot end it.
	s := l.EnterTag(a.Tag("outer"))
	s.Exit()
	s2 := l.EnterTag(a.Tag("outer"))
	mustPanic(t, s.Exit)
	s2.Exit()
	l.Close()
	if p := mustPanic(t, func() { l.EnterTag(a.Tag("outer")) }); !strings.Contains(p.(string), "closed") {
		t.Fatalf("EnterTag on a closed Local panicked with %v", p)
	}
}

func TestWithTagClosesScopesLeftOpen(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	var leaked TagScope
	l.BeginFrame()
	l.WithTag("physics", func() {
		leaked = l.EnterTag(a.Tag("solver"))
		Frame[int64](l)
	})
	if len(l.tagStack) != 0 {
		t.Fatalf("tag stack holds %d frames after WithTag returned", len(l.tagStack))
	}
	mustPanic(t, leaked.Exit)
	// A panic in fn pops the tag too.
	func() {
		defer func() { recover() }()
		l.WithTag("physics", func() { panic("boom") })
	}()
	if len(l.tagStack) != 0 {
		t.Fatal("tag not popped after a panic")
	}
	l.EndFrame()
	if got := a.TagStats("physics/solver").FrameBytes; got != 8 {
		t.Fatalf("physics/solver frame bytes %d, want 8", got)
	}
}

// noop is a closure-free function for WithTag allocation tests.
func noop() {}

func TestTagScopesDoNotAllocate(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	physics, solver := a.Tag("physics"), a.Tag("physics/solver")
	l.BeginFrame()
	run := func() {
		s := l.EnterTag(physics)
		l.EnterTag(solver).Exit()
		Frame[int64](l)
		s.Exit()
		l.WithTag("physics", noop)
		l.WithTag("ai/path", noop)
	}
	run() // first use resolves and creates the nodes
	if n := testing.AllocsPerRun(1000, run); n != 0 {
		t.Fatalf("tag scopes allocate: %v allocs/run", n)
	}
	l.EndFrame()
	if n := testing.AllocsPerRun(100, func() { l.BeginFrame(); run(); l.EndFrame() }); n != 0 {
		t.Fatalf("tag scopes and their flush at EndFrame allocate: %v allocs/run", n)
	}
}

func BenchmarkTag(b *testing.B) {
	a := New(Config{})
	t := a.Tag("physics")
	b.Run("EnterTag", func(b *testing.B) {
		defer cpuPerOp(b)()
		l := a.NewLocal()
		l.BeginFrame()
		for i := 0; i < b.N; i++ {
			l.EnterTag(t).Exit()
		}
		l.EndFrame()
	})
	b.Run("EnterTag-nested", func(b *testing.B) {
		defer cpuPerOp(b)()
		l := a.NewLocal()
		l.BeginFrame()
		outer := l.EnterTag(a.Tag("world"))
		for i := 0; i < b.N; i++ {
			l.EnterTag(t).Exit()
		}
		outer.Exit()
		l.EndFrame()
	})
	b.Run("WithTag", func(b *testing.B) {
		defer cpuPerOp(b)()
		l := a.NewLocal()
		l.BeginFrame()
		for i := 0; i < b.N; i++ {
			l.WithTag("physics", noop)
		}
		l.EndFrame()
	})
}
