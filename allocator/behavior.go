package allocator

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Behavior filter thresholds.
const (
	// bf001Frames: a promoted value still held this many frames later.
	bf001Frames = 10
	// bf002MinFrees and bf002Rate: pool frees in the allocating frame.
	bf002MinFrees = 10
	bf002Rate     = 0.5
	// bf003MinAllocs and bf003Rate: promotions per frame allocation.
	bf003MinAllocs = 20
	bf003Rate      = 0.05
	// bf004Frames: consecutive frames with heap allocations inside.
	bf004Frames = 10
)

// BehaviorReport is the behavior filter's findings.
type BehaviorReport struct {
	// Issues are the findings, sorted by code then tag.
	Issues []BehaviorIssue
	// FramesAnalyzed counts frames ended while the filter was on.
	FramesAnalyzed int
}

// BehaviorIssue is one finding of the behavior filter, per code and tag.
type BehaviorIssue struct {
	// Code is BF001 to BF004.
	Code string
	// Message explains the finding with its numbers.
	Message string
	// Tag is the tag path the allocations were made under ("" if none).
	Tag string
	// Count is how many events support the finding.
	Count int
}

// bfTag holds the filter's counters for one tag path.
type bfTag struct {
	retained10   int // BF001: promoted pool values held > 10 frames
	poolFrees    int
	sameFrame    int // BF002
	frameAllocs  int
	promotions   int // BF003
	heapStreakHi int // BF004: longest streak seen
}

type behaviorState struct {
	enabled atomic.Bool
	mu      sync.Mutex
	tags    map[string]*bfTag
	frames  int
}

func (b *behaviorState) init() { b.tags = make(map[string]*bfTag) }

func (b *behaviorState) tag(t string) *bfTag {
	r := b.tags[t]
	if r == nil {
		r = &bfTag{}
		b.tags[t] = r
	}
	return r
}

// EnableBehaviorFilter turns the behavior filter on. Each Local joins at
// its next BeginFrame; from then its allocations take the slow path,
// which records the events BF001–BF004 are computed from. The filter is
// off by default and costs nothing then.
func (a *Allocator) EnableBehaviorFilter() { a.bf.enabled.Store(true) }

// BehaviorReport returns the findings so far:
//
//   - BF001: values promoted to a pool (FrameRetained + PromoteToPool) still
//     not freed more than 10 frames later: frame data retained for long.
//   - BF002: at least 10 pool frees under a tag, more than half of them in
//     the frame that allocated the object: frame memory would do.
//   - BF003: promotions above 5% of the frame allocations of a tag (at
//     least 20 frame allocations).
//   - BF004: Heap allocations between BeginFrame and EndFrame in each of
//     10 or more consecutive frames of a Local.
func (a *Allocator) BehaviorReport() BehaviorReport {
	b := &a.bf
	b.mu.Lock()
	defer b.mu.Unlock()
	rep := BehaviorReport{FramesAnalyzed: b.frames}
	for tag, t := range b.tags {
		if t.retained10 > 0 {
			rep.Issues = append(rep.Issues, BehaviorIssue{Code: "BF001", Tag: tag, Count: t.retained10,
				Message: fmt.Sprintf("%d promoted frame values retained for more than %d frames; allocate them from a pool or the heap", t.retained10, bf001Frames)})
		}
		if t.poolFrees >= bf002MinFrees && float64(t.sameFrame) > bf002Rate*float64(t.poolFrees) {
			rep.Issues = append(rep.Issues, BehaviorIssue{Code: "BF002", Tag: tag, Count: t.sameFrame,
				Message: fmt.Sprintf("%d of %d pool objects freed in the frame that allocated them; use frame allocation", t.sameFrame, t.poolFrees)})
		}
		if t.frameAllocs >= bf003MinAllocs && float64(t.promotions) > bf003Rate*float64(t.frameAllocs) {
			rep.Issues = append(rep.Issues, BehaviorIssue{Code: "BF003", Tag: tag, Count: t.promotions,
				Message: fmt.Sprintf("%d promotions for %d frame allocations (more than 5%%); allocate long-lived data from a pool", t.promotions, t.frameAllocs)})
		}
		if t.heapStreakHi >= bf004Frames {
			rep.Issues = append(rep.Issues, BehaviorIssue{Code: "BF004", Tag: tag, Count: t.heapStreakHi,
				Message: fmt.Sprintf("heap allocations inside the frame in %d consecutive frames; use frame or pool allocation", t.heapStreakHi)})
		}
	}
	slices.SortFunc(rep.Issues, func(x, y BehaviorIssue) int {
		if c := strings.Compare(x.Code, y.Code); c != 0 {
			return c
		}
		return strings.Compare(x.Tag, y.Tag)
	})
	return rep
}

