package allocator

import (
	"math"
	"sync"
	"time"
)

// Interval aggregates (snapshot schema version 2) describe the frames
// completed between two snapshots: how many, the largest and the mean, per
// Local, per tag and over the allocator. They are folded where a frame's
// usage is final, never per allocation:
//
//   - a Local's frame at EndFrame (frameWindow.add on the owner's window);
//   - a tag's usage of a frame at the first WithTag return of a later
//     frame, or at the Local's next publication once the frame is over
//     (tagNode.fold);
//   - at each publication, the owner moves its windows where readers take
//     them (Local.publishWindows), under the lock that publishes its
//     counters;
//   - Allocator.Snapshot takes and resets the published windows of every
//     Local, under the same lock as its counters, so the frames of an
//     interval are exactly the growth of frames_completed between two
//     snapshots. A closed Local's last windows wait in the retired totals
//     for the next snapshot.

// frameWindow aggregates frame usages: their count, largest and sum.
type frameWindow struct {
	frames int
	max    int
	sum    int
}

// add folds one frame's usage into w.
func (w *frameWindow) add(used int) {
	w.frames++
	w.max = max(w.max, used)
	w.sum += used
}

// merge folds the frames of o into w.
func (w *frameWindow) merge(o frameWindow) {
	w.frames += o.frames
	w.max = max(w.max, o.max)
	w.sum += o.sum
}

// mean is the mean usage, 0 without frames.
func (w frameWindow) mean() float64 {
	if w.frames == 0 {
		return 0
	}
	return float64(w.sum) / float64(w.frames)
}

// windowOf rebuilds the window a published (frames, max, mean) triple came
// from; the sum is exact up to 2^53 bytes.
func windowOf(frames, maxBytes int, mean float64) frameWindow {
	return frameWindow{frames: frames, max: maxBytes, sum: int(math.Round(mean * float64(frames)))}
}

// fold folds the usage of the node's last frame into its window once that
// frame is over (inFrame reports whether the owner is inside frame). A
// usage already folded, then grown by WithTag calls outside any frame
// before the next BeginFrame, adds only its growth (no second frame).
func (n *tagNode) fold(frame uint64, inFrame bool) {
	if !n.pending || (n.frame == frame && inFrame) {
		return
	}
	n.pending = false
	if n.counted == n.frame+1 {
		n.win.sum += n.used - n.countedUsed
		n.win.max = max(n.win.max, n.used)
	} else {
		n.win.add(n.used)
	}
	n.counted, n.countedUsed = n.frame+1, n.used
}

// publishWindows moves the owner's windows where readers take them. The
// owner calls it with l.pubMu held.
func (l *Local) publishWindows() {
	l.pubWin.merge(l.win)
	l.win = frameWindow{}
	for _, n := range l.tagNodes {
		n.fold(l.frame, l.inFrame)
		if n.win != (frameWindow{}) {
			n.pubWin.merge(n.win)
			n.win = frameWindow{}
		}
	}
	l.pubTagNodes = l.tagNodes
}

// intervalTally collects the windows of one snapshot's interval.
type intervalTally struct {
	all    frameWindow            // every frame, over all Locals
	locals map[int]frameWindow    // by Local ID (live Locals)
	tags   map[string]frameWindow // by tag path
}

// take moves the published windows of l into t; the caller holds l.pubMu.
func (t *intervalTally) take(l *Local) {
	w := l.pubWin
	l.pubWin = frameWindow{}
	t.all.merge(w)
	if t.locals != nil {
		lw := t.locals[l.id]
		lw.merge(w)
		t.locals[l.id] = lw
	}
	for _, n := range l.pubTagNodes {
		if n.pubWin == (frameWindow{}) {
			continue
		}
		t.addTag(n.rec.path, n.pubWin)
		n.pubWin = frameWindow{}
	}
}

func (t *intervalTally) addTag(path string, w frameWindow) {
	if t.tags == nil {
		t.tags = make(map[string]frameWindow)
	}
	tw := t.tags[path]
	tw.merge(w)
	t.tags[path] = tw
}

// absorb moves everything of o into t (o's Locals are not listed: they
// are closed).
func (t *intervalTally) absorb(o *intervalTally) {
	t.all.merge(o.all)
	for path, w := range o.tags {
		t.addTag(path, w)
	}
	*o = intervalTally{}
}

// retireWindows keeps the last windows of a closing Local for the next
// snapshot. The caller holds a.mu.
func (a *Allocator) retireWindows(l *Local) {
	l.pubMu.Lock()
	a.retired.windows.take(l)
	l.pubMu.Unlock()
}

