package allocator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a manual clock for SnapshotEmitter tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestEmitter(cfg SnapshotConfig) (*SnapshotEmitter, *fakeClock) {
	c := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	return newSnapshotEmitter(cfg, c.now), c
}

// sampleSnapshot is a hand-filled snapshot with every list non-empty.
func sampleSnapshot(frame uint64) *Snapshot {
	return &Snapshot{
		Version: SnapshotVersion,
		Frame:   frame,
		TakenAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
		Summary: SnapshotSummary{FrameBytes: 128, PoolBytes: 64, HeapBytes: 32, Locals: 1},
		Goroutines: []GoroutineSnapshot{
			{ID: 1, FrameNumber: frame, InFrame: true, FrameBytes: 128, FrameBudget: 1 << 20},
		},
		Tags:        []TagSnapshot{{Tag: "physics/broadphase", FrameBytes: 128, Allocations: 2}},
		Phases:      []PhaseSnapshot{{Name: "update", FrameBytes: 128, Allocations: 2, Count: 1}},
		Promotions:  PromotionSnapshot{ToPool: 1, ToHeap: 2},
		Diagnostics: []DiagnosticSnapshot{{Code: "BF002", Message: "pool object freed in its own frame", Tag: "physics", Count: 3}},
	}
}

// snapshotFiles returns the snapshot file names in dir, sorted, and fails
// the test if any other file (such as a temporary file) is there.
func snapshotFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !isSnapshotName(e.Name()) {
			t.Fatalf("unexpected file %q in snapshot folder", e.Name())
		}
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func TestSnapshotEmitterRateLimit(t *testing.T) {
	dir := t.TempDir()
	e, clock := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 100, MinInterval: time.Second})
	steps := []struct {
		advance time.Duration
		want    bool
	}{
		{0, true},                       // the first call always writes
		{0, false},                      // same instant
		{999 * time.Millisecond, false}, // just under the interval
		{time.Millisecond, true},        // exactly the interval
		{500 * time.Millisecond, false},
		{2 * time.Second, true},
	}
	for i, st := range steps {
		clock.advance(st.advance)
		got, err := e.MaybeEmit(sampleSnapshot(uint64(i)))
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got != st.want {
			t.Fatalf("step %d: written = %v, want %v", i, got, st.want)
		}
	}
	if n := len(snapshotFiles(t, dir)); n != 3 {
		t.Fatalf("%d files, want 3", n)
	}
}

func TestSnapshotEmitterMinIntervalRaised(t *testing.T) {
	for _, iv := range []time.Duration{0, -time.Second, time.Millisecond, 499 * time.Millisecond} {
		t.Run(iv.String(), func(t *testing.T) {
			dir := t.TempDir()
			e, clock := newTestEmitter(SnapshotConfig{Dir: dir, MinInterval: iv})
			if w, err := e.MaybeEmit(sampleSnapshot(1)); !w || err != nil {
				t.Fatalf("first: %v %v", w, err)
			}
			clock.advance(499 * time.Millisecond)
			if w, err := e.MaybeEmit(sampleSnapshot(2)); w || err != nil {
				t.Fatalf("after 499ms: written=%v err=%v, want false nil", w, err)
			}
			clock.advance(time.Millisecond)
			if w, err := e.MaybeEmit(sampleSnapshot(3)); !w || err != nil {
				t.Fatalf("after 500ms: written=%v err=%v, want true nil", w, err)
			}
		})
	}
}

func TestSnapshotEmitterCleanup(t *testing.T) {
	dir := t.TempDir()
	// Files that are not snapshots are never touched.
	for _, keep := range []string{"notes.txt", "snapshot-x.json", "snapshot-00000000000000000001.json"} {
		if err := os.WriteFile(filepath.Join(dir, keep), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, clock := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 3})
	var written []string
	for i := range 10 {
		w, err := e.MaybeEmit(sampleSnapshot(uint64(100 + i)))
		if err != nil || !w {
			t.Fatalf("emit %d: %v %v", i, w, err)
		}
		written = append(written, fmt.Sprintf("snapshot-%020d-f%d.json", clock.now().UnixNano(), 100+i))
		clock.advance(MinSnapshotInterval)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ent := range entries {
		got = append(got, ent.Name())
	}
	want := append([]string{"notes.txt", "snapshot-00000000000000000001.json", "snapshot-x.json"}, written[7:]...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("folder holds\n  %v\nwant\n  %v", got, want)
	}
	// The newest file holds the newest snapshot.
	data, err := os.ReadFile(filepath.Join(dir, written[9]))
	if err != nil {
		t.Fatal(err)
	}
	var s struct{ Frame uint64 }
	if err := json.Unmarshal(data, &s); err != nil || s.Frame != 109 {
		t.Fatalf("newest file: frame %d, err %v", s.Frame, err)
	}
}

// TestSnapshotEmitterCleanupAcrossEmitters checks that files left by an
// earlier emitter (an earlier run) count toward MaxSnapshots.
func TestSnapshotEmitterCleanupAcrossEmitters(t *testing.T) {
	dir := t.TempDir()
	e1, c1 := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 2})
	for i := range 2 {
		if _, err := e1.MaybeEmit(sampleSnapshot(uint64(i))); err != nil {
			t.Fatal(err)
		}
		c1.advance(time.Second)
	}
	e2, c2 := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 2})
	c2.advance(time.Hour)
	if _, err := e2.MaybeEmit(sampleSnapshot(7)); err != nil {
		t.Fatal(err)
	}
	files := snapshotFiles(t, dir)
	if len(files) != 2 || !strings.HasSuffix(files[1], "-f7.json") || !strings.HasSuffix(files[0], "-f1.json") {
		t.Fatalf("files %v, want the frame 1 and frame 7 snapshots", files)
	}
}

func TestSnapshotEmitterErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	e, clock := newTestEmitter(SnapshotConfig{Dir: filepath.Join(blocker, "sub")})
	w, err := e.MaybeEmit(sampleSnapshot(1))
	if w || err == nil {
		t.Fatalf("written=%v err=%v, want an error", w, err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v does not wrap the *fs.PathError", err)
	}
	if !strings.HasPrefix(err.Error(), "allocator: ") {
		t.Errorf("error %q lacks the package prefix", err)
	}
	// A failed attempt starts the interval too.
	if w, err := e.MaybeEmit(sampleSnapshot(2)); w || err != nil {
		t.Fatalf("retry within the interval: written=%v err=%v", w, err)
	}
	clock.advance(MinSnapshotInterval)
	if _, err := e.MaybeEmit(sampleSnapshot(3)); err == nil {
		t.Fatal("retry after the interval did not fail again")
	}

	if _, err := e.MaybeEmit(nil); err == nil {
		t.Fatal("nil snapshot accepted")
	}

	// An encoding error is wrapped too.
	e2, _ := newTestEmitter(SnapshotConfig{Dir: t.TempDir()})
	bad := sampleSnapshot(1)
	bad.TakenAt = time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC) // outside RFC 3339
	if _, err := e2.MaybeEmit(bad); err == nil {
		t.Fatal("unencodable snapshot accepted")
	} else if errors.Unwrap(err) == nil {
		t.Fatalf("encoding error %v wraps nothing", err)
	}
}

func TestSnapshotEmitterConcurrent(t *testing.T) {
	dir := t.TempDir()
	e, clock := newTestEmitter(SnapshotConfig{Dir: dir, MaxSnapshots: 5})
	var wg sync.WaitGroup
	var mu sync.Mutex
	writes := 0
	for g := range 4 {
		spawn(&wg, func() {
			for i := range 50 {
				w, err := e.MaybeEmit(sampleSnapshot(uint64(g*1000 + i)))
				if err != nil {
					t.Error(err)
					return
				}
				if w {
					mu.Lock()
					writes++
					mu.Unlock()
				}
				clock.advance(100 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	if writes == 0 || writes > 200*100/500+1 {
		t.Fatalf("%d writes for 20s of fake time", writes)
	}
	if n := len(snapshotFiles(t, dir)); n != min(writes, 5) {
		t.Fatalf("%d files, want %d", n, min(writes, 5))
	}
}

// TestSnapshotEmitterRealClock runs the default clock: two immediate calls
// write one file.
func TestSnapshotEmitterRealClock(t *testing.T) {
	dir := t.TempDir()
	e := NewSnapshotEmitter(SnapshotConfig{Dir: dir})
	w1, err1 := e.MaybeEmit(sampleSnapshot(1))
	w2, err2 := e.MaybeEmit(sampleSnapshot(2))
	if !w1 || w2 || err1 != nil || err2 != nil {
		t.Fatalf("got (%v,%v) (%v,%v), want (true,nil) (false,nil)", w1, err1, w2, err2)
	}
	if n := len(snapshotFiles(t, dir)); n != 1 {
		t.Fatalf("%d files, want 1", n)
	}
}

// TestSnapshotSchemaCoversStruct checks that the schema and the Go types
// name the same fields, so neither can drift from the other.
func TestSnapshotSchemaCoversStruct(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "docs", "snapshot-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var compare func(at string, schema map[string]any, typ reflect.Type)
	compare = func(at string, schema map[string]any, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			if typ.Kind() == reflect.Slice {
				schema, _ = schema["items"].(map[string]any)
			}
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ == reflect.TypeFor[time.Time]() {
			return
		}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		var want, required []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			want = append(want, name)
			sub, _ := props[name].(map[string]any)
			compare(at+"."+name, sub, f.Type)
		}
		var got []string
		for k := range props {
			got = append(got, k)
		}
		for _, r := range req {
			required = append(required, r.(string))
		}
		slices.Sort(want)
		slices.Sort(got)
		slices.Sort(required)
		if !slices.Equal(want, got) || !slices.Equal(want, required) {
			t.Errorf("%s: Go fields %v, schema properties %v, required %v", at, want, got, required)
		}
		if schema["additionalProperties"] != false {
			t.Errorf("%s: schema allows additional properties", at)
		}
	}
	compare("$", doc, reflect.TypeFor[Snapshot]())
}
