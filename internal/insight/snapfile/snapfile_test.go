package snapfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
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

// TestSchemas: the fixtures match their schema versions
// (docs/snapshot-schema.json is version 2, docs/snapshot-schema-v1.json is
// kept for old files); each schema rejects the other version and what it
// forbids. That the allocator writes version 2 documents matching the
// schema is checked on the allocator's side
// (allocator/internal/schematest).
func TestSchemas(t *testing.T) {
	v1s, v2s := schema(t, "snapshot-schema-v1.json"), schema(t, "snapshot-schema.json")
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
	} {
		if err := validate(c.s, c.data); (err == nil) != c.ok {
			t.Errorf("%s: valid %v, want %v (%v)", c.name, err == nil, c.ok, err)
		}
	}
	doc := string(read(t, "v2.json"))
	for _, bad := range []string{
		`{}`,
		strings.Replace(doc, `"version": 2`, `"version": 3`, 1),
		strings.Replace(doc, `"frames": `, `"frames": -`, 1),
		strings.Replace(doc, `"mean_frame_bytes": `, `"mean_frame_bytes": "x", "y": `, 1),
		strings.Replace(doc, `"soft_exceeded": `, `"soft_exceeded": 1, "extra": `, 1),
		strings.Replace(doc, `"interval": {`, `"interval": {"more": 1, `, 1),
		strings.Replace(doc, `"in_frame": false`, `"in_frame": 0`, 1),
	} {
		if bad != `{}` && bad == doc {
			t.Fatalf("a replacement did not apply to:\n%s", doc)
		}
		if err := validate(v2s, []byte(bad)); err == nil {
			t.Errorf("v2 schema accepted:\n%s", bad)
		}
	}
}

// TestTypesMatchSchema checks that the reader's types and
// docs/snapshot-schema.json name the same fields at every level, so that
// what the allocator writes (held to the same schema on its side) is what
// fa reads.
func TestTypesMatchSchema(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "snapshot-schema.json"))
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
		var fields, names []string
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields = append(fields, name)
			sub, _ := props[name].(map[string]any)
			if sub == nil {
				t.Errorf("%s.%s: not in the schema", at, name)
				continue
			}
			compare(at+"."+name, sub, f.Type)
		}
		for k := range props {
			names = append(names, k)
		}
		slices.Sort(fields)
		slices.Sort(names)
		if !slices.Equal(fields, names) {
			t.Errorf("%s: fields %v, schema properties %v", at, fields, names)
		}
	}
	compare("$", doc, reflect.TypeFor[Snapshot]())
}

func TestDecode(t *testing.T) {
	s1, err := Decode(read(t, "v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s1.Version != 1 || s1.Frame != 120 || len(s1.Goroutines) != 1 || s1.Interval != (IntervalSnapshot{}) || s1.Tags[0].Interval != (TagInterval{}) {
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
