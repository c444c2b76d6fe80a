package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	o := options{workers: 3, frames: 60, particles: 64, tick: 10 * time.Millisecond, snapshots: dir, maxSnaps: 2}
	if err := run(o, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "3 workers, 60 frames") {
		t.Errorf("unexpected summary:\n%s", out.String())
	}

	// 60 frames of at least 10ms span more than 500ms: at least two
	// snapshots were written, and only the newest two are kept.
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("snapshot folder holds %v, want 2 snapshot files", files)
	}

	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join("..", "..", "docs", "snapshot-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s does not match the snapshot schema: %v", f, err)
		}
		var s struct {
			Goroutines []json.RawMessage
			Tags       []struct{ Tag string }
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Goroutines) != 4 {
			t.Errorf("%s: %d goroutines, want 4 (3 workers and render)", f, len(s.Goroutines))
		}
		tags := map[string]bool{}
		for _, tg := range s.Tags {
			tags[tg.Tag] = true
		}
		for _, want := range []string{"workers/physics", "workers/ai", "workers/rendering"} {
			if !tags[want] {
				t.Errorf("%s: no %q tag in %v", f, want, s.Tags)
			}
		}
	}
}

// TestRunLive serves live snapshots while the simulation runs and reads
// one from the snapshot endpoint and one from the event stream.
func TestRunLive(t *testing.T) {
	pr, pw := io.Pipe()
	o := options{workers: 2, frames: 150, particles: 32, tick: 10 * time.Millisecond, snapshots: t.TempDir(), maxSnaps: 2, live: "localhost:0"}
	errc := make(chan error, 1)
	go func() {
		err := run(o, pw)
		pw.Close()
		errc <- err
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "live snapshots: ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, livePath) {
		t.Fatalf("first line %q, want the live URL on the loopback address", line)
	}
	// The first snapshot may come before the goroutines start.
	var s struct {
		Version    int
		Goroutines []json.RawMessage
	}
	for deadline := time.Now().Add(5 * time.Second); len(s.Goroutines) != 3 && time.Now().Before(deadline); {
		resp, err := http.Get(url + "snapshot")
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&s)
		resp.Body.Close()
		if err != nil || s.Version != 2 {
			t.Fatalf("live snapshot: %v, version %d", err, s.Version)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(s.Goroutines) != 3 {
		t.Fatalf("live snapshots show %d goroutines, want 3 (2 workers and render)", len(s.Goroutines))
	}
	resp, err := http.Get(url + "events")
	if err != nil {
		t.Fatal(err)
	}
	ev := bufio.NewReader(resp.Body)
	var data string
	for data == "" {
		l, err := ev.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream: %v", err)
		}
		if d, ok := strings.CutPrefix(strings.TrimSpace(l), "data: "); ok {
			data = d
		}
	}
	resp.Body.Close()
	if !strings.Contains(data, `"version":2`) {
		t.Errorf("event data %.80s...", data)
	}
	go io.Copy(io.Discard, br)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestRunLiveAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	o := options{workers: 1, frames: 1, particles: 1, snapshots: t.TempDir(), maxSnaps: 1, live: ln.Addr().String()}
	if err := run(o, io.Discard); err == nil || !strings.Contains(err.Error(), "-live") {
		t.Fatalf("address in use: %v", err)
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	if err := run(options{workers: 0, frames: 1, particles: 1}, &bytes.Buffer{}); err == nil {
		t.Fatal("0 workers accepted")
	}
}

// TestMain lets the test binary run the command itself, so that
// TestCommand checks flags and the exit status of a real process.
func TestMain(m *testing.M) {
	if os.Getenv("FA_WORKERS_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestCommand(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-workers", "2", "-frames", "20", "-particles", "32", "-tick", "0", "-snapshots", dir)
	cmd.Env = append(os.Environ(), "FA_WORKERS_RUN_MAIN=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("command failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "2 workers, 20 frames") {
		t.Fatalf("unexpected output:\n%s", out)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.json")); len(files) == 0 {
		t.Fatal("no snapshot file written (the first MaybeEmit always writes)")
	}
}
