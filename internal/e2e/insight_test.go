package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// snapshotFolder writes n snapshot files, named as allocator.SnapshotEmitter
// names them, of a program with one Local that completes 10 frames of 64
// bytes under the tag "physics" between snapshots. The documents are built
// with fa's own reading of the schema (snapfile), which its tests hold to
// docs/snapshot-schema.json; the tool module does not depend on the
// allocator module.
func snapshotFolder(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	start := time.Now().UTC()
	for i := range n {
		frames := 10 * (i + 1)
		s := snapfile.Snapshot{
			Version: 2,
			Frame:   uint64(i),
			TakenAt: start.Add(time.Duration(i+1) * 500 * time.Millisecond),
			Summary: snapfile.SnapshotSummary{PeakFrameBytes: 64, FrameAllocations: frames, Locals: 1, FramesCompleted: uint64(frames)},
			Interval: snapfile.IntervalSnapshot{Start: start.Add(time.Duration(i) * 500 * time.Millisecond), Frames: 10,
				MaxFrameBytes: 64, MeanFrameBytes: 64},
			Goroutines: []snapfile.GoroutineSnapshot{{ID: 1, FrameNumber: uint64(frames), PeakFrameBytes: 64, FrameAllocations: frames,
				Interval: snapfile.FrameInterval{Frames: 10, MaxFrameBytes: 64, MeanFrameBytes: 64}}},
			Tags: []snapfile.TagSnapshot{{Tag: "physics", FrameBytes: 64 * frames, Allocations: frames,
				Interval: snapfile.TagInterval{Frames: 10, MaxBytes: 64, MeanBytes: 64}}},
			Phases:      []snapfile.PhaseSnapshot{},
			Diagnostics: []snapfile.DiagnosticSnapshot{},
		}
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("snapshot-%020d-f%d.json", s.TakenAt.UnixNano(), s.Frame)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestInsightCommand runs fa insight as users do: bad input exits 2 with
// a message naming the problem; --html writes the page and exits 0.
func TestInsightCommand(t *testing.T) {
	bin := needFA(t)
	good := snapshotFolder(t, 3)
	empty := t.TempDir()
	bad := snapshotFolder(t, 1)
	os.WriteFile(filepath.Join(bad, "snapshot-99999999999999999999-f1.json"), []byte("{"), 0o644)
	future := snapshotFolder(t, 1)
	os.WriteFile(filepath.Join(future, "snapshot-99999999999999999999-f1.json"), []byte(`{"version": 3}`), 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	page := filepath.Join(t.TempDir(), "insight.html")

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"insight", empty}, 2, "no snapshot files"},
		{[]string{"insight", bad}, 2, "snapshot-99999999999999999999-f1.json: not a valid allocator snapshot"},
		{[]string{"insight", future}, 2, "snapshot schema version 3 is not supported"},
		{[]string{"insight", "--http", ln.Addr().String(), good}, 2, "the address is in use"},
		{[]string{"insight", "--diagnostics", filepath.Join(good, "missing.json"), good}, 2, "--diagnostics"},
		{[]string{"insight"}, 2, "accepts 1 arg"},
		{[]string{"insight", "--html", page, good}, 0, "wrote " + page + " (3 snapshots)"},
	} {
		r := run(t, fa.root, nil, nil, bin, c.args...)
		if r.code != c.code || !strings.Contains(string(r.stderr), c.msg) {
			t.Errorf("fa %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), r.code, r.stderr, c.code, c.msg)
		}
	}
	data, err := os.ReadFile(page)
	if err != nil || !strings.Contains(string(data), `<script id="fa-data" type="application/json">`) {
		t.Fatalf("page: %v", err)
	}
}

// TestInsightServe starts fa insight on a folder, reads the URL it prints,
// fetches the view, and stops it with an interrupt (exit 0).
func TestInsightServe(t *testing.T) {
	bin := needFA(t)
	dir := snapshotFolder(t, 2)
	cmd := exec.Command(bin, "insight", dir)
	cmd.Dir = fa.root
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 || !strings.HasPrefix(line, "fa insight: 2 snapshots from "+dir) {
		t.Fatalf("first line %q, want the URL on the loopback address", line)
	}
	url := strings.TrimSpace(line[i:])
	resp, err := http.Get(url + "api/view")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var v struct {
		Summary struct {
			Snapshots       int    `json:"snapshots"`
			FramesCompleted uint64 `json:"frames_completed"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.Summary.Snapshots != 2 || v.Summary.FramesCompleted != 20 {
		t.Fatalf("view: %v %s", err, body)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("fa insight after an interrupt: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fa insight did not stop on an interrupt")
	}
}
