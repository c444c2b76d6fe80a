package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/internal/insight"
)

// browserPath finds headless Chromium: $FA_CHROMIUM, or Debian's
// chromium-headless-shell, or a full Chromium or Chrome. Without one the
// test skips, or fails when FA_E2E_REQUIRE_CLIENTS is set (as .ci/run
// does).
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("FA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no headless Chromium (Debian chromium-headless-shell; .ci/install-clients.sh installs it)"
	if os.Getenv("FA_E2E_REQUIRE_CLIENTS") != "" {
		t.Fatal(msg + " and FA_E2E_REQUIRE_CLIENTS is set")
	}
	t.Skip(msg)
	return ""
}

// browser starts headless Chromium for one test; it is closed before the
// test's other cleanups run (servers wait for the page's event streams).
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browserPath(t)), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancelTimeout()
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", browserPath(t), err)
	}
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
	})
	return ctx
}

// serve runs fa insight on o until the test ends and returns the page's
// URL.
func serve(t *testing.T, o insight.Options) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	o.HTTP = "127.0.0.1:0" // the folder is polled at the default interval
	o.Ready = func(url string) { ready <- url }
	go func() { done <- insight.Serve(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("fa insight: %v", err)
		}
	})
	select {
	case url := <-ready:
		return url
	case err := <-done:
		t.Fatalf("fa insight did not start: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("fa insight did not start within a minute")
	}
	return ""
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// attr reads an attribute of the first element matching a selector.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? (e.getAttribute(%q) ?? "<none>") : "<no element>"; })()`, sel, name))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.textContent : "<no element>"; })()`, sel))
}

// stat returns the exact value and the displayed text of a summary item.
func stat(t *testing.T, ctx context.Context, key string) (string, string) {
	t.Helper()
	sel := fmt.Sprintf(`#summary [data-k=%q]`, key)
	return attr(t, ctx, sel, "data-v"), text(t, ctx, sel+" b")
}

// waitFor polls a JavaScript predicate until it is true.
func waitFor(t *testing.T, ctx context.Context, js string, within time.Duration) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(25*time.Millisecond))); err != nil {
		t.Fatalf("waiting %v for %s: %v", within, js, err)
	}
}