// snapshotState is what Allocator.Snapshot keeps between two snapshots.
type snapshotState struct {
	mu       sync.Mutex // serialises snapshots, so intervals follow each other
	last     time.Time  // TakenAt of the previous snapshot (or creation)
	exceeded map[string][2]int
}

// fillIntervals sets the interval fields of s from the windows in t and
// the tags' exceedance counters, then starts the next interval. The caller
// holds st.mu.
func (st *snapshotState) fillIntervals(s *Snapshot, t *intervalTally) {
	s.Interval = IntervalSnapshot{
		Start:          st.last,
		Frames:         t.all.frames,
		MaxFrameBytes:  t.all.max,
		MeanFrameBytes: t.all.mean(),
	}
	st.last = s.TakenAt
	for i := range s.Goroutines {
		g := &s.Goroutines[i]
		w := t.locals[g.ID]
		g.Interval = FrameInterval{Frames: w.frames, MaxFrameBytes: w.max, MeanFrameBytes: w.mean()}
	}
	if st.exceeded == nil {
		st.exceeded = make(map[string][2]int, len(s.Tags))
	}
	for i := range s.Tags {
		tg := &s.Tags[i]
		w := t.tags[tg.Tag]
		prev := st.exceeded[tg.Tag]
		tg.Interval = TagInterval{
			Frames: w.frames, MaxBytes: w.max, MeanBytes: w.mean(),
			SoftExceeded: tg.SoftExceeded - prev[0],
			HardExceeded: tg.HardExceeded - prev[1],
		}
		st.exceeded[tg.Tag] = [2]int{tg.SoftExceeded, tg.HardExceeded}
	}
}

// MergeInterval folds the interval aggregates of earlier into s, so that
// s's intervals also cover earlier's: use it when a snapshot is dropped
// (its interval would be lost) and a later one is kept. earlier must be an
// older snapshot of the same allocator; their frame counts add up, maxima
// combine, means are weighted by frames, exceedances add up, and s's
// interval starts where earlier's started. Locals of earlier that s no
// longer lists (closed since) keep counting in s.Interval only.
// SnapshotEmitter does this for the snapshots it skips. MergeInterval
// leaves the cumulative fields of s as they are.
func (s *Snapshot) MergeInterval(earlier *Snapshot) {
	if earlier == nil {
		return
	}
	e := &earlier.Interval
	if !e.Start.IsZero() && (s.Interval.Start.IsZero() || e.Start.Before(s.Interval.Start)) {
		s.Interval.Start = e.Start
	}
	all := windowOf(s.Interval.Frames, s.Interval.MaxFrameBytes, s.Interval.MeanFrameBytes)
	all.merge(windowOf(e.Frames, e.MaxFrameBytes, e.MeanFrameBytes))
	s.Interval.Frames, s.Interval.MaxFrameBytes, s.Interval.MeanFrameBytes = all.frames, all.max, all.mean()

	locals := make(map[int]FrameInterval, len(earlier.Goroutines))
	for _, g := range earlier.Goroutines {
		locals[g.ID] = g.Interval
	}
	for i := range s.Goroutines {
		g := &s.Goroutines[i]
		o, ok := locals[g.ID]
		if !ok {
			continue
		}
		w := windowOf(g.Interval.Frames, g.Interval.MaxFrameBytes, g.Interval.MeanFrameBytes)
		w.merge(windowOf(o.Frames, o.MaxFrameBytes, o.MeanFrameBytes))
		g.Interval = FrameInterval{Frames: w.frames, MaxFrameBytes: w.max, MeanFrameBytes: w.mean()}
	}

	tags := make(map[string]TagInterval, len(earlier.Tags))
	for _, tg := range earlier.Tags {
		tags[tg.Tag] = tg.Interval
	}
	for i := range s.Tags {
		tg := &s.Tags[i]
		o, ok := tags[tg.Tag]
		if !ok {
			continue
		}
		w := windowOf(tg.Interval.Frames, tg.Interval.MaxBytes, tg.Interval.MeanBytes)
		w.merge(windowOf(o.Frames, o.MaxBytes, o.MeanBytes))
		tg.Interval = TagInterval{
			Frames: w.frames, MaxBytes: w.max, MeanBytes: w.mean(),
			SoftExceeded: tg.Interval.SoftExceeded + o.SoftExceeded,
			HardExceeded: tg.Interval.HardExceeded + o.HardExceeded,
		}
	}
}
