// Package snapfile reads allocator snapshot files (docs/snapshot-schema.md)
// of schema version 1 and 2 into Snapshot values.
package snapfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Versions are the snapshot schema versions Decode accepts.
var Versions = []int{1, 2}

// VersionError reports a snapshot document of a schema version this
// reader does not know.
type VersionError struct {
	Version int
}

// Error names the version and the ones supported.
func (e *VersionError) Error() string {
	return fmt.Sprintf("snapshot schema version %d is not supported (want 1 or 2)", e.Version)
}

// ErrNotSnapshot is wrapped by the errors of documents that are not
// allocator snapshots at all (not JSON, no version or time, fields of the
// wrong type).
var ErrNotSnapshot = errors.New("not a valid allocator snapshot")

// Decode parses one snapshot document. A version 1 document gives a
// Snapshot whose version 2 fields (the interval aggregates and the tags'
// exceedances) are zero. Errors are a *VersionError or wrap
// ErrNotSnapshot.
func Decode(data []byte) (*Snapshot, error) {
	// One pass of json.Unmarshal (a json.Decoder would scan the document
	// twice). Fields a later minor change might add are ignored; the
	// version decides the meaning of the rest.
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		// A document of another version may not fit the structure: report
		// its version rather than the mismatch.
		var head struct {
			Version *int `json:"version"`
		}
		if json.Unmarshal(data, &head) == nil && head.Version != nil && !slices.Contains(Versions, *head.Version) {
			return nil, &VersionError{Version: *head.Version}
		}
		return nil, fmt.Errorf("%w: %w", ErrNotSnapshot, err)
	}
	if !slices.Contains(Versions, s.Version) {
		if s.Version == 0 {
			return nil, fmt.Errorf("%w: no version field", ErrNotSnapshot)
		}
		return nil, &VersionError{Version: s.Version}
	}
	if s.TakenAt.IsZero() {
		return nil, fmt.Errorf("%w: no taken_at time", ErrNotSnapshot)
	}
	return &s, nil
}

// ReadFile reads and decodes one snapshot file; errors name the file.
func ReadFile(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// IsName reports whether a file name is a snapshot file's: snapshot-*.json,
// as SnapshotEmitter names them (snapshot-<unix nanoseconds, 20
// digits>-f<frame>.json, so that name order is time order). The
// emitter's temporary files (.snapshot-*.tmp) are not.
func IsName(name string) bool {
	return strings.HasPrefix(name, "snapshot-") && strings.HasSuffix(name, ".json")
}

// List returns the snapshot file names of dir, sorted (time order for the
// emitter's names).
func List(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && IsName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}