// tab shows a view and waits for it to be drawn.
func tab(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	run(t, ctx, chromedp.Click(fmt.Sprintf(`#tabs button[data-view=%q]`, name)))
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector("#view-%s.active") !== null && document.querySelector("#view-%s").childElementCount > 0`, name, name), 10*time.Second)
}

// screenshot saves the page to the test's artifact directory, and to
// $FA_INSIGHT_SCREENSHOTS when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dirs := []string{t.ArtifactDir()}
	if d := os.Getenv("FA_INSIGHT_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", p)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not an integer", s)
	}
	return n
}

// views are the page's views, in tab order.
var views = []string{"summary", "memory", "tags", "locals", "flow", "warnings", "compare"}

// checkFixturePage checks the numbers of the fixture series of n
// snapshots as the page shows them, view by view, and saves a screenshot
// of each view when shots is set.
func checkFixturePage(t *testing.T, ctx context.Context, n int, withStatic, shots bool) {
	t.Helper()
	last := n - 1
	for _, c := range []struct{ key, v, text string }{
		{"frames_completed", strconv.Itoa(fixLocals * fixFrames * n), ""},
		{"locals", strconv.Itoa(fixLocals), "3"},
		{"fps", "180", "180.0"}, // 90 frames per half second
		{"fps_per_local", "60", "60.0"},
		{"pool_bytes", strconv.Itoa(4096 + 128*last), ""},
		{"peak_frame_bytes", strconv.Itoa(3000 + 10*last), ""},
		{"worst_frame_bytes", strconv.Itoa(3000 + 10*last), ""},
		{"deferred_dropped", strconv.Itoa(last / 10), ""},
		{"runtime_warnings", "2", "2"},
		{"snapshots", strconv.Itoa(n), ""},
	} {
		v, txt := stat(t, ctx, c.key)
		if v != c.v || (c.text != "" && txt != c.text) {
			t.Errorf("summary %s: data-v %q text %q, want %q %q", c.key, v, txt, c.v, c.text)
		}
	}
	if v, _ := stat(t, ctx, "pool_bytes"); v == "" {
		t.Fatal("no pool bytes")
	}
	if _, txt := stat(t, ctx, "heap_bytes"); txt != fmt.Sprintf("%.1f KiB", float64(2048+64*last)/1024) {
		t.Errorf("heap bytes shown as %q", txt)
	}
	if withStatic {
		if v, _ := stat(t, ctx, "static_findings"); v != "3" {
			t.Errorf("static findings %q, want 3", v)
		}
		if v, _ := stat(t, ctx, "warnings"); v != "5" {
			t.Errorf("warnings in all %q, want 5", v)
		}
	}

	for _, view := range views {
		tab(t, ctx, view)
		switch view {
		case "summary", "memory", "flow":
			if got := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll("#view-%s .uplot").length`, view)); got < 2 {
				t.Errorf("%s view: %d charts", view, got)
			}
		case "tags":
			checkTagTree(t, ctx, n, true)
		case "locals":
			if rows := eval[int](t, ctx, `document.querySelectorAll("#locals-table tbody tr").length`); rows != fixLocals {
				t.Errorf("%d Locals rows", rows)
			}
			// Local 1: peak 1000+10*last of a 4096 budget.
			if got := attr(t, ctx, `#locals-table tr[data-id="1"] td:nth-child(5)`, "data-v"); got != strconv.Itoa(1000+10*last) {
				t.Errorf("Local 1 peak %q", got)
			}
			if got := text(t, ctx, `#locals-table tr[data-id="3"] td:nth-child(6)`); got != "none" {
				t.Errorf("Local 3 budget %q, want none", got)
			}
			if got := attr(t, ctx, `#locals-table tr[data-id="3"] td:nth-child(12)`, "data-v"); got != "2" {
				t.Errorf("Local 3 pending deferred frees %q", got)
			}
			if got := attr(t, ctx, `#phases-table tr[data-name="update"] td:nth-child(5)`, "data-v"); got != "50" {
				t.Errorf("update phase bytes per entry %q, want 50", got) // 1500n / 30n
			}
		case "warnings":
			if got := eval[int](t, ctx, `document.querySelectorAll("#runtime-table tbody tr").length`); got != 2 {
				t.Errorf("%d runtime findings", got)
			}
			if withStatic {
				for code, want := range map[string]string{"FA203": "yes", "FA604": "yes", "FA201": "no"} {
					if got := attr(t, ctx, fmt.Sprintf(`.finding[data-code=%q]`, code), "data-confirmed"); got != want {
						t.Errorf("%s confirmed %q, want %q", code, got, want)
					}
				}
				snip := text(t, ctx, `.finding[data-code="FA604"] pre`)
				if !strings.Contains(snip, "--> game/physics/solver.go:4:10") || !strings.Contains(snip, "allocator.FrameRetained") || !strings.Contains(snip, "^^^") {
					t.Errorf("FA604 snippet:\n%s", snip)
				}
				if got := text(t, ctx, `#runtime-table tr[data-code="BF003"] td:nth-child(6)`); got != "FA604 game/physics/solver.go:4" {
					t.Errorf("BF003 confirms %q", got)
				}
			}
		case "compare":
			waitFor(t, ctx, `document.querySelector("#compare-tags tbody tr") !== null`, 10*time.Second)
			// First to last: physics grew by 1050 bytes per snapshot.
			if got := attr(t, ctx, `#compare-tags tr[data-path="physics"] td:nth-child(4)`, "data-v"); got != strconv.Itoa(1050*last) {
				t.Errorf("physics growth %q, want %d", got, 1050*last)
			}
			if got := text(t, ctx, `#compare-tags tbody tr:first-child td:first-child`); got != "physics" {
				t.Errorf("largest growth %q, want physics", got)
			}
		}
		if shots {
			screenshot(t, ctx, fmt.Sprintf("%d-%s", slicesIndex(views, view)+1, view))
		}
	}
	tab(t, ctx, "summary")
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// checkTagTree: the total counts each byte once — the sum of the top-level
// rows, equal to the sum of self bytes, and less than the sum of all rows.
func checkTagTree(t *testing.T, ctx context.Context, n int, v2 bool) {
	t.Helper()
	type sums struct{ Total, Top, All, Self, Rows int }
	s, err := chromedp.Run(ctx, chromedp.Evaluate[sums](`(() => {
		const rows = [...document.querySelectorAll("#tag-table tbody tr[data-path]")];
		const num = (r, a) => Number(r.getAttribute(a));
		return {
			Total: Number(document.querySelector("#tag-table tr.total").getAttribute("data-incl")),
			Top: rows.filter((r) => !r.dataset.path.includes("/")).reduce((s, r) => s + num(r, "data-incl"), 0),
			All: rows.reduce((s, r) => s + num(r, "data-incl"), 0),
			Self: rows.reduce((s, r) => s + num(r, "data-self"), 0),
			Rows: rows.length,
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := fixTotal(n - 1)
	if s.Total != want || s.Top != want || s.Self != want || s.All <= want || s.Rows != len(fixTags)+1 {
		t.Errorf("tag tree: total %d, top-level %d, self %d, all rows %d (%d rows); want %d counted once", s.Total, s.Top, s.Self, s.All, s.Rows, want)
	}
	if got := attr(t, ctx, `#tag-table tr[data-path="physics"]`, "data-self"); got != strconv.Itoa(300*n) {
		t.Errorf("physics self bytes %q, want %d", got, 300*n) // 1050n - 400n - 350n
	}
	// physics' worst frame (500+20i) passes its soft budget 600 from the
	// seventh snapshot: highlighted (version 2 only records it).
	if cls := attr(t, ctx, `#tag-table tr[data-path="physics"]`, "class"); strings.Contains(cls, "exceeded") != (v2 && n > 6) {
		t.Errorf("physics row class %q after %d snapshots (version 2: %v)", cls, n, v2)
	}
	if cls := attr(t, ctx, `#tag-table tr[data-path="ai"]`, "class"); strings.Contains(cls, "exceeded") {
		t.Errorf("ai row class %q", cls)
	}
	if cls := attr(t, ctx, `#tag-table tr[data-path="render"]`, "class"); cls != "synthetic" {
		t.Errorf("render row class %q, want synthetic", cls)
	}
}

// TestPage serves the fixture series with static diagnostics and checks
// every view, with screenshots.
func TestPage(t *testing.T) {
	ctx := browser(t)
	const n = 40
	dir := fixFolder(t, n)
	proj, report := fixProject(t)
	url := serve(t, insight.Options{Source: dir, Diagnostics: report, Dir: proj})
	run(t, ctx, chromedp.Navigate(url))
	waitFor(t, ctx, `document.body.dataset.ready === "1"`, 20*time.Second)
	checkFixturePage(t, ctx, n, true, true)
}

// TestLiveUpdate: a snapshot file landing in the folder shows on the page
// within 2 seconds, and a malformed one is reported without breaking it.
func TestLiveUpdate(t *testing.T) {
	ctx := browser(t)
	dir := fixFolder(t, 5)
	url := serve(t, insight.Options{Source: dir})
	run(t, ctx, chromedp.Navigate(url+"#tags"))
	waitFor(t, ctx, `document.body.dataset.ready === "1"`, 20*time.Second)
	if v, _ := stat(t, ctx, "snapshots"); v != "5" {
		t.Fatalf("%s snapshots", v)
	}

	start := time.Now()
	writeSnapshot(t, dir, fixSnapshot(5))
	waitFor(t, ctx, `document.querySelector('#summary [data-k="snapshots"]').dataset.v === "6"`, 2*time.Second)
	t.Logf("a new snapshot file shows on the page after %v", time.Since(start))
	if v, _ := stat(t, ctx, "frames_completed"); v != strconv.Itoa(fixLocals*fixFrames*6) {
		t.Errorf("frames completed %s after the update", v)
	}
	// The visible view follows: the tag tree shows the new totals.
	if got := attr(t, ctx, `#tag-table tr.total`, "data-incl"); got != strconv.Itoa(fixTotal(5)) {
		t.Errorf("tag total %s after the update, want %d", got, fixTotal(5))
	}

	// A malformed file and one of an unknown schema version: named on the
	// page, skipped; the page keeps working and later files still arrive.
	bad := writeFile(t, dir, "snapshot-99999999999999999990-f1.json", []byte(`{"version": 2, "frame": "oops"`))
	future := writeFile(t, dir, "snapshot-99999999999999999991-f2.json", []byte(`{"version": 9}`))
	waitFor(t, ctx, `!document.getElementById("problems").hidden && document.querySelectorAll("#problem-list li").length === 2`, 5*time.Second)
	problems := text(t, ctx, "#problem-list")
	if !strings.Contains(problems, bad) || !strings.Contains(problems, "not a valid allocator snapshot") ||
		!strings.Contains(problems, future) || !strings.Contains(problems, "version 9 is not supported") {
		t.Errorf("problems shown: %s", problems)
	}
	screenshot(t, ctx, "problems")
	writeSnapshot(t, dir, fixSnapshot(6))
	waitFor(t, ctx, `document.querySelector('#summary [data-k="snapshots"]').dataset.v === "7"`, 5*time.Second)
	for _, view := range views {
		tab(t, ctx, view)
	}
	if v, _ := stat(t, ctx, "locals"); v != "3" {
		t.Errorf("page broken after the malformed file: locals %q", v)
	}
}

// TestExportOffline writes the standalone HTML file and opens it from
// file:// with no server: the same numbers, and nothing loaded from the
// network.
func TestExportOffline(t *testing.T) {
	ctx := browser(t)
	const n = 12
	dir := fixFolder(t, n)
	proj, report := fixProject(t)
	out := filepath.Join(t.TempDir(), "insight.html")
	if err := insight.WriteHTML(context.Background(), insight.Options{Source: dir, HTML: out, Diagnostics: report, Dir: proj}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Navigate("file://"+out))
	waitFor(t, ctx, `document.body.dataset.ready === "1"`, 20*time.Second)
	checkFixturePage(t, ctx, n, true, false)
	resources := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map((e) => e.name)`)
	for _, r := range resources {
		if !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") {
			t.Errorf("the exported page loaded %s", r)
		}
	}
	if loc := eval[string](t, ctx, `location.protocol`); loc != "file:" {
		t.Errorf("protocol %s", loc)
	}
	// The exported page compares the fixed pairs.
	tab(t, ctx, "compare")
	eval[bool](t, ctx, `(() => { const s = document.getElementById("compare-preset"); s.value = "previous"; return s.dispatchEvent(new Event("change")); })()`)
	if got := attr(t, ctx, `#compare-tags tr[data-path="physics"] td:nth-child(4)`, "data-v"); got != "1050" {
		t.Errorf("previous → last physics growth %q, want 1050", got)
	}
}

