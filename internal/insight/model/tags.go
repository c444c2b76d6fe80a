package model

import (
	"slices"
	"strings"

	"github.com/framealloc/fa/internal/insight/snapfile"
)

// Bytes are byte counts by intent.
type Bytes struct {
	Frame int `json:"frame"`
	Pool  int `json:"pool"`
	Heap  int `json:"heap"`
	Total int `json:"total"`
}

func bytesOf(t snapfile.TagSnapshot) Bytes {
	return Bytes{Frame: t.FrameBytes, Pool: t.PoolBytes, Heap: t.HeapBytes, Total: t.FrameBytes + t.PoolBytes + t.HeapBytes}
}

func (b Bytes) add(o Bytes) Bytes {
	return Bytes{b.Frame + o.Frame, b.Pool + o.Pool, b.Heap + o.Heap, b.Total + o.Total}
}

func (b Bytes) sub(o Bytes) Bytes {
	return Bytes{b.Frame - o.Frame, b.Pool - o.Pool, b.Heap - o.Heap, b.Total - o.Total}
}

// atLeast returns b raised, intent by intent, to o.
func (b Bytes) atLeast(o Bytes) Bytes {
	r := Bytes{max(b.Frame, o.Frame), max(b.Pool, o.Pool), max(b.Heap, o.Heap), 0}
	r.Total = r.Frame + r.Pool + r.Heap
	return r
}

// TagRow is one node of the tag tree, in depth-first order.
type TagRow struct {
	// Path is the tag path ("physics/broadphase"), Name its last element.
	Path  string `json:"path"`
	Name  string `json:"name"`
	Depth int    `json:"depth"`
	// Parent is the parent's path ("" for a top-level tag).
	Parent string `json:"parent"`
	// Children counts the direct children.
	Children int `json:"children"`
	// Synthetic marks a node no snapshot row names (a parent of recorded
	// paths, such as "a" of a budget set on "a/b" only).
	Synthetic bool `json:"synthetic"`
	// Inclusive is what was allocated under the path, sub-paths included;
	// Self is Inclusive minus the children's Inclusive. A parent's
	// Inclusive is never below the sum of its children's (a snapshot taken
	// while the parent's WithTag is still running has counted the
	// children first).
	Inclusive Bytes `json:"inclusive"`
	Self      Bytes `json:"self"`
	// Allocations and SelfAllocations count allocations the same way.
	Allocations     int `json:"allocations"`
	SelfAllocations int `json:"self_allocations"`
	// SoftBudget and HardBudget are per-frame budgets (0: none).
	SoftBudget int `json:"soft_budget"`
	HardBudget int `json:"hard_budget"`
	// Worst is the largest usage of one frame over the history's
	// intervals (null for schema version 1): the number budgets bound.
	Worst Number `json:"worst"`
	// Last is the tag's interval in the latest snapshot.
	Last snapfile.TagInterval `json:"last"`
	// SoftExceeded and HardExceeded are totals (latest snapshot).
	SoftExceeded int `json:"soft_exceeded"`
	HardExceeded int `json:"hard_exceeded"`
	// Exceeded marks a tag that went past a budget: exceedances counted,
	// or a worst frame above a budget.
	Exceeded bool `json:"exceeded"`
}

// TagTree is the tag view of the latest snapshot.
type TagTree struct {
	Rows []TagRow `json:"rows"`
	// Total is the sum over top-level tags only: every byte allocated
	// under some tag, counted once.
	Total            Bytes `json:"total"`
	TotalAllocations int   `json:"total_allocations"`
	// HasIntervals reports whether Worst and Last are recorded.
	HasIntervals bool `json:"has_intervals"`
}

// BuildTagTree computes the tag tree of the history's latest snapshot,
// with the worst frames over the whole history.
func BuildTagTree(h []Entry) TagTree {
	last := h[len(h)-1].Snap
	tree := TagTree{HasIntervals: hasIntervals(last)}
	worst := map[string]float64{}
	for _, e := range h {
		if !hasIntervals(e.Snap) {
			continue
		}
		for _, t := range e.Snap.Tags {
			w, ok := worst[t.Tag]
			if !ok {
				w = nan
			}
			if t.Interval.Frames > 0 {
				w = maxKnown(w, float64(t.Interval.MaxBytes))
			}
			worst[t.Tag] = w
		}
	}

	type node struct {
		row      TagRow
		own      Bytes
		allocs   int
		children []string
	}
	nodes := map[string]*node{}
	var get func(path string) *node
	get = func(path string) *node {
		if n := nodes[path]; n != nil {
			return n
		}
		parent, name := "", path
		if i := strings.LastIndexByte(path, '/'); i >= 0 {
			parent, name = path[:i], path[i+1:]
		}
		n := &node{row: TagRow{Path: path, Name: name, Parent: parent, Synthetic: true, Worst: Number(nan)}}
		nodes[path] = n
		if parent != "" {
			p := get(parent)
			p.children = append(p.children, path)
			n.row.Depth = p.row.Depth + 1
		}
		return n
	}
	for _, t := range last.Tags {
		n := get(t.Tag)
		n.row.Synthetic = false
		n.own, n.allocs = bytesOf(t), t.Allocations
		n.row.SoftBudget, n.row.HardBudget = t.SoftBudget, t.HardBudget
		n.row.Last = t.Interval
		n.row.SoftExceeded, n.row.HardExceeded = t.SoftExceeded, t.HardExceeded
		if w, ok := worst[t.Tag]; ok {
			n.row.Worst = Number(w)
		}
	}
	var walk func(path string)
	walk = func(path string) {
		n := nodes[path]
		slices.Sort(n.children)
		var kids Bytes
		kidAllocs := 0
		for _, c := range n.children {
			walk(c)
			kids = kids.add(nodes[c].row.Inclusive)
			kidAllocs += nodes[c].row.Allocations
		}
		r := &n.row
		r.Children = len(n.children)
		r.Inclusive = n.own.atLeast(kids)
		r.Self = r.Inclusive.sub(kids)
		r.Allocations = max(n.allocs, kidAllocs)
		r.SelfAllocations = r.Allocations - kidAllocs
		w := float64(r.Worst)
		r.Exceeded = r.SoftExceeded > 0 || r.HardExceeded > 0 ||
			(r.SoftBudget > 0 && !isNaN(w) && w > float64(r.SoftBudget)) ||
			(r.HardBudget > 0 && !isNaN(w) && w > float64(r.HardBudget))
	}
	var roots []string
	for path, n := range nodes {
		if n.row.Parent == "" {
			roots = append(roots, path)
		}
	}
	slices.Sort(roots)
	var emit func(path string)
	emit = func(path string) {
		n := nodes[path]
		tree.Rows = append(tree.Rows, n.row)
		for _, c := range n.children {
			emit(c)
		}
	}
	for _, r := range roots {
		walk(r)
		tree.Total = tree.Total.add(nodes[r].row.Inclusive)
		tree.TotalAllocations += nodes[r].row.Allocations
		emit(r)
	}
	return tree
}
