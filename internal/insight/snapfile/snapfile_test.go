package snapfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/framealloc/fa/allocator"
)

func schema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(filepath.Join("..", "..", "..", "docs", name))
	if err != nil {
		t.Fatalf("docs/%s: %v", name, err)
	}
	return s
}

func validate(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// allocatorFile runs an allocator with tags, budgets, several Locals and
// the behavior filter, and returns the file its emitter writes.
func allocatorFile(t *testing.T) []byte {
	t.Helper()
	a := allocator.New(allocator.Config{})
	defer a.Close()
	a.EnableBehaviorFilter()
	a.SetTagBudget("physics", 64, 1024)
	for range 2 {
		l := a.NewLocal()
		for f := range 12 {
			l.BeginFrame()
			l.BeginPhase("update")
			l.WithTag("physics", func() {
				_ = allocator.FrameBytes(l, 40+f)
				l.WithTag("broadphase", func() { _ = allocator.FrameBytes(l, 30) })
				_ = allocator.Heap[int64](l)
			})
			l.EndPhase()
			l.EndFrame()
		}
		l.Stats()
	}
	dir := t.TempDir()
	e := allocator.NewSnapshotEmitter(allocator.SnapshotConfig{Dir: dir})
	if _, err := e.MaybeEmit(a.Snapshot(12)); err != nil {
		t.Fatal(err)
	}
	names, err := List(dir)
	if err != nil || len(names) != 1 {
		t.Fatalf("%v %v", names, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSchemas: the allocator writes version 2 documents that match
// docs/snapshot-schema.json; the version 1 schema is kept for old files;
// each schema rejects the other version and what it forbids.
func TestSchemas(t *testing.T) {
	v1s, v2s := schema(t, "snapshot-schema-v1.json"), schema(t, "snapshot-schema.json")
	file := allocatorFile(t)
	if err := validate(v2s, file); err != nil {
		t.Fatalf("allocator output does not match the v2 schema: %v\n%s", err, file)
	}
	for _, c := range []struct {
		name string
		s    *jsonschema.Schema
		data []byte
		ok   bool
	}{
		{"v1 fixture, v1 schema", v1s, read(t, "v1.json"), true},
		{"v2 fixture, v2 schema", v2s, read(t, "v2.json"), true},
		{"v1 fixture, v2 schema", v2s, read(t, "v1.json"), false},
		{"v2 fixture, v1 schema", v1s, read(t, "v2.json"), false},
		{"allocator output, v1 schema", v1s, file, false},
	} {
		if err := validate(c.s, c.data); (err == nil) != c.ok {
			t.Errorf("%s: valid %v, want %v (%v)", c.name, err == nil, c.ok, err)
		}
	}
	doc := string(file)
	for _, bad := range []string{
		`{}`,
		strings.Replace(doc, `"version": 2`, `"version": 3`, 1),
		strings.Replace(doc, `"frames": `, `"frames": -`, 1),
		strings.Replace(doc, `"mean_frame_bytes": `, `"mean_frame_bytes": "x", "y": `, 1),
		strings.Replace(doc, `"soft_exceeded": `, `"soft_exceeded": 1, "extra": `, 1),
		strings.Replace(doc, `"interval": {`, `"interval": {"more": 1, `, 1),
		strings.Replace(doc, `"in_frame": false`, `"in_frame": 0`, 1),
		strings.Replace(doc, `"BF004"`, `"FA601"`, 1),
	} {
		if bad != `{}` && bad == doc {
			t.Fatalf("a replacement did not apply to:\n%s", doc)
		}
		if err := validate(v2s, []byte(bad)); err == nil {
			t.Errorf("v2 schema accepted:\n%s", bad)
		}
	}
}

func TestDecode(t *testing.T) {
	s1, err := Decode(read(t, "v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s1.Version != 1 || s1.Frame != 120 || len(s1.Goroutines) != 1 || s1.Interval != (allocator.IntervalSnapshot{}) || s1.Tags[0].Interval != (allocator.TagInterval{}) {
		t.Errorf("v1: %+v", s1)
	}
	s2, err := Decode(read(t, "v2.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Version != 2 || s2.Interval.Frames != 60 || s2.Interval.MeanFrameBytes != 4100.5 || s2.Tags[0].Interval.MaxBytes != 4200 || s2.Tags[0].SoftExceeded != 3 {
		t.Errorf("v2: %+v", s2)
	}
	want := time.Date(2026, 1, 2, 3, 4, 4, 500000000, time.UTC)
	if !s2.Interval.Start.Equal(want) {
		t.Errorf("interval start %v", s2.Interval.Start)
	}
	if _, err := Decode(allocatorFile(t)); err != nil {
		t.Errorf("allocator output: %v", err)
	}
	// Fields unknown to the version are ignored.
	if s, err := Decode([]byte(strings.Replace(string(read(t, "v2.json")), `"frame": 120`, `"frame": 120, "later": {"x": 1}`, 1))); err != nil || s.Frame != 120 {
		t.Errorf("unknown field: %v", err)
	}

	v2 := string(read(t, "v2.json"))
	var ve *VersionError
	for _, c := range []struct {
		doc     string
		version int // 0: ErrNotSnapshot
		msg     string
	}{
		{strings.Replace(v2, `"version": 2`, `"version": 3`, 1), 3, "version 3 is not supported"},
		{`{"version": 7, "something": "else"}`, 7, "version 7"},
		{`{"version": 0}`, 0, "no version"},
		{`{"frame": 1}`, 0, "no version"},
		{`not json`, 0, "invalid character"},
		{``, 0, "unexpected end of JSON input"},
		{`[1, 2]`, 0, "cannot unmarshal array"},
		{strings.Replace(v2, `"frame": 120`, `"frame": "120"`, 1), 0, "cannot unmarshal string"},
		{v2 + v2, 0, "after top-level value"},
		{strings.Replace(v2, `"taken_at": "2026-01-02T03:04:05.000000006Z",`, ``, 1), 0, "no taken_at"},
	} {
		_, err := Decode([]byte(c.doc))
		switch {
		case err == nil:
			t.Errorf("accepted %.60q", c.doc)
		case c.version != 0 && (!errors.As(err, &ve) || ve.Version != c.version):
			t.Errorf("%.60q: %v, want a version %d error", c.doc, err, c.version)
		case c.version == 0 && !errors.Is(err, ErrNotSnapshot):
			t.Errorf("%.60q: %v, want ErrNotSnapshot", c.doc, err)
		case !strings.Contains(err.Error(), c.msg):
			t.Errorf("%.60q: %q does not say %q", c.doc, err, c.msg)
		}
	}
}

func TestListAndReadFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"snapshot-00000000000000000002-f2.json": string(read(t, "v2.json")),
		"snapshot-00000000000000000001-f1.json": string(read(t, "v1.json")),
		".snapshot-123.tmp":                     "partial",
		"notes.txt":                             "x",
		"snapshot-bad.json":                     "{",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "snapshot-dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	names, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, " ") != "snapshot-00000000000000000001-f1.json snapshot-00000000000000000002-f2.json snapshot-bad.json" {
		t.Fatalf("List: %v", names)
	}
	if s, err := ReadFile(filepath.Join(dir, names[0])); err != nil || s.Version != 1 {
		t.Fatalf("ReadFile: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "snapshot-bad.json")); err == nil || !strings.Contains(err.Error(), "snapshot-bad.json") {
		t.Fatalf("bad file: %v", err)
	}
	if _, err := List(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("List of a missing folder")
	}
}