// Per-Local filter state lives in bfLocal, reached from the Local.
type bfLocal struct {
	poolAlloc map[unsafe.Pointer]bfAlloc // live pool objects: frame, tag
	heapTags  map[string]bool            // tags with Heap in this frame
	streaks   map[string]int
	promoted  map[unsafe.Pointer]bfAlloc
}

type bfAlloc struct {
	frame uint64
	tag   string
}

func (l *Local) bfl() *bfLocal {
	if l.bfState == nil {
		l.bfState = &bfLocal{
			poolAlloc: make(map[unsafe.Pointer]bfAlloc), heapTags: make(map[string]bool),
			streaks: make(map[string]int), promoted: make(map[unsafe.Pointer]bfAlloc),
		}
	}
	return l.bfState
}

func (b *behaviorState) frameAlloc(l *Local) {
	b.mu.Lock()
	b.tag(l.currentTag()).frameAllocs++
	b.mu.Unlock()
}

func (b *behaviorState) promotion(l *Local) {
	b.mu.Lock()
	b.tag(l.currentTag()).promotions++
	b.mu.Unlock()
}

func (b *behaviorState) poolAlloc(l *Local, p unsafe.Pointer) {
	l.bfl().poolAlloc[p] = bfAlloc{frame: l.frame, tag: l.currentTag()}
}

func (b *behaviorState) promotedToPool(l *Local, p unsafe.Pointer, tag string) {
	s := l.bfl()
	delete(s.poolAlloc, p)
	s.promoted[p] = bfAlloc{frame: l.frame, tag: tag}
}

func (b *behaviorState) poolFree(l *Local, p unsafe.Pointer) {
	s := l.bfl()
	delete(s.promoted, p)
	al, ok := s.poolAlloc[p]
	if !ok {
		return
	}
	delete(s.poolAlloc, p)
	b.mu.Lock()
	t := b.tag(al.tag)
	t.poolFrees++
	if l.inFrame && al.frame == l.frame {
		t.sameFrame++
	}
	b.mu.Unlock()
}

func (b *behaviorState) heapAlloc(l *Local) {
	if l.inFrame {
		l.bfl().heapTags[l.currentTag()] = true
	}
}

// endFrame updates BF001 and BF004 at a Local's EndFrame.
func (b *behaviorState) endFrame(l *Local, _ int) {
	s := l.bfl()
	b.mu.Lock()
	defer b.mu.Unlock()
	if l.inFrame {
		b.frames++
	}
	for p, al := range s.promoted {
		if l.frame > al.frame+bf001Frames {
			b.tag(al.tag).retained10++
			delete(s.promoted, p)
		}
	}
	for tag := range s.streaks {
		if !s.heapTags[tag] {
			delete(s.streaks, tag)
		}
	}
	for tag := range s.heapTags {
		s.streaks[tag]++
		t := b.tag(tag)
		t.heapStreakHi = max(t.heapStreakHi, s.streaks[tag])
	}
	clear(s.heapTags)
}
