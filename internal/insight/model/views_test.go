package model

import (
	"math"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

func tag(path string, frame, pool, heap, allocs int, mod ...func(*snapfile.TagSnapshot)) snapfile.TagSnapshot {
	t := snapfile.TagSnapshot{Tag: path, FrameBytes: frame, PoolBytes: pool, HeapBytes: heap, Allocations: allocs}
	for _, m := range mod {
		m(&t)
	}
	return t
}

func rowOf(t *testing.T, tree TagTree, path string) TagRow {
	t.Helper()
	for _, r := range tree.Rows {
		if r.Path == path {
			return r
		}
	}
	t.Fatalf("no row %q", path)
	return TagRow{}
}

// TestTagTree: parents include their children, so the total sums only the
// top-level tags, and self bytes are what a tag allocated outside its
// children.
func TestTagTree(t *testing.T) {
	withBudget := func(soft, hard, worst int) func(*snapfile.TagSnapshot) {
		return func(tg *snapfile.TagSnapshot) {
			tg.SoftBudget, tg.HardBudget = soft, hard
			tg.Interval = snapfile.TagInterval{Frames: 3, MaxBytes: worst, MeanBytes: float64(worst) / 2}
		}
	}
	older := snap(1, 10, func(s *snapfile.Snapshot) {
		s.Tags = []snapfile.TagSnapshot{tag("physics", 10, 0, 0, 1, withBudget(600, 0, 650))}
	})
	latest := snap(2, 20, func(s *snapfile.Snapshot) {
		s.Tags = []snapfile.TagSnapshot{
			tag("ai", 100, 0, 20, 4),
			tag("audio/mixer", 30, 0, 0, 3, withBudget(0, 100, 40)),
			tag("physics", 1000, 200, 0, 40, withBudget(600, 800, 500)),
			tag("physics/broadphase", 600, 0, 0, 25),
			tag("physics/broadphase/grid", 100, 0, 0, 5),
			tag("physics/solver", 300, 200, 0, 10),
			// A parent whose WithTag was still running when the snapshot
			// was taken: it has not counted its child yet.
			tag("render", 50, 0, 0, 1),
			tag("render/shadows", 80, 0, 0, 2, func(tg *snapfile.TagSnapshot) { tg.SoftExceeded = 2 }),
		}
	})
	tree := BuildTagTree(hist(older, latest))

	var order []string
	for _, r := range tree.Rows {
		order = append(order, strings.Repeat(" ", r.Depth)+r.Path)
	}
	want := "ai|audio| audio/mixer|physics| physics/broadphase|  physics/broadphase/grid| physics/solver|render| render/shadows"
	if got := strings.Join(order, "|"); got != want {
		t.Fatalf("rows\n%s\nwant\n%s", got, want)
	}
	ph := rowOf(t, tree, "physics")
	if ph.Inclusive != (Bytes{1000, 200, 0, 1200}) || ph.Self != (Bytes{100, 0, 0, 100}) || ph.Allocations != 40 || ph.SelfAllocations != 5 || ph.Children != 2 {
		t.Errorf("physics %+v", ph)
	}
	if bp := rowOf(t, tree, "physics/broadphase"); bp.Self != (Bytes{500, 0, 0, 500}) || bp.Parent != "physics" || bp.Name != "broadphase" {
		t.Errorf("broadphase %+v", bp)
	}
	// Worst frame over the history: 650 in the older snapshot, above the
	// soft budget; the latest interval's own maximum is 500.
	if ph.Worst != 650 || ph.Last.MaxBytes != 500 || !ph.Exceeded {
		t.Errorf("physics worst %v last %+v exceeded %v", ph.Worst, ph.Last, ph.Exceeded)
	}
	audio := rowOf(t, tree, "audio")
	if !audio.Synthetic || audio.Inclusive != (Bytes{30, 0, 0, 30}) || audio.Self != (Bytes{}) || !math.IsNaN(float64(audio.Worst)) {
		t.Errorf("synthetic audio %+v", audio)
	}
	if m := rowOf(t, tree, "audio/mixer"); m.Exceeded || m.Worst != 40 {
		t.Errorf("mixer under its hard budget %+v", m)
	}
	r := rowOf(t, tree, "render")
	if r.Inclusive != (Bytes{80, 0, 0, 80}) || r.Self != (Bytes{}) || r.Allocations != 2 {
		t.Errorf("render below its child %+v", r)
	}
	if sh := rowOf(t, tree, "render/shadows"); !sh.Exceeded || !math.IsNaN(float64(sh.Worst)) {
		t.Errorf("shadows %+v", sh)
	}
	if ai := rowOf(t, tree, "ai"); ai.Exceeded || ai.Inclusive.Total != 120 {
		t.Errorf("ai %+v", ai)
	}
	// 120 (ai) + 30 (audio) + 1200 (physics) + 80 (render): each byte
	// once. Summing every row would give 2980.
	if tree.Total != (Bytes{1210, 200, 20, 1430}) || tree.TotalAllocations != 4+3+40+2 {
		t.Errorf("total %+v allocations %d", tree.Total, tree.TotalAllocations)
	}
	self := Bytes{}
	for _, r := range tree.Rows {
		self = self.add(r.Self)
	}
	if self != tree.Total {
		t.Errorf("self bytes add up to %+v, total %+v", self, tree.Total)
	}
}

func TestCompare(t *testing.T) {
	a := snap(1, 10, func(s *snapfile.Snapshot) {
		s.Summary.PoolBytes = 100
		s.Tags = []snapfile.TagSnapshot{tag("physics", 100, 0, 0, 1), tag("old", 5, 0, 0, 1)}
		s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 1, FrameNumber: 5, PoolBytes: 10, PeakFrameBytes: 100}, {ID: 2, FrameNumber: 5, PoolBytes: 50}}
	})
	b := snap(4, 40, func(s *snapfile.Snapshot) {
		s.Summary.PoolBytes = 400
		s.Tags = []snapfile.TagSnapshot{tag("ai", 50, 0, 0, 2), tag("physics", 300, 64, 0, 9), tag("old", 5, 0, 0, 1)}
		s.Tags[1].Interval.MaxBytes = 77
		s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 1, FrameNumber: 20, PoolBytes: 310, PeakFrameBytes: 150}, {ID: 3, FrameNumber: 3, HeapBytes: 8}}
	})
	c, err := Compare(hist(a, b), 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Seconds != 3 || !c.SameRun || c.From.Index != 0 || c.To.Index != 1 {
		t.Fatalf("%+v", c)
	}
	if c.Summary[1] != (ValueDelta{"pool_bytes", 100, 400, 300}) {
		t.Errorf("summary %+v", c.Summary[1])
	}
	var tags []string
	for _, d := range c.Tags {
		tags = append(tags, d.Path)
	}
	if strings.Join(tags, " ") != "physics ai old" {
		t.Errorf("tags by growth: %v", tags)
	}
	if p := c.Tags[0]; p.Delta != (Bytes{200, 64, 0, 264}) || p.Allocations != 8 || p.WorstTo != 77 || p.WorstFrom != 0 {
		t.Errorf("physics %+v", p)
	}
	if ai := c.Tags[1]; ai.From != (Bytes{}) || ai.Delta.Total != 50 {
		t.Errorf("ai (new) %+v", ai)
	}
	if len(c.Locals) != 3 {
		t.Fatalf("locals %+v", c.Locals)
	}
	l1, l3, l2 := c.Locals[0], c.Locals[1], c.Locals[2]
	if l1.ID != 1 || l1.Status != "" || l1.PoolBytes != 300 || l1.PeakFrameBytes != 50 || l1.Frames != 15 || l1.PoolBytesTo != 310 {
		t.Errorf("local 1 %+v", l1)
	}
	if l3.ID != 3 || l3.Status != "new" || l3.HeapBytes != 8 {
		t.Errorf("local 3 %+v", l3)
	}
	if l2.ID != 2 || l2.Status != "gone" || l2.PoolBytes != -50 || l2.Frames != 0 {
		t.Errorf("local 2 %+v", l2)
	}
	if _, err := Compare(hist(a, b), 0, 2); err == nil {
		t.Error("index out of range accepted")
	}
	// Another run: flagged.
	r, _ := Compare(hist(b, a), 0, 1)
	if r.SameRun {
		t.Error("a restart is not flagged")
	}
}

