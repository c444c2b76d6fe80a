package allocator

import (
	"slices"
	"strings"
	"sync/atomic"
)

// tagRecord is the allocator-wide record of one tag path.
type tagRecord struct {
	path                       string
	frameBytes, poolBytes      atomic.Int64
	heapBytes, allocations     atomic.Int64
	soft, hard                 atomic.Int64
	budgeted                   atomic.Bool // soft or hard is set
	softExceeded, hardExceeded atomic.Int64
}

// tagNode is a Local's node of the tag tree (no allocation per WithTag).
type tagNode struct {
	rec      *tagRecord
	parent   *tagNode
	children map[string]*tagNode // by tag segment
	cache    tagCache            // last resolutions from this node

	// What the owner counted under the node and has not yet added to rec
	// (flushTags).
	fb, pb, hb, allocs int
	dirty              bool   // on the Local's dirtyTags list
	epoch              uint64 // Local.tagEpoch in which Exit's fast path may count it
	frame              uint64 // frame for which used is valid
	used               int    // bytes of completed WithTag calls in that frame
	softSeen           uint64 // frame+1 in which the soft budget was reported

	// Interval aggregates (interval.go).
	pending     bool        // used holds a usage not folded into win yet
	counted     uint64      // frame+1 whose usage win already holds
	countedUsed int         // that usage
	win         frameWindow // owner's window
	pubWin      frameWindow // published window, guarded by the Local's pubMu
}

// tagFrame is one entry of a Local's tag stack: a node and l's counters
// when it was entered.
type tagFrame struct {
	node       *tagNode
	seq        uint64  // the TagScope that pushed it
	fb, pb, hb uintptr // cumulative frame, pool and heap bytes
	allocs     int     // cumulative allocations of every intent
	budgeted   bool
}

func (a *Allocator) tagRecordFor(path string) *tagRecord {
	a.tagMu.RLock()
	r := a.tags[path]
	a.tagMu.RUnlock()
	if r != nil {
		return r
	}
	a.tagMu.Lock()
	defer a.tagMu.Unlock()
	if r = a.tags[path]; r == nil {
		r = &tagRecord{path: path}
		a.tags[path] = r
	}
	return r
}

// counters returns l's cumulative bytes and counts by intent.
func (l *Local) counters() (fb, pb, hb, fc, pc, hc int) {
	return int(l.fa.total), int(l.pTotal), l.hBytes, l.fa.count, l.pCount, l.hCount
}

// currentTag returns the tag path in force ("" when none).
func (l *Local) currentTag() string {
	if n := len(l.tagStack); n > 0 {
		return l.tagStack[n-1].node.rec.path
	}
	return ""
}

// checkTags checks an allocation of need bytes against the budgets of
// every tag on the stack. Tag budgets bound the bytes (frame, pool and
// heap) one Local allocates under the tag in one frame.
func (l *Local) checkTags(need int) error {
	if l.budgetTag == 0 {
		return nil
	}
	fb, pb, hb := l.fa.total, l.pTotal, uintptr(l.hBytes)
	for i := range l.tagStack {
		f := &l.tagStack[i]
		if !f.budgeted {
			continue
		}
		r := f.node.rec
		used := int(fb - f.fb + pb - f.pb + hb - f.hb)
		if f.node.frame == l.frame {
			used += f.node.used
		}
		if h := int(r.hard.Load()); h > 0 && used+need > h {
			r.hardExceeded.Add(1)
			return &BudgetError{Kind: "tag", Tag: r.path, Budget: h, Used: used, Requested: need}
		}
		if s := int(r.soft.Load()); s > 0 && used+need > s && f.node.softSeen != l.frame+1 {
			f.node.softSeen = l.frame + 1
			r.softExceeded.Add(1)
		}
	}
	return nil
}

// SetTagBudget sets the budgets of a tag path (such as "physics" or
// "physics/broadphase"): the bytes (frame, pool and heap) one Local may
// allocate under it, sub-paths included, in one frame. Past soft, the
// allocation succeeds and TagStats.SoftExceeded counts it (once per frame
// and Local); past hard, it is refused like any hard budget. Zero disables
// a limit. It takes effect the next time a Local enters that path (WithTag,
// EnterTag).
func (a *Allocator) SetTagBudget(tag string, soft, hard int) {
	r := a.tagRecordFor(tag)
	r.soft.Store(int64(max(soft, 0)))
	r.hard.Store(int64(max(hard, 0)))
	r.budgeted.Store(soft > 0 || hard > 0)
}

