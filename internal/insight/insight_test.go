package insight

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/framealloc/fa/internal/insight/model"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

// prog stands for a program using the allocator with one Local: it
// counts frames, frame allocations and tagged frame bytes as the allocator
// does, and takes snapshots as the allocator's files decode. (Snapshots of
// a real allocator, and its live endpoint, are read in the browsertest
// module, which may depend on the allocator module.)
type prog struct {
	frames, allocs, peak int
	tags                 map[string]*snapfile.TagSnapshot
	ivStart              time.Time
	ivFrames, ivMax      int
	ivSum                int
}

// runAllocator returns a program that ran frames frames under tag.
func runAllocator(t *testing.T, frames int, tag string) (*prog, *prog) {
	t.Helper()
	p := &prog{tags: map[string]*snapfile.TagSnapshot{}, ivStart: time.Now().UTC()}
	runFrames(p, frames, tag)
	return p, p
}

// runFrames runs frames frames, frame f allocating 100+f bytes under tag.
func runFrames(p *prog, frames int, tag string) {
	for f := range frames {
		n := 100 + f
		p.frames++
		p.allocs++
		p.peak = max(p.peak, n)
		p.ivFrames++
		p.ivMax = max(p.ivMax, n)
		p.ivSum += n
		tg := p.tags[tag]
		if tg == nil {
			tg = &snapfile.TagSnapshot{Tag: tag}
			p.tags[tag] = tg
		}
		tg.FrameBytes += n
		tg.Allocations++
		tg.Interval.Frames++
		tg.Interval.MaxBytes = max(tg.Interval.MaxBytes, n)
		tg.Interval.MeanBytes += float64(n) // a sum until Snapshot divides
	}
}

// Snapshot is the program's snapshot now; it starts the next interval.
func (p *prog) Snapshot(frame uint64) *snapfile.Snapshot {
	now := time.Now().UTC()
	mean := func(sum float64, n int) float64 {
		if n == 0 {
			return 0
		}
		return sum / float64(n)
	}
	s := &snapfile.Snapshot{
		Version: 2,
		Frame:   frame,
		TakenAt: now,
		Summary: snapfile.SnapshotSummary{PeakFrameBytes: p.peak, FrameAllocations: p.allocs, Locals: 1, FramesCompleted: uint64(p.frames)},
		Interval: snapfile.IntervalSnapshot{Start: p.ivStart, Frames: p.ivFrames, MaxFrameBytes: p.ivMax,
			MeanFrameBytes: mean(float64(p.ivSum), p.ivFrames)},
		Goroutines: []snapfile.GoroutineSnapshot{{ID: 1, FrameNumber: uint64(p.frames), PeakFrameBytes: p.peak,
			FrameBudget: 64 << 10, FrameAllocations: p.allocs,
			Interval: snapfile.FrameInterval{Frames: p.ivFrames, MaxFrameBytes: p.ivMax, MeanFrameBytes: mean(float64(p.ivSum), p.ivFrames)}}},
	}
	paths := make([]string, 0, len(p.tags))
	for path := range p.tags {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		tg := p.tags[path]
		c := *tg
		c.Interval.MeanBytes = mean(tg.Interval.MeanBytes, tg.Interval.Frames)
		s.Tags = append(s.Tags, c)
		tg.Interval = snapfile.TagInterval{}
	}
	p.ivStart, p.ivFrames, p.ivMax, p.ivSum = now, 0, 0, 0
	return s
}

