package browsertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framelive"
	"github.com/framealloc/fa/internal/insight"
	"github.com/framealloc/fa/internal/insight/model"
)

// The tests of this file need no browser: they follow the live endpoint of
// a real allocator (package allocator/framelive) with fa insight's server
// and read its view, /api/view.

// runAllocator runs frames on a real allocator and returns it with a
// Local (closed with the allocator at the end of the test).
func runAllocator(t *testing.T, frames int, tag string) (*allocator.Allocator, *allocator.Local) {
	t.Helper()
	a := allocator.New(allocator.Config{})
	t.Cleanup(a.Close)
	l := a.NewLocal()
	l.SetFrameBudget(64 * allocator.KiB)
	runFrames(l, frames, tag)
	return a, l
}

func runFrames(l *allocator.Local, frames int, tag string) {
	for f := range frames {
		l.BeginFrame()
		l.WithTag(tag, func() { _ = allocator.FrameBytes(l, 100+f) })
		l.EndFrame()
	}
	l.Stats()
}

// viewOf reads the page's view.
func viewOf(t *testing.T, url string) *model.View {
	t.Helper()
	resp, err := http.Get(url + "api/view")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("api/view: %d %s", resp.StatusCode, body)
	}
	var v model.View
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// waitView polls the view until ok accepts it.
func waitView(t *testing.T, url string, ok func(v *model.View) bool) *model.View {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := viewOf(t, url)
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("view never changed as expected: %+v, problems %+v", v.Summary, v.Problems)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeLive follows a program's live endpoint.
func TestServeLive(t *testing.T) {
	a, l := runAllocator(t, 4, "net")
	h := framelive.New(a, framelive.Options{})
	mux := http.NewServeMux()
	mux.Handle("/debug/framealloc/", h)
	prog := httptest.NewServer(mux)
	defer prog.Close()
	defer h.Close()

	url := serve(t, insight.Options{Source: prog.URL + "/debug/framealloc/events", Poll: 20 * time.Millisecond})
	v := viewOf(t, url)
	if v.Source != prog.URL+"/debug/framealloc/" || !v.Live || v.Summary.Snapshots != 1 || v.Summary.FramesCompleted != 4 {
		t.Fatalf("live view: source %s, %+v", v.Source, v.Summary)
	}
	// The program publishes a snapshot; the viewer receives it (the
	// handler serves it once its 500ms interval is over).
	runFrames(l, 6, "net")
	h.Publish(a.Snapshot(99))
	v = waitView(t, url, func(v *model.View) bool { return v.Summary.Snapshots >= 2 })
	if v.Summary.Frame != 99 || v.Summary.FramesCompleted != 10 || v.Series.Frames[len(v.Series.Frames)-1] != 6 {
		t.Errorf("after the publication: frame %d, frames %d, series %v", v.Summary.Frame, v.Summary.FramesCompleted, v.Series.Frames)
	}
	if !strings.HasPrefix(v.Snapshots[1].Name, "live #2 (frame 99)") {
		t.Errorf("name %q", v.Snapshots[1].Name)
	}
}

// TestServeLiveLost: the program going away is reported on the page.
func TestServeLiveLost(t *testing.T) {
	a, _ := runAllocator(t, 2, "x")
	h := framelive.New(a, framelive.Options{})
	prog := httptest.NewServer(h)
	url := serve(t, insight.Options{Source: prog.URL, Poll: 20 * time.Millisecond})
	h.Close() // ends the stream: the viewer reconnects, and fails
	prog.Close()
	v := waitView(t, url, func(v *model.View) bool { return len(v.Problems) > 0 })
	if !strings.Contains(v.Problems[0].Message, "event stream") || v.Summary.Snapshots != 1 {
		t.Errorf("problems %+v", v.Problems)
	}
}