// TagStats is what was allocated under one tag path, over all Locals.
// A Local adds what it allocated under a tag when the tag's scope ends
// outside a frame, else at its next EndFrame (and at Local.Stats and
// Close): what a frame allocates under a tag is counted once the frame
// ends.
type TagStats struct {
	// Tag is the tag path.
	Tag string
	// FrameBytes, PoolBytes and HeapBytes are bytes allocated under the
	// tag (sub-paths included), by intent.
	FrameBytes int
	// PoolBytes is pool bytes allocated under the tag.
	PoolBytes int
	// HeapBytes is heap bytes allocated under the tag.
	HeapBytes int
	// Allocations counts allocations of every intent under the tag.
	Allocations int
	// SoftBudget and HardBudget are the budgets set with SetTagBudget.
	SoftBudget int
	// HardBudget is the hard budget, 0 when none.
	HardBudget int
	// SoftExceeded counts frames in which a Local went past the soft
	// budget.
	SoftExceeded int
	// HardExceeded counts allocations the hard budget refused.
	HardExceeded int
}

func (r *tagRecord) stats() TagStats {
	return TagStats{
		Tag: r.path, FrameBytes: int(r.frameBytes.Load()), PoolBytes: int(r.poolBytes.Load()),
		HeapBytes: int(r.heapBytes.Load()), Allocations: int(r.allocations.Load()),
		SoftBudget: int(r.soft.Load()), HardBudget: int(r.hard.Load()),
		SoftExceeded: int(r.softExceeded.Load()), HardExceeded: int(r.hardExceeded.Load()),
	}
}

// TagStats returns the statistics of a tag path; a path never used gives
// zero counts (and Tag set).
func (a *Allocator) TagStats(tag string) TagStats {
	a.tagMu.RLock()
	r := a.tags[tag]
	a.tagMu.RUnlock()
	if r == nil {
		return TagStats{Tag: tag}
	}
	return r.stats()
}

func (a *Allocator) allTagStats() []TagStats {
	a.tagMu.RLock()
	out := make([]TagStats, 0, len(a.tags))
	for _, r := range a.tags {
		out = append(out, r.stats())
	}
	a.tagMu.RUnlock()
	slices.SortFunc(out, func(x, y TagStats) int { return strings.Compare(x.Tag, y.Tag) })
	return out
}

// PhaseStats is what was allocated in one named phase.
type PhaseStats struct {
	// Name is the name given to BeginPhase.
	Name string
	// FrameBytes, PoolBytes and HeapBytes are bytes allocated in the phase.
	FrameBytes int
	// PoolBytes is pool bytes allocated in the phase.
	PoolBytes int
	// HeapBytes is heap bytes allocated in the phase.
	HeapBytes int
	// Allocations counts allocations of every intent in the phase.
	Allocations int
	// Count is how many times the phase was entered.
	Count int
}

type phaseFrame struct {
	rec        *PhaseStats
	fb, pb, hb int
	fc, pc, hc int
}

// BeginPhase enters the named phase (phases nest): allocations until the
// matching EndPhase are counted in its PhaseStats.
func (l *Local) BeginPhase(name string) {
	l.mustOpen()
	r := l.phases[name]
	if r == nil {
		r = &PhaseStats{Name: name}
		l.phases[name] = r
		l.phaseOrder = append(l.phaseOrder, r)
	}
	r.Count++
	f := phaseFrame{rec: r}
	f.fb, f.pb, f.hb, f.fc, f.pc, f.hc = l.counters()
	l.phaseStack = append(l.phaseStack, f)
}

// EndPhase leaves the innermost phase. It panics without a matching
// BeginPhase.
func (l *Local) EndPhase() {
	n := len(l.phaseStack) - 1
	if n < 0 {
		panic("allocator: EndPhase without BeginPhase")
	}
	f := l.phaseStack[n]
	l.phaseStack = l.phaseStack[:n]
	fb, pb, hb, fc, pc, hc := l.counters()
	f.rec.FrameBytes += fb - f.fb
	f.rec.PoolBytes += pb - f.pb
	f.rec.HeapBytes += hb - f.hb
	f.rec.Allocations += fc - f.fc + pc - f.pc + hc - f.hc
}

// PhaseStats returns this Local's phase statistics, one entry per phase
// name, in order of first use. Open phases count what they allocated up to
// their last EndPhase.
func (l *Local) PhaseStats() []PhaseStats {
	out := make([]PhaseStats, 0, len(l.phaseOrder))
	for _, p := range l.phaseOrder {
		out = append(out, *p)
	}
	return out
}

// mergePhases adds the phases of add into dst by name.
func mergePhases(dst, add []PhaseStats) []PhaseStats {
	for _, p := range add {
		i := slices.IndexFunc(dst, func(q PhaseStats) bool { return q.Name == p.Name })
		if i < 0 {
			dst = append(dst, p)
			continue
		}
		d := &dst[i]
		d.FrameBytes += p.FrameBytes
		d.PoolBytes += p.PoolBytes
		d.HeapBytes += p.HeapBytes
		d.Allocations += p.Allocations
		d.Count += p.Count
	}
	return dst
}
