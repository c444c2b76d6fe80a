package framecore

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// FuncFact summarises how a function treats frame memory and Locals, so
// that callers in other packages understand helpers without seeing their
// bodies. It is exported for every function or method whose summary is not
// empty. All fields are sorted slices, so the gob encoding is deterministic.
type FuncFact struct {
	// Results describes, per result index, what frame memory a result may
	// carry.
	Results []ResultFlow
	// Stores lists parameters the function stores beyond its own frame.
	Stores []StoreEffect
	// Handoffs lists parameters the function passes to another goroutine
	// (channel send or go statement), directly or through helpers.
	Handoffs []HandoffEffect
	// EndsFrame and BeginsFrame list the Locals whose frame the function
	// ends or begins (directly, deferred or through helpers).
	EndsFrame   []LocalPath
	BeginsFrame []LocalPath
	// Allocates reports whether the function allocates from the allocator,
	// directly or through helpers.
	Allocates bool
	// KeepsFunc lists func-typed parameters that the function stores,
	// returns, or runs on another goroutine or later.
	KeepsFunc []int
	// GoRuns lists func-typed parameters the function runs on a new
	// goroutine it does not wait for; GoGets lists parameters it hands to
	// such a goroutine.
	GoRuns, GoGets []int
	// WaitsBarrier reports that the function calls WaitAll on some
	// FrameBarrier; UsesBarrier that it calls WaitAll or
	// SignalFrameComplete (directly or through helpers).
	WaitsBarrier, UsesBarrier bool
	// SignalsBarrier lists the barriers it signals; SetsFrameBudget the
	// Locals it gives a frame budget.
	SignalsBarrier, SetsFrameBudget []LocalPath
	// SetsPoolBudget lists the Locals it gives a pool budget.
	SetsPoolBudget []LocalPath
}

// AFact marks FuncFact as an analysis fact.
func (*FuncFact) AFact() {}

// String renders the fact for tests and debugging.
func (f *FuncFact) String() string {
	var parts []string
	for i, r := range f.Results {
		if len(r.Frame) > 0 {
			parts = append(parts, fmt.Sprintf("result%d=frame%v", i, r.Frame))
		}
		for _, p := range r.Is {
			parts = append(parts, fmt.Sprintf("result%d=%s", i, p))
		}
		if len(r.HeldFrame) > 0 {
			parts = append(parts, fmt.Sprintf("result%d-holds-frame%v", i, r.HeldFrame))
		}
		for _, p := range r.Held {
			parts = append(parts, fmt.Sprintf("result%d-holds-%s", i, p))
		}
		for _, ff := range r.Fields {
			if len(ff.HeldFrame) > 0 {
				parts = append(parts, fmt.Sprintf("result%d.field%d-holds-frame%v", i, ff.Via-1, ff.HeldFrame))
			}
			for _, p := range ff.Held {
				parts = append(parts, fmt.Sprintf("result%d.field%d-holds-%s", i, ff.Via-1, p))
			}
		}
	}
	for _, s := range f.Stores {
		parts = append(parts, s.String())
	}
	for _, h := range f.Handoffs {
		parts = append(parts, fmt.Sprintf("hands-off-%s(%s)", ParamRef{h.Param, h.Depth, h.Via}, h.Kind))
	}
	if len(f.EndsFrame) > 0 {
		parts = append(parts, fmt.Sprintf("ends%v", f.EndsFrame))
	}
	if len(f.BeginsFrame) > 0 {
		parts = append(parts, fmt.Sprintf("begins%v", f.BeginsFrame))
	}
	if f.Allocates {
		parts = append(parts, "allocates")
	}
	if len(f.KeepsFunc) > 0 {
		parts = append(parts, fmt.Sprintf("keeps-func%v", f.KeepsFunc))
	}
	if len(f.GoRuns) > 0 {
		parts = append(parts, fmt.Sprintf("go-runs%v", f.GoRuns))
	}
	if len(f.GoGets) > 0 {
		parts = append(parts, fmt.Sprintf("go-gets%v", f.GoGets))
	}
	if f.WaitsBarrier {
		parts = append(parts, "waits-barrier")
	}
	if f.UsesBarrier {
		parts = append(parts, "uses-barrier")
	}
	if len(f.SignalsBarrier) > 0 {
		parts = append(parts, fmt.Sprintf("signals%v", f.SignalsBarrier))
	}
	if len(f.SetsFrameBudget) > 0 {
		parts = append(parts, fmt.Sprintf("sets-budget%v", f.SetsFrameBudget))
	}
	if len(f.SetsPoolBudget) > 0 {
		parts = append(parts, fmt.Sprintf("sets-pool-budget%v", f.SetsPoolBudget))
	}
	return strings.Join(parts, " ")
}

