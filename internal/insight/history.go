package insight

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/framealloc/fa/internal/insight/model"
)

// maxProblems bounds the problems kept for the page (the newest stay).
const maxProblems = 100

// maxHistory bounds the snapshots kept (the newest stay): about 2.8 hours
// of snapshots every 500 ms, some 500 MB for 64 Locals.
const maxHistory = 20000

// history is the viewer's own record of the snapshots seen: a snapshot
// folder's emitter deletes old files, and a live endpoint only has the
// current snapshot. It is safe for concurrent use.
type history struct {
	source string
	live   bool
	static *model.Static

	max    int  // most snapshots kept
	capped bool // snapshots were dropped

	mu         sync.Mutex
	entries    []model.Entry
	problems   []model.Problem
	seen       map[model.Problem]bool
	generation uint64
	changed    chan struct{} // closed and replaced at each change
	cached     []byte        // JSON of the view at cachedGen
	cachedGen  uint64
}

func newHistory(source string, live bool, st *model.Static) *history {
	return &history{source: source, live: live, static: st, max: maxHistory, seen: map[model.Problem]bool{}, changed: make(chan struct{})}
}

// bump records a change; the caller holds h.mu.
func (h *history) bump() {
	h.generation++
	close(h.changed)
	h.changed = make(chan struct{})
}

// add appends snapshots, keeping the history in time order.
func (h *history) add(es ...model.Entry) {
	if len(es) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(h.entries)
	h.entries = append(h.entries, es...)
	sorted := true
	for i := max(n, 1); i < len(h.entries); i++ {
		if h.entries[i].Snap.TakenAt.Before(h.entries[i-1].Snap.TakenAt) {
			sorted = false
			break
		}
	}
	if !sorted {
		// Readers may hold the old slice: sort a copy.
		h.entries = slices.Clone(h.entries)
		slices.SortStableFunc(h.entries, func(a, b model.Entry) int { return a.Snap.TakenAt.Compare(b.Snap.TakenAt) })
	}
	if drop := len(h.entries) - h.max; drop > 0 {
		h.entries = slices.Clone(h.entries[drop:])
		if !h.capped {
			h.capped = true
			h.problems = append(h.problems, model.Problem{Source: h.source,
				Message: fmt.Sprintf("the history keeps the newest %d snapshots: older ones are dropped", h.max)})
		}
	}
	h.bump()
}

// problem records a problem once (the same source and message are not
// repeated).
func (h *history) problem(source, format string, args ...any) {
	p := model.Problem{Source: source, Message: fmt.Sprintf(format, args...)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.seen[p] {
		return
	}
	h.seen[p] = true
	h.problems = append(h.problems, p)
	if len(h.problems) > maxProblems {
		h.problems = h.problems[len(h.problems)-maxProblems:]
	}
	h.bump()
}

// len returns the number of snapshots.
func (h *history) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries)
}

// last returns the newest snapshot's entry (false when empty).
func (h *history) last() (model.Entry, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.entries) == 0 {
		return model.Entry{}, false
	}
	return h.entries[len(h.entries)-1], true
}

// snapshot returns the entries, problems and generation now; the slices
// are copies of the headers (entries are never modified in place).
func (h *history) snapshot() ([]model.Entry, []model.Problem, uint64, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.entries[:len(h.entries):len(h.entries)], slices.Clone(h.problems), h.generation, h.changed
}

// view computes the view of the current history.
func (h *history) view() (*model.View, error) {
	es, probs, gen, _ := h.snapshot()
	if len(es) == 0 {
		return nil, fmt.Errorf("no snapshot yet from %s", h.source)
	}
	v := model.Build(es, h.static, probs)
	v.Source, v.Live, v.Generation = h.source, h.live, gen
	return v, nil
}

// viewJSON returns the view as JSON, computed once per generation.
func (h *history) viewJSON() ([]byte, error) {
	h.mu.Lock()
	if h.cached != nil && h.cachedGen == h.generation {
		data := h.cached
		h.mu.Unlock()
		return data, nil
	}
	h.mu.Unlock()
	v, err := h.view()
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding the view: %w", err)
	}
	h.mu.Lock()
	if v.Generation >= h.cachedGen {
		h.cached, h.cachedGen = data, v.Generation
	}
	h.mu.Unlock()
	return data, nil
}

// compare compares two snapshots of the history.
func (h *history) compare(from, to int) (*model.Comparison, error) {
	es, _, _, _ := h.snapshot()
	return model.Compare(es, from, to)
}
