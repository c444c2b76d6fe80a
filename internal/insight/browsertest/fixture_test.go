package browsertest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
)

// The fixture series: snapshots half a second apart of a program with
// fixLocals Locals, each completing fixFrames frames per interval. Every
// number is a simple function of the snapshot index i, so the tests know
// what the page must show.
const (
	fixLocals = 3
	fixFrames = 30
	fixStep   = 500 * time.Millisecond
)

var fixStart = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fixTag is one tag of the fixture: cumulative bytes grow by these per
// snapshot.
type fixTag struct {
	path             string
	frame, pool, hp  int
	allocs           int
	soft, hard       int
	worstBase, worst int // interval max_bytes = worstBase + worst*i
}

var fixTags = []fixTag{
	{path: "ai", frame: 200, hp: 10, allocs: 3, worstBase: 180, worst: 1},
	{path: "physics", frame: 1000, pool: 50, allocs: 12, soft: 600, hard: 2000, worstBase: 500, worst: 20},
	{path: "physics/broadphase", frame: 400, allocs: 5, worstBase: 240, worst: 8},
	{path: "physics/solver", frame: 300, pool: 50, allocs: 4, worstBase: 200, worst: 6},
	{path: "render/shadows", frame: 120, allocs: 2, worstBase: 100, worst: 2},
}

// wave is a deterministic wobble in [0, amp) for the charts of the
// screenshots; the numbers the tests check do not depend on it.
func wave(i, k, amp int) int {
	return int(float64(amp) * (0.5 + 0.5*math.Sin(float64(i)/3+float64(k))))
}

// fixTotal is the bytes under all tags after snapshot i, counting each
// byte once: the top-level tags ai and physics, and render (which only
// render/shadows records).
func fixTotal(i int) int { return (200 + 10 + 1000 + 50 + 120) * (i + 1) }

// fixSnapshot is snapshot i of the series.
func fixSnapshot(i int) *allocator.Snapshot {
	n := i + 1
	s := &allocator.Snapshot{
		Version: allocator.SnapshotVersion,
		Frame:   uint64(n * fixFrames),
		TakenAt: fixStart.Add(time.Duration(n) * fixStep),
		Summary: allocator.SnapshotSummary{
			FrameBytes: 64 * (i % 3), PoolBytes: 4096 + 128*i, HeapBytes: 2048 + 64*i,
			PeakFrameBytes:   3000 + 10*i,
			FrameAllocations: 600 * n, PoolAllocations: 20 * n, PoolFrees: 18 * n, HeapAllocations: 3 * n,
			Locals: fixLocals, FramesCompleted: uint64(fixLocals * fixFrames * n),
			DeferredFrees: 4 * n, DeferredDropped: i / 10,
		},
		Interval: allocator.IntervalSnapshot{
			Start: fixStart.Add(time.Duration(i) * fixStep), Frames: fixLocals * fixFrames,
			MaxFrameBytes: 3000 + 10*i, MeanFrameBytes: 1000 + 5*float64(i),
		},
		Promotions: allocator.PromotionSnapshot{ToPool: 2 * n, ToHeap: fixToHeap(i)},
		Phases:     []allocator.PhaseSnapshot{{Name: "update", FrameBytes: 1500 * n, Allocations: 500 * n, Count: fixFrames * n}},
		Diagnostics: []allocator.DiagnosticSnapshot{
			{Code: "BF003", Tag: "physics/solver", Message: fmt.Sprintf("%d promotions for %d frame allocations (more than 5%%)", 3*n, 40*n), Count: 3 * n},
			{Code: "BF004", Tag: "ai", Message: "heap allocations inside the frame in 12 consecutive frames", Count: 12},
		},
	}
	for k := 1; k <= fixLocals; k++ {
		budget := 4096 * k
		if k == fixLocals {
			budget = 0 // FA203 at run time
		}
		s.Goroutines = append(s.Goroutines, allocator.GoroutineSnapshot{
			ID: k, FrameNumber: uint64(fixFrames * n), FrameBudget: budget,
			PeakFrameBytes: 1000*k + 10*i, PoolBytes: 1024 * k, HeapBytes: 512 * k,
			FrameAllocations: 200 * k * n, PoolAllocations: 5 * n, HeapAllocations: n,
			DeferredPending: k - 1,
			Interval:        allocator.FrameInterval{Frames: fixFrames, MaxFrameBytes: 1000*k + 10*i - wave(i, k, 400), MeanFrameBytes: float64(500*k + 5*i - wave(i, k+1, 200))},
		})
	}
	for _, t := range fixTags {
		ts := allocator.TagSnapshot{
			Tag: t.path, FrameBytes: t.frame * n, PoolBytes: t.pool * n, HeapBytes: t.hp * n, Allocations: t.allocs * n,
			SoftBudget: t.soft, HardBudget: t.hard,
			Interval: allocator.TagInterval{Frames: fixFrames, MaxBytes: t.worstBase + t.worst*i, MeanBytes: float64(t.worstBase+t.worst*i) / 2},
		}
		if t.soft > 0 {
			for j := 0; j <= i; j++ {
				if t.worstBase+t.worst*j > t.soft {
					ts.SoftExceeded++
				}
			}
			if ts.Interval.MaxBytes > t.soft {
				ts.Interval.SoftExceeded = 1
			}
		}
		s.Tags = append(s.Tags, ts)
	}
	return s
}

