package browsertest

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/internal/insight"
)

// bigSnapshot is snapshot i of a program with locals Locals and 24 tags.
func bigSnapshot(i, locals int) *allocator.Snapshot {
	n := i + 1
	s := &allocator.Snapshot{
		Version: allocator.SnapshotVersion, Frame: uint64(60 * n),
		TakenAt: fixStart.Add(time.Duration(n) * fixStep),
		Summary: allocator.SnapshotSummary{Locals: locals, FramesCompleted: uint64(30 * locals * n), FrameAllocations: 900 * locals * n, PeakFrameBytes: 64 << 10},
		Interval: allocator.IntervalSnapshot{Start: fixStart.Add(time.Duration(i) * fixStep), Frames: 30 * locals,
			MaxFrameBytes: 32<<10 + wave(i, 0, 16<<10), MeanFrameBytes: 16 << 10},
	}
	for k := 1; k <= locals; k++ {
		s.Goroutines = append(s.Goroutines, allocator.GoroutineSnapshot{
			ID: k, FrameNumber: uint64(30 * n), FrameBudget: 64 << 10, PeakFrameBytes: 48 << 10,
			FrameAllocations: 900 * n, PoolBytes: 4096, DeferredPending: k % 3,
			Interval: allocator.FrameInterval{Frames: 30, MaxFrameBytes: 16<<10 + wave(i, k, 32<<10), MeanFrameBytes: 12 << 10},
		})
	}
	for m := range 6 {
		for _, sub := range []string{"", "/a", "/b", "/c"} {
			p := fmt.Sprintf("module%d%s", m, sub)
			s.Tags = append(s.Tags, allocator.TagSnapshot{Tag: p, FrameBytes: 1000 * n, Allocations: 10 * n,
				Interval: allocator.TagInterval{Frames: 30 * locals, MaxBytes: 2000 + wave(i, m, 500), MeanBytes: 1500}})
		}
	}
	return s
}

// TestLoadTime loads a large history — $FA_INSIGHT_LOAD_SNAPSHOTS
// snapshots (default 1000) of 64 Locals — and reports how long the
// viewer takes to read it and the page to show it. It checks what is
// shown, not the times (the machine's load varies); the times are logged.
func TestLoadTime(t *testing.T) {
	n := 1000
	if v := os.Getenv("FA_INSIGHT_LOAD_SNAPSHOTS"); v != "" {
		n = atoi(t, v)
	}
	const locals = 64
	ctx := browser(t)
	dir := t.TempDir()
	start := time.Now()
	size := 0
	for i := range n {
		name := writeSnapshot(t, dir, bigSnapshot(i, locals))
		if fi, err := os.Stat(dir + "/" + name); err == nil {
			size += int(fi.Size())
		}
	}
	t.Logf("%d snapshots of %d Locals written (%.1f MB) in %v", n, locals, float64(size)/1e6, time.Since(start).Round(time.Millisecond))

	start = time.Now()
	url := serve(t, insight.Options{Source: dir})
	loaded := time.Since(start)

	start = time.Now()
	run(t, ctx, chromedp.Navigate(url))
	waitFor(t, ctx, `document.body.dataset.ready === "1"`, 2*time.Minute)
	shown := time.Since(start)
	if v, _ := stat(t, ctx, "snapshots"); v != strconv.Itoa(n) {
		t.Fatalf("%s snapshots shown, want %d", v, n)
	}
	// The page's own cost of drawing a view: the click's handler (which
	// builds the view and its charts) and the next painted frame, measured
	// in the page.
	drawView := func(view string) time.Duration {
		click := eval[float64](t, ctx, fmt.Sprintf(`(() => {
			const t = performance.now();
			document.querySelector('#tabs button[data-view=%q]').click();
			return performance.now() - t;
		})()`, view))
		paint, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise((done) => {
			const t = performance.now();
			requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return time.Duration((click + paint) * float64(time.Millisecond))
	}
	drawn := drawView("memory")
	if got := eval[int](t, ctx, `document.querySelectorAll("#view-memory .uplot").length`); got != 2 {
		t.Fatalf("%d charts in the frame memory view", got)
	}
	series := eval[int](t, ctx, `document.querySelectorAll("#view-memory .uplot")[0].querySelectorAll(".u-legend .u-series").length`)
	if series != locals+1 { // the time column and one per Local
		t.Errorf("%d legend rows, want %d", series, locals+1)
	}
	switched := drawView("tags") + drawView("summary")
	again := drawView("memory")
	viewBytes := eval[int](t, ctx, `performance.getEntriesByType("resource").filter((e) => e.name.endsWith("api/view")).reduce((s, e) => s + e.transferSize, 0)`)
	t.Logf("load time, %d snapshots × %d Locals: read and index %v; page shown %v (view JSON %.1f MB); %d-Local charts first drawn %v, drawn again %v; two other views drawn %v",
		n, locals, loaded.Round(time.Millisecond), shown.Round(time.Millisecond), float64(viewBytes)/1e6, locals, drawn.Round(time.Millisecond), again.Round(time.Millisecond), switched.Round(time.Millisecond))
}