// writeSnap writes a snapshot into dir under the emitter's naming.
func writeSnap(t *testing.T, dir string, s *snapfile.Snapshot) string {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("snapshot-%020d-f%d.json", s.TakenAt.UnixNano(), s.Frame)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// folderOf returns a folder with n snapshots of a running program.
func folderOf(t *testing.T, n int) (string, *prog, *prog) {
	t.Helper()
	dir := t.TempDir()
	a, l := runAllocator(t, 5, "sim")
	for i := range n {
		runFrames(l, 3, "sim")
		s := a.Snapshot(uint64(i))
		s.TakenAt = s.TakenAt.Add(time.Duration(i) * time.Millisecond) // distinct names
		writeSnap(t, dir, s)
	}
	return dir, a, l
}

func TestOpenErrors(t *testing.T) {
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644)
	bad, _, _ := folderOf(t, 2)
	os.WriteFile(filepath.Join(bad, "snapshot-99999999999999999999-f9.json"), []byte("{"), 0o644)
	future, _, _ := folderOf(t, 1)
	os.WriteFile(filepath.Join(future, "snapshot-99999999999999999999-f9.json"), []byte(`{"version": 3}`), 0o644)
	good, _, _ := folderOf(t, 1)
	report := filepath.Join(t.TempDir(), "r.json")
	os.WriteFile(report, []byte(`{"version": 1}`), 0o644)

	for _, c := range []struct {
		name string
		o    Options
		msg  string
	}{
		{"no source", Options{}, "a SOURCE is needed"},
		{"missing folder", Options{Source: filepath.Join(empty, "missing")}, "no such file"},
		{"no snapshots", Options{Source: empty}, "no snapshot files"},
		{"malformed file", Options{Source: bad}, "snapshot-99999999999999999999-f9.json: not a valid allocator snapshot"},
		{"other version", Options{Source: future}, "snapshot schema version 3 is not supported"},
		{"malformed single file", Options{Source: filepath.Join(bad, "snapshot-99999999999999999999-f9.json")}, "not a valid allocator snapshot"},
		{"bad URL", Options{Source: "http://"}, "not the URL of a live endpoint"},
		{"unreachable endpoint", Options{Source: "http://127.0.0.1:1/debug/framealloc/"}, "live endpoint"},
		{"both static sources", Options{Source: good, Diagnostics: report, Analyze: []string{"./..."}}, "exclude each other"},
		{"bad diagnostics file", Options{Source: good, Diagnostics: report}, "no version or diagnostics"},
	} {
		err := WriteHTML(context.Background(), Options{Source: c.o.Source, Diagnostics: c.o.Diagnostics, Analyze: c.o.Analyze, HTML: filepath.Join(t.TempDir(), "x.html")})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}

func TestAddressInUse(t *testing.T) {
	dir, _, _ := folderOf(t, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Serve(context.Background(), Options{Source: dir, HTTP: ln.Addr().String()})
	if err == nil || !strings.Contains(err.Error(), "the address is in use") || !strings.Contains(err.Error(), "--http") {
		t.Fatalf("%v", err)
	}
}

// TestWriteHTML: one file with the assets and the view inlined; a tag name
// that looks like markup stays inside the JSON.
func TestWriteHTML(t *testing.T) {
	dir := t.TempDir()
	a, l := runAllocator(t, 3, `</script><script>alert("x")</script><!--`)
	writeSnap(t, dir, a.Snapshot(1))
	runFrames(l, 2, "b")
	s := a.Snapshot(2)
	s.TakenAt = s.TakenAt.Add(time.Millisecond)
	writeSnap(t, dir, s)
	out := filepath.Join(t.TempDir(), "page.html")
	var stderr bytes.Buffer
	if err := WriteHTML(context.Background(), Options{Source: dir, HTML: out, Stderr: &stderr}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	p := string(page)
	if strings.Count(p, "<script") != 3 || strings.Count(p, "</script>") != 3 {
		t.Errorf("%d script elements, want 3 (uPlot, app and the data; none injected)", strings.Count(p, "<script"))
	}
	for _, want := range []string{`<script id="fa-data" type="application/json">`, "uPlot", `\u003c/script\u003e\u003cscript\u003ealert`, `"live":false`} {
		if !strings.Contains(p, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"src=", "href=\"http", "<link"} {
		if strings.Contains(p, bad) {
			t.Errorf("page refers to an external resource: %q", bad)
		}
	}
	// The embedded view is the model's view.
	start := strings.Index(p, `<script id="fa-data" type="application/json">`) + len(`<script id="fa-data" type="application/json">`)
	end := strings.Index(p[start:], "</script>")
	var v model.View
	if err := json.Unmarshal([]byte(p[start:start+end]), &v); err != nil {
		t.Fatal(err)
	}
	weird := false
	for _, r := range v.Tags.Rows {
		weird = weird || r.Path == `</script><script>alert("x")</script><!--`
	}
	if v.Summary.Snapshots != 2 || v.Summary.FramesCompleted != 5 || !weird {
		t.Errorf("embedded view: %+v %+v", v.Summary, v.Tags.Rows)
	}
	if !strings.Contains(stderr.String(), "wrote "+out+" (2 snapshots)") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// serveTest runs Serve until the test ends and returns the page URL.
func serveTest(t *testing.T, o Options) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	o.HTTP, o.Poll = "127.0.0.1:0", 20*time.Millisecond
	o.Ready = func(u string) { ready <- u }
	go func() { done <- Serve(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	select {
	case u := <-ready:
		return u
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	return ""
}

func viewOf(t *testing.T, url string) *model.View {
	t.Helper()
	code, _, body := get(t, url+"api/view")
	if code != http.StatusOK {
		t.Fatalf("api/view: %d %s", code, body)
	}
	var v model.View
	if err := json.Unmarshal([]byte(body), &v); err != nil {
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

// TestServeFolder: the routes, and a watched folder whose new, rewritten,
// malformed and deleted files the history follows.
func TestServeFolder(t *testing.T) {
	dir, a, l := folderOf(t, 2)
	var stdout bytes.Buffer
	url := serveTest(t, Options{Source: dir, Stdout: &stdout})
	if !strings.Contains(stdout.String(), "2 snapshots from "+dir+" at "+url) {
		t.Errorf("stdout %q", stdout.String())
	}
	for _, c := range []struct {
		path, ctype string
		code        int
		body        string
	}{
		{"", "text/html; charset=utf-8", 200, `<script src="assets/app.js"></script>`},
		{"assets/app.js", "text/javascript; charset=utf-8", 200, "EventSource"},
		{"assets/uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8", 200, "uPlot"},
		{"assets/uplot/LICENSE", "text/plain; charset=utf-8", 200, "MIT"},
		{"assets/index.html", "", 404, ""},
		{"assets/../insight.go", "", 404, ""},
		{"api/compare?from=0&to=1", "application/json", 200, `"to":{"index":1`},
		{"api/compare?from=0&to=7", "", 400, "the history has 2"},
		{"api/compare?from=x", "", 400, "want /api/compare"},
		{"nothing", "", 404, ""},
	} {
		code, ct, body := get(t, url+c.path)
		if code != c.code || (c.ctype != "" && ct != c.ctype) || !strings.Contains(body, c.body) {
			t.Errorf("%s: %d %q %.80q, want %d %q %q", c.path, code, ct, body, c.code, c.ctype, c.body)
		}
	}
	if resp, err := http.Post(url+"api/view", "text/plain", nil); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp, err)
	}

	// A new file appears in the view; so does a malformed one, as a
	// problem; the first file's deletion (by the emitter) changes nothing.
	v0 := viewOf(t, url)
	runFrames(l, 4, "sim")
	s := a.Snapshot(9)
	s.TakenAt = s.TakenAt.Add(time.Second)
	writeSnap(t, dir, s)
	os.WriteFile(filepath.Join(dir, "snapshot-99999999999999999999-f1.json"), []byte("[]"), 0o644)
	names, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.json"))
	os.Remove(names[0])
	v := waitView(t, url, func(v *model.View) bool { return v.Summary.Snapshots == 3 && len(v.Problems) == 1 })
	if v.Generation <= v0.Generation || v.Summary.FramesCompleted != 5+3*2+4 {
		t.Errorf("after the update: generation %d (was %d), frames %d", v.Generation, v0.Generation, v.Summary.FramesCompleted)
	}
	if p := v.Problems[0]; p.Source != dir || !strings.Contains(p.Message, "snapshot-99999999999999999999-f1.json: not a valid allocator snapshot") {
		t.Errorf("problem %+v", p)
	}
	// The malformed file fixed in place is read again.
	time.Sleep(20 * time.Millisecond)
	s2 := a.Snapshot(10)
	s2.TakenAt = s2.TakenAt.Add(2 * time.Second)
	data, _ := json.Marshal(s2)
	os.WriteFile(filepath.Join(dir, "snapshot-99999999999999999999-f1.json"), data, 0o644)
	waitView(t, url, func(v *model.View) bool { return v.Summary.Snapshots == 4 })
}

// TestServeEvents: the page's event stream announces each change of the
// history.
func TestServeEvents(t *testing.T) {
	dir, a, _ := folderOf(t, 1)
	url := serveTest(t, Options{Source: dir})
	resp, err := http.Get(url + "api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 256)
	read := func() string {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		return string(buf[:n])
	}
	if got := read(); !strings.Contains(got, "event: generation\ndata: 1\n") {
		t.Fatalf("first event %q", got)
	}
	s := a.Snapshot(5)
	s.TakenAt = s.TakenAt.Add(time.Second)
	writeSnap(t, dir, s)
	if got := read(); !strings.Contains(got, "data: 2\n") {
		t.Fatalf("second event %q", got)
	}
}

func TestEndpointURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://h:1/debug/framealloc/":              "http://h:1/debug/framealloc/",
		"http://h:1/debug/framealloc":               "http://h:1/debug/framealloc/",
		"http://h:1/debug/framealloc/snapshot":      "http://h:1/debug/framealloc/",
		"http://h:1/debug/framealloc/snapshot.json": "http://h:1/debug/framealloc/",
		"http://h:1/x/events?y=1":                   "http://h:1/x/",
		"http://h:1":                                "http://h:1/",
	} {
		e, err := newEndpoint(in)
		if err != nil || e.String() != want {
			t.Errorf("%s: %v %v, want %s", in, e, err, want)
		}
	}
}

// TestHistoryBounded: past its bound the history drops its oldest
// snapshots, in time order, and says so once.
func TestHistoryBounded(t *testing.T) {
	h := newHistory("src", true, nil)
	h.max = 3
	at := func(sec int) model.Entry {
		return model.Entry{Name: fmt.Sprint(sec), Snap: &snapfile.Snapshot{Version: 2, TakenAt: time.Unix(int64(sec), 0)}}
	}
	h.add(at(1), at(2))
	h.add(at(5), at(3))
	h.add(at(4))
	es, probs, _, _ := h.snapshot()
	var names []string
	for _, e := range es {
		names = append(names, e.Name)
	}
	if strings.Join(names, " ") != "3 4 5" || len(probs) != 1 || !strings.Contains(probs[0].Message, "newest 3 snapshots") {
		t.Fatalf("history %v, problems %+v", names, probs)
	}
}