func (f *FuncFact) empty() bool {
	for _, r := range f.Results {
		if len(r.Frame)+len(r.Is)+len(r.HeldFrame)+len(r.Held)+len(r.Fields) > 0 {
			return false
		}
	}
	return len(f.Stores)+len(f.Handoffs)+len(f.EndsFrame)+len(f.BeginsFrame)+len(f.KeepsFunc)+
		len(f.GoRuns)+len(f.GoGets)+len(f.SignalsBarrier)+len(f.SetsFrameBudget)+len(f.SetsPoolBudget) == 0 &&
		!f.Allocates && !f.WaitsBarrier && !f.UsesBarrier
}

// ResultFlow is the frame memory one result may carry: what it is, and
// what the memory it refers to holds (a container the function built).
type ResultFlow struct {
	// Frame lists the Locals whose fresh frame memory the result may be.
	Frame []LocalPath
	// Is lists the parameters the result may be or point into (Depth 0),
	// or whose memory the result was loaded from (Depth > 0: return w.buf).
	Is []ParamRef
	// HeldFrame lists the Locals whose fresh frame memory the result's
	// memory may hold (a slice of frame values, a frame struct whose
	// fields the function set to frame memory).
	HeldFrame []LocalPath
	// Held lists the parameters (or what their memory holds) the result's
	// memory may hold (append(s, v) holds v).
	Held []ParamRef
	// Fields lists what the result's memory holds through single fields
	// of its struct (a frame struct whose fields the function set), by
	// field; HeldFrame and Held list what it holds any other way.
	Fields []FieldFlow
}

// FieldFlow is what a result's memory holds through one field of its
// struct: Via as in ParamRef.
type FieldFlow struct {
	Via       int
	HeldFrame []LocalPath
	Held      []ParamRef
}

// field returns the entry of r.Fields for via, adding it when missing.
func (r *ResultFlow) field(via int) *FieldFlow {
	for i := range r.Fields {
		if r.Fields[i].Via == via {
			return &r.Fields[i]
		}
	}
	r.Fields = append(r.Fields, FieldFlow{Via: via})
	return &r.Fields[len(r.Fields)-1]
}

// ParamRef names a parameter (Depth 0) or what the memory reachable from
// it holds, Depth loads away (Depth 1: p.buf; Depth 2: the elements of
// p.buf). Depths beyond MaxDepth are MaxDepth. Via, when not 0, is 1 + the
// index of the field of the parameter's struct the first load reads
// (p.buf, p.buf[i] and p.buf.x all go through field buf): what the other
// fields hold is not part of the reference.
type ParamRef struct {
	Param, Depth int
	Via          int
}

// MaxDepth bounds the depth of a ParamRef.
const MaxDepth = 3

// CallResult is the Depth of a ParamRef standing for what calling a
// func-typed parameter returns (a constructor callback whose result the
// function keeps).
const CallResult = -1

// String renders the reference for tests and debugging: param1,
// content1-of-param1.
func (r ParamRef) String() string {
	if r.Depth == CallResult {
		return fmt.Sprintf("result-of-param%d", r.Param)
	}
	if r.Depth == 0 {
		return fmt.Sprintf("param%d", r.Param)
	}
	if r.Via != 0 {
		return fmt.Sprintf("content%d-of-param%d.field%d", r.Depth, r.Param, r.Via-1)
	}
	return fmt.Sprintf("content%d-of-param%d", r.Depth, r.Param)
}

func compareParamRef(a, b ParamRef) int {
	return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.Via, b.Via))
}

// StoreEffect says that parameter Param (or, with Depth > 0, what the
// memory reachable from it holds at that depth) is stored into a package-level variable (Global), pool or heap
// memory (Persistent) or memory reachable from parameter Into. Param is -1
// for fresh frame memory the function stores into parameter Into (and
// reports itself).
type StoreEffect struct {
	Param      int
	Depth      int
	Via        int // as in ParamRef
	Global     string
	Persistent bool
	Into       int
	// IntoVia, when not 0, is 1 + the index of the field of parameter
	// Into's struct the store goes through (p.buf = v, p.buf[i] = v).
	IntoVia int
}