// TestSchemaV1: a folder of version 1 snapshots (no interval aggregates)
// shows, with the quantities version 1 does not record left out.
func TestSchemaV1(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	for i := range 4 {
		s := fixSnapshot(i)
		s.Version = 1
		s.Interval = allocator.IntervalSnapshot{}
		for k := range s.Goroutines {
			s.Goroutines[k].Interval = allocator.FrameInterval{}
		}
		for k := range s.Tags {
			s.Tags[k].Interval, s.Tags[k].SoftExceeded = allocator.TagInterval{}, 0
		}
		// Version 1 has no interval or exceedance fields at all.
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		json.Unmarshal(data, &doc)
		delete(doc, "interval")
		for _, g := range doc["goroutines"].([]any) {
			delete(g.(map[string]any), "interval")
		}
		for _, tg := range doc["tags"].([]any) {
			for _, k := range []string{"interval", "soft_exceeded", "hard_exceeded"} {
				delete(tg.(map[string]any), k)
			}
		}
		data, _ = json.Marshal(doc)
		writeFile(t, dir, fileName(s), data)
	}
	url := serve(t, insight.Options{Source: dir})
	run(t, ctx, chromedp.Navigate(url))
	waitFor(t, ctx, `document.body.dataset.ready === "1"`, 20*time.Second)
	for key, want := range map[string]string{"snapshots": "4", "frames_completed": "360", "fps": "180", "worst_frame_bytes": ""} {
		if v, _ := stat(t, ctx, key); v != want {
			t.Errorf("%s: %q, want %q", key, v, want)
		}
	}
	if _, txt := stat(t, ctx, "snapshots"); txt != "4" || !strings.Contains(text(t, ctx, `#summary [data-k="snapshots"] span`), "schema v1") {
		t.Errorf("snapshots %q", txt)
	}
	for _, view := range views {
		tab(t, ctx, view)
	}
	tab(t, ctx, "memory")
	if got := eval[int](t, ctx, `document.querySelectorAll("#view-memory .uplot").length`); got != 2 {
		t.Errorf("%d charts for version 1 snapshots", got)
	}
	if note := text(t, ctx, "#view-memory .note"); !strings.Contains(note, "Schema version 1") {
		t.Errorf("memory view note %q", note)
	}
	tab(t, ctx, "tags")
	checkTagTree(t, ctx, 4, false)
}
