package framelive

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
)

// clock is a manual clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// runFrames runs n frames of size bytes on l and publishes them.
func runFrames(l *allocator.Local, n, size int) {
	for range n {
		l.BeginFrame()
		l.WithTag("sim", func() { _ = allocator.FrameBytes(l, size) })
		l.EndFrame()
	}
	l.Stats()
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) *allocator.Snapshot {
	t.Helper()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, content type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	var s allocator.Snapshot
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

func TestSnapshotEndpointRateLimited(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	l := a.NewLocal()
	h := New(a, Options{Interval: time.Millisecond}) // raised to 500ms
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.now = c.now

	runFrames(l, 3, 100)
	s1 := decode(t, get(t, h, "GET", "/debug/framealloc/"))
	if s1.Version != allocator.SnapshotVersion || len(s1.Goroutines) != 1 || s1.Interval.Frames != 3 || s1.Frame != 3 {
		t.Fatalf("first snapshot: version %d, %d goroutines, interval %+v, frame %d", s1.Version, len(s1.Goroutines), s1.Interval, s1.Frame)
	}

	// Within the interval: the same snapshot, Allocator.Snapshot not called
	// (the next one still sees the frames run meanwhile).
	runFrames(l, 2, 100)
	c.advance(499 * time.Millisecond)
	rec := get(t, h, "GET", "/debug/framealloc/snapshot")
	if s := decode(t, rec); s.Interval.Frames != 3 || rec.Header().Get("X-Snapshot-Seq") != "1" {
		t.Fatalf("within the interval: seq %s, interval %+v, want the first snapshot", rec.Header().Get("X-Snapshot-Seq"), s.Interval)
	}
	c.advance(time.Millisecond)
	rec = get(t, h, "GET", "/x/snapshot.json")
	if s := decode(t, rec); s.Interval.Frames != 2 || rec.Header().Get("X-Snapshot-Seq") != "2" {
		t.Fatalf("after the interval: seq %s, interval %+v, want a new snapshot with 2 frames", rec.Header().Get("X-Snapshot-Seq"), s.Interval)
	}

	if rec := get(t, h, "HEAD", "/"); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(t, h, "POST", "/"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
	if rec := get(t, h, "GET", "/debug/framealloc/other"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown path: %d", rec.Code)
	}
}

func TestFrameOption(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	h := New(a, Options{Frame: func() uint64 { return 77 }})
	if s := decode(t, get(t, h, "GET", "/")); s.Frame != 77 {
		t.Fatalf("frame %d, want 77", s.Frame)
	}
}

// TestPublish: published snapshots are served instead of the Handler's
// own, with the intervals of the skipped ones folded in.
func TestPublish(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	l := a.NewLocal()
	h := New(a, Options{})
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.now = c.now

	var mine []*allocator.Snapshot
	for i := range 3 {
		runFrames(l, 1, 10*(i+1))
		s := a.Snapshot(uint64(100 + i))
		mine = append(mine, s)
		h.Publish(s)
		c.advance(100 * time.Millisecond)
	}
	s := decode(t, get(t, h, "GET", "/"))
	if s.Frame != 102 || s.Interval.Frames != 3 || s.Interval.MaxFrameBytes != 30 || s.Interval.MeanFrameBytes != 20 {
		t.Fatalf("served frame %d interval %+v, want frame 102 covering the 3 published frames", s.Frame, s.Interval)
	}
	if mine[2].Interval.Frames != 1 {
		t.Errorf("Publish modified the caller's snapshot: %+v", mine[2].Interval)
	}

	// The program keeps publishing: no snapshot of the Handler's own, even
	// once the interval is over, until a publication arrives.
	runFrames(l, 4, 10)
	c.advance(600 * time.Millisecond)
	if s := decode(t, get(t, h, "GET", "/")); s.Frame != 102 {
		t.Fatalf("took its own snapshot (frame %d) while the program publishes", s.Frame)
	}
	h.Publish(a.Snapshot(200))
	if s := decode(t, get(t, h, "GET", "/")); s.Frame != 200 || s.Interval.Frames != 4 {
		t.Fatalf("frame %d interval %+v, want the publication of frame 200", s.Frame, s.Interval)
	}
	// Publications stopped for two intervals: the Handler takes its own.
	c.advance(1100 * time.Millisecond)
	if s := decode(t, get(t, h, "GET", "/")); s.Frame == 200 {
		t.Fatal("no snapshot of its own after publications stopped")
	}
}

// event is one server-sent event.
type event struct {
	id, name, data string
}

// readEvent reads the next event (skipping comments).
func readEvent(r *bufio.Reader) (event, error) {
	var e event
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return e, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if e.data != "" {
				return e, nil
			}
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "id: "):
			e.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			e.name = line[7:]
		case strings.HasPrefix(line, "data: "):
			e.data = line[6:]
		}
	}
}

func TestEventStream(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	l := a.NewLocal()
	runFrames(l, 2, 64)
	h := New(a, Options{Heartbeat: 50 * time.Millisecond})
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer h.Close() // before srv.Close: it waits for open streams

	resp, err := http.Get(srv.URL + "/debug/framealloc/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	start := time.Now()
	e1, err := readEvent(r)
	if err != nil {
		t.Fatal(err)
	}
	var s allocator.Snapshot
	if err := json.Unmarshal([]byte(e1.data), &s); err != nil || e1.id != "1" || e1.name != "snapshot" || s.Interval.Frames != 2 {
		t.Fatalf("first event %+v (%v), want id 1 with 2 frames", e1, err)
	}
	runFrames(l, 5, 64)
	e2, err := readEvent(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(e2.data), &s); err != nil || e2.id != "2" || s.Interval.Frames != 5 {
		t.Fatalf("second event %+v (%v), want id 2 with 5 frames", e2, err)
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("second event after %v: not rate-limited to 500ms", d)
	}

	// Close ends the stream.
	h.Close()
	done := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, r); done <- err }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("stream still open after Close")
	}
	// New streams end at once; the snapshot endpoint still answers.
	resp2, err := http.Get(srv.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	if len(body) != 0 {
		t.Errorf("stream after Close sent %q", body)
	}
	resp3, err := http.Get(srv.URL + "/snapshot")
	if err != nil || resp3.StatusCode != http.StatusOK {
		t.Fatalf("snapshot after Close: %v %v", resp3, err)
	}
	resp3.Body.Close()
}

// TestNoHTTPInAllocator: the allocator package does not link net/http;
// only importing framelive does.
func TestNoHTTPInAllocator(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/framealloc/fa/allocator").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "net/http" || p == "net" {
			t.Fatalf("the allocator depends on %s", p)
		}
	}
}
