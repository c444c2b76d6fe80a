package schematest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docsDir holds the published snapshot schemas, from this directory.
var docsDir = filepath.Join("..", "..", "..", "docs")

// sampleSnapshot is a hand-filled snapshot with every list non-empty.
func sampleSnapshot(frame uint64) *allocator.Snapshot {
	return &allocator.Snapshot{
		Version: allocator.SnapshotVersion,
		Frame:   frame,
		TakenAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
		Summary: allocator.SnapshotSummary{FrameBytes: 128, PoolBytes: 64, HeapBytes: 32, Locals: 1},
		Goroutines: []allocator.GoroutineSnapshot{
			{ID: 1, FrameNumber: frame, InFrame: true, FrameBudget: 1 << 20, FrameBytes: 128},
		},
		Tags:        []allocator.TagSnapshot{{Tag: "physics/broadphase", FrameBytes: 128, Allocations: 2}},
		Phases:      []allocator.PhaseSnapshot{{Name: "update", FrameBytes: 128, Allocations: 2, Count: 1}},
		Promotions:  allocator.PromotionSnapshot{ToPool: 1, ToHeap: 2},
		Diagnostics: []allocator.DiagnosticSnapshot{{Code: "BF002", Message: "pool object freed in its own frame", Tag: "physics", Count: 3}},
	}
}

// emit writes s through a SnapshotEmitter and returns the file's bytes.
func emit(t *testing.T, s *allocator.Snapshot) []byte {
	t.Helper()
	dir := t.TempDir()
	e := allocator.NewSnapshotEmitter(allocator.SnapshotConfig{Dir: dir})
	if w, err := e.MaybeEmit(s); !w || err != nil {
		t.Fatalf("MaybeEmit: written %v, %v", w, err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) != 1 {
		t.Fatalf("snapshot folder holds %v (%v), want one file", files, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSnapshotJSONMatchesSchema writes a hand-filled snapshot through the
// emitter and validates the file against docs/snapshot-schema.json; a zero
// Snapshot must encode lists as [] and validate too.
func TestSnapshotJSONMatchesSchema(t *testing.T) {
	schema := loadSnapshotSchema(t)
	data := emit(t, sampleSnapshot(42))
	validateSnapshotJSON(t, schema, data)

	zero, err := json.Marshal(&allocator.Snapshot{Version: allocator.SnapshotVersion})
	if err != nil {
		t.Fatal(err)
	}
	validateSnapshotJSON(t, schema, zero)

	// The schema rejects what version 2 forbids.
	for _, bad := range []string{
		`{}`,
		strings.Replace(string(data), `"version": 2`, `"version": 1`, 1),
		strings.Replace(string(data), `"frame_bytes": 128`, `"frame_bytes": -1`, 1),
		strings.Replace(string(data), `"to_pool": 1`, `"to_pool": 1, "extra": 0`, 1),
		strings.Replace(string(data), `"BF002"`, `"FA601"`, 1),
		strings.Replace(string(data), `"in_frame": true`, `"in_frame": 1`, 1),
		strings.Replace(string(data), `"2026-01-02T03:04:05.000000006Z"`, `"yesterday"`, 1),
		strings.Replace(string(data), `"goroutines": [`, `"goroutines": null, "x": [`, 1),
	} {
		if bad == string(data) {
			t.Fatalf("a replacement did not apply: the emitted snapshot changed shape\n%s", data)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err == nil {
			t.Errorf("schema accepted an invalid document:\n%s", bad)
		}
	}
}

// TestAllocatorSnapshotMatchesSchema validates the snapshot of a real
// allocator that used every kind of allocation, tags, phases, promotions
// and the behavior filter.
func TestAllocatorSnapshotMatchesSchema(t *testing.T) {
	type vec struct{ X, Y, Z float64 }
	a := allocator.New(allocator.Config{})
	defer a.Close()
	a.EnableBehaviorFilter()
	a.SetTagBudget("physics", 1*allocator.MiB, 2*allocator.MiB)
	l := a.NewLocal()
	l.SetFrameBudget(1 * allocator.MiB)
	for range 20 {
		l.BeginFrame()
		l.BeginPhase("update")
		l.WithTag("physics", func() {
			allocator.FrameSlice[vec](l, 10)
			allocator.PoolFree(l, allocator.Pool[vec](l)) // BF002
		})
		l.EndPhase()
		l.WithTag("ai", func() {
			allocator.Heap[vec](l) // BF004
			allocator.FrameRetained[vec](l, allocator.PromoteToHeap)
		})
		l.EndFrameWithPromotions()
	}
	l.Stats()
	s := a.Snapshot(20)
	if len(s.Goroutines) == 0 || len(s.Tags) == 0 || len(s.Phases) == 0 || len(s.Diagnostics) == 0 || s.Promotions.ToHeap == 0 {
		t.Fatalf("snapshot misses parts the test means to validate: %+v", s)
	}
	schema := loadSnapshotSchema(t)
	data := emit(t, s)
	validateSnapshotJSON(t, schema, data)

	// The version 1 schema, kept for old files, rejects it; the version 2
	// schema rejects what it forbids.
	v1 := compileSchema(t, "snapshot-schema-v1.json")
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data)); err != nil || v1.Validate(inst) == nil {
		t.Errorf("the version 1 schema accepted a version 2 snapshot (%v)", err)
	}
	doc := string(data)
	for _, bad := range []string{
		strings.Replace(doc, `"frames": `, `"frames": -`, 1),
		strings.Replace(doc, `"mean_frame_bytes": `, `"mean_frame_bytes": "x", "y": `, 1),
		strings.Replace(doc, `"soft_exceeded": `, `"soft_exceeded": 1, "extra": `, 1),
		strings.Replace(doc, `"interval": {`, `"interval": {"more": 1, `, 1),
		strings.Replace(doc, `"in_frame": false`, `"in_frame": 0`, 1),
		strings.Replace(doc, `"BF004"`, `"FA601"`, 1),
	} {
		if bad == doc {
			t.Fatalf("a replacement did not apply to:\n%s", doc)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(inst) == nil {
			t.Errorf("schema accepted an invalid document:\n%s", bad)
		}
	}
}

func loadSnapshotSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compileSchema(t, "snapshot-schema.json")
}

// compileSchema compiles docs/name.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join(docsDir, name))
	if err != nil {
		t.Fatalf("docs/%s: %v", name, err)
	}
	return schema
}

func validateSnapshotJSON(t *testing.T, schema *jsonschema.Schema, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("snapshot is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("snapshot does not match docs/snapshot-schema.json: %v\ndocument:\n%s", err, data)
	}
}
