package fa601

import (
	"example.com/fa601/helpers"
	fa "github.com/framealloc/fa/allocator"
)

type Vec = helpers.Vec

type Entity struct {
	Pos  Vec
	Prev *Vec
}

var (
	cache    *Vec
	lastList []Vec
	byName   = map[string]*Vec{}
	world    helpers.Holder
	copyKeep Vec
)

// --- positives ---

func storeGlobal(l *fa.Local) {
	l.BeginFrame()
	p := fa.Frame[Vec](l)
	cache = p // want `FA601: frame value p escapes to package-level variable cache`
	l.EndFrame()
}

func storeFieldAddrGlobal(l *fa.Local) {
	e := fa.Frame[Entity](l)
	cache = &e.Pos // want `FA601: frame value e escapes to package-level variable cache`
}

func storeSliceGlobal(l *fa.Local) {
	s := fa.FrameSlice[Vec](l, 16)
	lastList = s[2:8] // want `FA601: frame value s escapes to package-level variable lastList`
}

func storeMapGlobal(l *fa.Local) {
	byName["hero"] = fa.Frame[Vec](l) // want `FA601: frame value .* escapes to package-level variable byName`
}

func appendGlobal(l *fa.Local) {
	v := fa.Frame[Vec](l)
	registry := []*Vec{}
	registry = append(registry, v)
	outer = append(outer, registry...) // want `FA601: frame value v escapes to package-level variable outer`
}

var outer []*Vec

func intoPool(l *fa.Local) {
	e := fa.Pool[Entity](l)
	e.Prev = fa.Frame[Vec](l) // want `FA601: frame value .* escapes to pool or heap memory`
}

func throughHelper(l *fa.Local) {
	v := fa.Frame[Vec](l)
	helpers.Remember(v) // want `FA601: frame value v escapes to package-level variable helpers.registry`
}

func helperFrameStoredGlobally(l *fa.Local) {
	v := helpers.Scratch(l)
	cache = v // want `FA601: frame value v escapes to package-level variable cache`
}

func identityHelper(l *fa.Local) {
	v := helpers.Identity(fa.Frame[Vec](l))
	cache = v // want `FA601: frame value .* escapes to package-level variable cache`
}

func methodOnGlobal(l *fa.Local) {
	world.Set(fa.Frame[Vec](l)) // want `FA601: frame value .* escapes to package-level variable world`
}

func localContainerEscapes(l *fa.Local) {
	h := &helpers.Holder{}
	h.V = fa.Frame[Vec](l)
	globalHolder = h // want `FA601: frame value .* escapes to package-level variable globalHolder`
}

var globalHolder *helpers.Holder

func returnAfterDeferredEnd(l *fa.Local) *Vec {
	l.BeginFrame()
	defer l.EndFrame()
	v := fa.Frame[Vec](l)
	return v // want `FA601: frame value v escapes to the caller of returnAfterDeferredEnd`
}

func returnAfterEnd(l *fa.Local) []byte {
	l.BeginFrame()
	b := fa.FrameBytes(l, 64)
	l.EndFrame()
	return b // want `FA601: frame value b escapes to the caller of returnAfterEnd`
}

func renamedField(l *fa.Local, w *World) {
	w.local.BeginFrame()
	defer w.local.EndFrame()
	keep = fa.FrameSlice[int](w.local, 8) // want `FA601: frame value fa.FrameSlice\[int\]\(...\) escapes to package-level variable keep`
}

var keep []int

type World struct{ local *fa.Local }

func generic[T any](l *fa.Local) {
	v := fa.Frame[T](l)
	anyKeep = v // want `FA601: frame value v escapes to package-level variable anyKeep`
}

var anyKeep any

func inTagClosure(l *fa.Local) {
	l.WithTag("physics", func() {
		cache = fa.Frame[Vec](l) // want `FA601: frame value .* escapes to package-level variable cache`
	})
}

// --- negatives ---

func copyByValue(l *fa.Local) {
	p := fa.Frame[Vec](l)
	p.X = 1
	copyKeep = *p // a copy, not a reference to frame memory
}

func poolStoredGlobally(l *fa.Local) {
	cache = fa.Pool[Vec](l)
	cache = fa.Heap[Vec](l)
}

func keptInLocals(l *fa.Local) float64 {
	l.BeginFrame()
	defer l.EndFrame()
	p := fa.Frame[Vec](l)
	q := p
	list := make([]*Vec, 0, 4)
	list = append(list, q)
	e := Entity{Prev: p}
	m := map[int]*Vec{1: p}
	return list[0].X + e.Prev.Y + m[1].X + helpers.Sum(p)
}

func helperInsideFrame(l *fa.Local) float64 {
	l.BeginFrame()
	v := helpers.Scratch(l) // frame memory used inside the frame
	s := v.X
	l.EndFrame()
	return s
}

func returnedToCallerInFrame(l *fa.Local) *Vec {
	return fa.Frame[Vec](l) // the caller's frame is still running
}

func frameLoop(l *fa.Local) {
	for i := 0; i < 100; i++ {
		l.BeginFrame()
		v := fa.Frame[Vec](l)
		v.X = float64(i)
		l.EndFrame()
	}
}

func localHolder(l *fa.Local) {
	var h helpers.Holder
	h.Set(fa.Frame[Vec](l))
	_ = h.V.X
}

func intoFrameMemory(l *fa.Local) {
	e := fa.Frame[Entity](l)
	e.Prev = fa.Frame[Vec](l)
}

func discardIsFA605(l *fa.Local) {
	cache = fa.FrameRetained[Vec](l, fa.Discard)
}

func promotedByPolicy(l *fa.Local) {
	cache = fa.FrameRetained[Vec](l, fa.PromoteToHeap)
}

func suppressed(l *fa.Local) {
	cache = fa.Frame[Vec](l) //fa:ignore FA601 cleared before EndFrame by resetCache
}

func resetCache() { cache = nil }