// String renders the effect for tests and debugging.
func (s StoreEffect) String() string {
	what := ParamRef{s.Param, s.Depth, s.Via}.String()
	if s.Param < 0 {
		what = "frame"
	}
	switch {
	case s.Global != "":
		return fmt.Sprintf("stores-%s-in-global(%s)", what, s.Global)
	case s.Persistent:
		return fmt.Sprintf("stores-%s-in-persistent", what)
	}
	if s.IntoVia != 0 {
		return fmt.Sprintf("stores-%s-in-param%d.field%d", what, s.Into, s.IntoVia-1)
	}
	return fmt.Sprintf("stores-%s-in-param%d", what, s.Into)
}

// HandoffKind says how a value reaches another goroutine.
type HandoffKind string

// Handoff kinds.
const (
	HandoffSend HandoffKind = "send" // sent on a channel
	HandoffGo   HandoffKind = "go"   // passed to a go statement
)

// HandoffEffect says that parameter Param (or, with Depth > 0, what the
// memory reachable from it holds at that depth) reaches another goroutine.
type HandoffEffect struct {
	Param int
	Depth int
	Via   int // as in ParamRef
	Kind  HandoffKind
}

// String renders the path for tests and debugging.
func (p LocalPath) String() string {
	if p.Param < 0 {
		return p.Global + p.Path
	}
	return fmt.Sprintf("param%d%s", p.Param, p.Path)
}

func compareLocalPath(a, b LocalPath) int {
	return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Global, b.Global), cmp.Compare(a.Path, b.Path))
}

func sortedPaths(ps []LocalPath) []LocalPath {
	slices.SortFunc(ps, compareLocalPath)
	return slices.Compact(ps)
}

func sortedRefs(rs []ParamRef) []ParamRef {
	slices.SortFunc(rs, compareParamRef)
	return slices.Compact(rs)
}

// normalize sorts and deduplicates every slice.
func (f *FuncFact) normalize() {
	for i := range f.Results {
		r := &f.Results[i]
		r.Frame, r.Is = sortedPaths(r.Frame), sortedRefs(r.Is)
		r.HeldFrame, r.Held = sortedPaths(r.HeldFrame), sortedRefs(r.Held)
		slices.SortFunc(r.Fields, func(a, b FieldFlow) int { return cmp.Compare(a.Via, b.Via) })
		for j := range r.Fields {
			ff := &r.Fields[j]
			ff.HeldFrame, ff.Held = sortedPaths(ff.HeldFrame), sortedRefs(ff.Held)
		}
	}
	slices.SortFunc(f.Stores, func(a, b StoreEffect) int {
		return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.Via, b.Via), cmp.Compare(a.Global, b.Global),
			cmp.Compare(boolInt(a.Persistent), boolInt(b.Persistent)), cmp.Compare(a.Into, b.Into), cmp.Compare(a.IntoVia, b.IntoVia))
	})
	f.Stores = slices.Compact(f.Stores)
	slices.SortFunc(f.Handoffs, func(a, b HandoffEffect) int {
		return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.Via, b.Via), cmp.Compare(a.Kind, b.Kind))
	})
	f.Handoffs = slices.Compact(f.Handoffs)
	slices.SortFunc(f.EndsFrame, compareLocalPath)
	f.EndsFrame = slices.Compact(f.EndsFrame)
	slices.SortFunc(f.BeginsFrame, compareLocalPath)
	f.BeginsFrame = slices.Compact(f.BeginsFrame)
	slices.Sort(f.KeepsFunc)
	f.KeepsFunc = slices.Compact(f.KeepsFunc)
	for _, l := range []*[]int{&f.GoRuns, &f.GoGets} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	for _, l := range []*[]LocalPath{&f.SignalsBarrier, &f.SetsFrameBudget, &f.SetsPoolBudget} {
		slices.SortFunc(*l, compareLocalPath)
		*l = slices.Compact(*l)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// equal reports whether two normalized facts are the same.
func (f *FuncFact) equal(g *FuncFact) bool {
	return fmt.Sprint(f) == fmt.Sprint(g) && len(f.Results) == len(g.Results)
}