// fileName is the emitter's name of a snapshot.
func fileName(s *allocator.Snapshot) string {
	return fmt.Sprintf("snapshot-%020d-f%d.json", s.TakenAt.UnixNano(), s.Frame)
}

// writeSnapshot writes s into dir as the emitter does: a temporary file
// renamed into place.
func writeSnapshot(t testing.TB, dir string, s *allocator.Snapshot) string {
	t.Helper()
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, fileName(s), data)
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	tmp := filepath.Join(dir, ".snapshot-"+name+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return name
}

// fixFolder writes snapshots 0..n-1 of the series into a new folder.
func fixFolder(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		writeSnapshot(t, dir, fixSnapshot(i))
	}
	return dir
}

// fixProject is a directory with a .fa.toml mapping the fixture's packages
// to tags, the sources the diagnostics point at, and a diagnostics file as
// `fa --format json` writes it: FA203 (confirmed: Local 3 has no budget),
// FA604 in the physics package (confirmed: BF003 on physics/solver) and
// FA201 (no run-time counterpart).
func fixProject(t testing.TB) (dir, report string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		".fa.toml":               "[tags]\nknown = [\"physics\", \"ai\", \"render\"]\n[tags.modules]\n\"example.com/game/physics/...\" = \"physics\"\n\"example.com/game/ai\" = \"ai\"\n",
		"game/physics/solver.go": "package physics\n\nfunc step(l *allocator.Local) {\n\tkeep := allocator.FrameRetained[contact](l, allocator.PromoteToPool)\n\t_ = keep\n\tl.EndFrame()\n}\n",
		"game/ai/ai.go":          "package ai\n\nfunc run(a *allocator.Allocator) {\n\tgo func() {\n\t\tl := a.NewLocal()\n\t\t_ = l\n\t}()\n}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	diag := func(code, name, sev, msg, file string, line, col, end int, pkg string) map[string]any {
		return map[string]any{"code": code, "name": name, "category": "lifetime", "severity": sev, "message": msg,
			"file": file, "line": line, "column": col, "end_line": line, "end_column": end, "package": pkg,
			"related": []any{}, "fixes": []any{}}
	}
	rep := map[string]any{
		"version": 1, "tool": map[string]any{"name": "fa", "version": "devel"},
		"diagnostics": []any{
			diag("FA201", "cross-goroutine-frame", "error", "frame value p sent on a channel", "game/ai/ai.go", 4, 2, 4, "example.com/game/ai"),
			diag("FA203", "budget-not-configured", "hint", "goroutine runs frames on Local l without a frame budget", "game/ai/ai.go", 5, 8, 20, "example.com/game/ai"),
			diag("FA604", "retention-policy-mismatch", "hint", "FrameRetained with PromoteToPool whose promotions are never collected", "game/physics/solver.go", 4, 10, 70, "example.com/game/physics"),
		},
		"summary": map[string]any{"errors": 1, "warnings": 0, "hints": 2, "packages": 2, "files": 2},
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	report = filepath.Join(dir, "fa.json")
	if err := os.WriteFile(report, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, report
}

// fixToHeap is the cumulative heap promotions after snapshot i: between 15
// and 44 per interval, so the promotion rate (per 600 frame allocations)
// crosses BF003's 5%.
func fixToHeap(i int) int {
	sum := 0
	for j := 0; j <= i; j++ {
		sum += 15 + wave(j, 0, 30)
	}
	return sum
}