// TestWarnings checks each confirmation rule, with the cases that must not
// confirm beside those that must.
func TestWarnings(t *testing.T) {
	mk := func(mod func(s *snapfile.Snapshot)) []Entry {
		return hist(snap(1, 10, nil), snap(2, 20, nil), snap(3, 30, nil), snap(4, 40, mod))
	}
	diag := func(code, pkg string) diagnostics.Diagnostic {
		return diagnostics.Diagnostic{Code: code, Name: "n", Severity: diagnostics.SeverityWarning, Message: code + " message", File: "game/x.go", Line: 3, Column: 2, Package: pkg}
	}
	tags := map[string]string{"example.com/game/physics": "physics", "example.com/game/ai": "ai"}
	st := func(ds ...diagnostics.Diagnostic) *Static {
		return &Static{
			Source:         "report.json",
			Diagnostics:    ds,
			TagFor:         func(p string) (string, bool) { t, ok := tags[p]; return t, ok },
			PackagesForTag: func(tag string) []string { return []string{"example.com/game/" + tag + "/..."} },
			Snippet:        func(d diagnostics.Diagnostic) string { return "snippet of " + d.Code },
		}
	}
	for _, c := range []struct {
		name     string
		mod      func(s *snapfile.Snapshot)
		d        diagnostics.Diagnostic
		confirm  bool
		evidence string
	}{
		{"FA203 and a Local without budget", func(s *snapfile.Snapshot) {
			s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 1, FrameBudget: 10}, {ID: 4}}
		}, diag("FA203", "example.com/game/physics"), true, "1 of 2 Locals run without a frame budget (Local 4)"},
		{"FA203, every Local budgeted", func(s *snapfile.Snapshot) {
			s.Goroutines = []snapfile.GoroutineSnapshot{{ID: 1, FrameBudget: 10}}
		}, diag("FA203", "example.com/game/physics"), false, ""},
		{"FA204 and dropped frees", func(s *snapfile.Snapshot) { s.Summary.DeferredDropped = 3 }, diag("FA204", "x"), true, "3 deferred frees"},
		{"FA204, nothing dropped", nil, diag("FA204", "x"), false, ""},
		{"FA604 and BF003 on its tag", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF003", Tag: "physics/solver", Message: "m3", Count: 9}}
		}, diag("FA604", "example.com/game/physics"), true, "BF003 on tag physics/solver: m3"},
		{"FA604 and BF003 on another tag", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF003", Tag: "physicsx", Message: "m3"}}
		}, diag("FA604", "example.com/game/physics"), false, ""},
		{"FA604 of an unmapped package: any tag", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF003", Tag: "render", Message: "m3"}}
		}, diag("FA604", "example.com/tool"), true, "any tag matches"},
		{"FA606 and BF001", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF001", Tag: "ai", Message: "m1"}}
		}, diag("FA606", "example.com/game/ai"), true, "BF001 on tag ai"},
		{"FA601 and BF004 only", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF004", Tag: "ai", Message: "m4"}}
		}, diag("FA601", "example.com/game/ai"), false, ""},
		{"FA602 and BF004", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF004", Tag: "", Message: "m4"}}
		}, diag("FA602", "example.com/tool"), true, "BF004 on tag (untagged)"},
		{"FA301 and a growing peak", func(s *snapfile.Snapshot) { s.Summary.PeakFrameBytes = 900 }, diag("FA301", "example.com/game/ai"), true, "still grows"},
		{"FA301, flat peak", nil, diag("FA301", "example.com/game/ai"), false, ""},
		{"FA201 has no runtime counterpart", func(s *snapfile.Snapshot) {
			s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF001"}, {Code: "BF003"}, {Code: "BF004"}}
			s.Summary.DeferredDropped = 1
		}, diag("FA201", "x"), false, ""},
	} {
		w := BuildWarnings(mk(c.mod), st(c.d))
		f := w.Static[0]
		if f.Confirmed != c.confirm || !strings.Contains(f.Evidence, c.evidence) {
			t.Errorf("%s: confirmed %v (%q), want %v (%q)", c.name, f.Confirmed, f.Evidence, c.confirm, c.evidence)
		}
		if f.Snippet != "snippet of "+c.d.Code || f.Severity != "warning" {
			t.Errorf("%s: %+v", c.name, f)
		}
		if (w.Confirmed == 1) != c.confirm || w.StaticSource != "report.json" {
			t.Errorf("%s: %d confirmed, source %q", c.name, w.Confirmed, w.StaticSource)
		}
	}

	h := mk(func(s *snapfile.Snapshot) {
		s.Diagnostics = []snapfile.DiagnosticSnapshot{{Code: "BF003", Tag: "physics/solver", Message: "m3", Count: 9}, {Code: "BF002", Tag: "", Count: 2}}
	})
	w := BuildWarnings(h, st(diag("FA201", "x"), diag("FA604", "example.com/game/physics")))
	if w.Static[0].Code != "FA604" || w.Static[0].Tag != "physics" {
		t.Errorf("confirmed findings first: %+v", w.Static)
	}
	if r := w.Runtime[0]; r.Code != "BF003" || strings.Join(r.Packages, ",") != "example.com/game/physics/..." || strings.Join(r.Confirms, ",") != "FA604 game/x.go:3" {
		t.Errorf("runtime %+v", r)
	}
	if r := w.Runtime[1]; len(r.Packages) != 0 || len(r.Confirms) != 0 {
		t.Errorf("untagged runtime %+v", r)
	}
	// Without static analysis: the runtime findings alone.
	if w := BuildWarnings(h, nil); len(w.Runtime) != 2 || len(w.Static) != 0 || w.StaticSource != "" {
		t.Errorf("%+v", w)
	}
}
