package fa601

import (
	"example.com/fa601/helpers"
	fa "github.com/framealloc/fa/allocator"
)

// A physics world whose object graph outlives every frame: receivers and
// pointer parameters are presumed to outlive the frame.

type Contact struct {
	X, Y  float64
	Other *Contact
}

type Info struct {
	buf []Contact
	n   int
}

type Arbiter struct {
	contacts []Contact
	info     *Info
	pos      Contact
	name     string
	raw      []byte
	ptrs     []*Contact
}

type Body struct{ Arb *Arbiter }

type Space struct {
	local    *fa.Local
	lastInfo *Info
	arbiters []*Arbiter
	byID     map[int]*Contact
	history  []*Contact
	sub      struct{ last *Contact }
	bodies   []Body
	keepList []Contact
	lastLen  int
}

// --- positives: the function knows the value is frame memory ---

func (s *Space) Step() {
	l := s.local
	l.BeginFrame()
	defer l.EndFrame()
	s.lastInfo = fa.Frame[Info](l) // want `FA601: frame value fa.Frame\[Info\]\(...\) escapes to field lastInfo of receiver s`
	info := fa.Frame[Info](l)
	info.buf = s.contacts(8)
	info.n = 8
	for _, arb := range s.arbiters {
		arb.Update(info, s) // want `FA601: frame value info\.buf escapes to memory reachable from receiver s \(stored by Update\)`
	}
}

func (s *Space) contacts(n int) []Contact { return fa.FrameSlice[Contact](s.local, n) }

func (arb *Arbiter) Update(info *Info, s *Space) {
	fc := fa.FrameSlice[Contact](s.local, 4)
	arb.contacts = fc                // want `FA601: frame value fc escapes to field contacts of receiver arb`
	arb.contacts = info.buf[:info.n] // only a parameter here: the callers that pass frame memory report
}

func (s *Space) intoMap(id int) {
	s.byID[id] = fa.Frame[Contact](s.local) // want `FA601: frame value .* escapes to field byID of receiver s`
}

func (s *Space) appendToField() {
	c := fa.Frame[Contact](s.local)
	s.history = append(s.history, c) // want `FA601: frame value c escapes to field history of receiver s`
}

func (s *Space) nested() {
	c := fa.Frame[Contact](s.local)
	s.sub.last = c // want `FA601: frame value c escapes to memory reachable from receiver s`
}

func (s *Space) elementOfField(i int) {
	s.bodies[i].Arb = fa.Frame[Arbiter](s.local) // want `FA601: frame value .* escapes to memory reachable from receiver s`
}

func fillParam(dst *Info, l *fa.Local) {
	dst.buf = fa.FrameSlice[Contact](l, 4) // want `FA601: frame value fa.FrameSlice\[Contact\]\(...\) escapes to field buf of parameter dst`
}

func (s *Space) inTagBody() {
	l := s.local
	l.WithTag("physics", func() {
		s.lastInfo = fa.Frame[Info](l) // want `FA601: frame value .* escapes to field lastInfo of receiver s`
	})
}

func (s *Space) calledAtOnce() {
	func() {
		c := fa.Frame[Contact](s.local)
		s.history = append(s.history, c) // want `FA601: frame value c escapes to field history of receiver s`
	}()
}

func each(cs []Contact, fn func(c *Contact)) {
	for i := range cs {
		fn(&cs[i])
	}
}

func (s *Space) inCallback(cs []Contact) {
	each(cs, func(c *Contact) {
		c.Other = fa.Frame[Contact](s.local) // want `FA601: frame value .* escapes to field Other of parameter c`
	})
}

// keep stores its parameter into its receiver: a fact for its callers.
func (s *Space) keep(c *Contact) { s.sub.last = c }

func (s *Space) keepFrame() {
	s.keep(fa.Frame[Contact](s.local)) // want `FA601: frame value .* escapes to memory reachable from receiver s \(stored by keep\)`
}

// A helper of another package storing into its receiver: the caller passes
// frame memory and a destination reachable from its own receiver.
type Scene struct {
	local  *fa.Local
	holder helpers.Holder
}

func (sc *Scene) remember() {
	sc.holder.Set(fa.Frame[helpers.Vec](sc.local)) // want `FA601: frame value .* escapes to field holder of receiver sc \(stored by Set\)`
}

// Copies of pointerful elements still carry frame memory.
func (arb *Arbiter) keepPointers(l *fa.Local) {
	ps := fa.FrameSlice[*Contact](l, 2)
	ps[0] = fa.Frame[Contact](l)
	copy(arb.ptrs, ps)                 // want `FA601: frame value .* escapes to field ptrs of receiver arb`
	arb.ptrs = append(arb.ptrs, ps...) // want `FA601: frame value .* escapes to field ptrs of receiver arb`
}

// --- negatives ---

// The destination is frame memory known in the function.
type Manifold struct{ Contacts []Contact }

func (s *Space) intoFrameDestination(n int) int {
	all := fa.FrameSlice[Manifold](s.local, n)
	total := 0
	for i := range all {
		m := &all[i]
		m.Contacts = fa.FrameSlice[Contact](s.local, 2)
		total += len(m.Contacts)
	}
	return total
}

// A frame-allocated container's Push stores into frame memory.
type Queue struct{ items []*Contact }

func (q *Queue) Push(c *Contact) { q.items = append(q.items, c) }

func (s *Space) frameContainer() int {
	q := fa.Frame[Queue](s.local)
	q.Push(fa.Frame[Contact](s.local))
	q.Push(fa.Frame[Contact](s.local))
	return len(q.items)
}

// Pool and heap memory outlive the frame: storing them is fine.
func (s *Space) persistent() {
	s.sub.last = fa.Pool[Contact](s.local)
	s.keep(fa.Heap[Contact](s.local))
	s.lastInfo = &Info{}
}

// Copies of pointer-free data hold no frame memory.
func (arb *Arbiter) copies(l *fa.Local) {
	p := fa.Frame[Contact](l)
	p.X = 3
	arb.pos = Contact{X: p.X, Y: p.Y}
	b := fa.FrameBytes(l, 16)
	arb.name = string(b)
	copy(arb.raw, b)
	arb.raw = append(arb.raw, b...)
	cs := fa.FrameSlice[Contact](l, 4)
	arb.contacts = append(arb.contacts[:0], cs...)
	arb.contacts = clone(cs)
}

// clone returns a fresh copy: no frame memory.
func clone(cs []Contact) []Contact {
	out := make([]Contact, len(cs))
	copy(out, cs)
	return out
}

// A local struct holding frame memory is not an escape.
func (s *Space) localStruct() int {
	var info Info
	info.buf = fa.FrameSlice[Contact](s.local, 4)
	return len(info.buf)
}

// Pointer slices holding heap pointers copy nothing from the frame.
func (arb *Arbiter) heapPointers(l *fa.Local) {
	ps := fa.FrameSlice[*Contact](l, 2)
	ps[0] = &Contact{}
	copy(arb.ptrs, ps)
}

// A method copying the elements of a slice it is given: the copies carry
// what the elements point to, not the slice itself.
func (arb *Arbiter) CopyFrom(info *Info) {
	n := copy(arb.contacts, info.buf)
	arb.contacts = arb.contacts[:n]
}

func (s *Space) copyElements(arb *Arbiter) {
	info := fa.Frame[Info](s.local)
	info.buf = fa.FrameSlice[Contact](s.local, 4)
	info.buf[0].Other = &Contact{} // heap memory: the copy keeps nothing of the frame
	arb.CopyFrom(info)
}

func (s *Space) copyFramePointers(arb *Arbiter) {
	info := fa.Frame[Info](s.local)
	info.buf = fa.FrameSlice[Contact](s.local, 4)
	info.buf[0].Other = fa.Frame[Contact](s.local)
	arb.CopyFrom(info) // want `FA601: frame value .* escapes to memory reachable from parameter arb \(stored by CopyFrom\)`
}

// A cache keeping what its constructor callback returns.
type ArbiterCache struct{ m map[int]*Arbiter }

func (c *ArbiterCache) Insert(k int, mk func() *Arbiter) *Arbiter {
	if a, ok := c.m[k]; ok {
		return a
	}
	a := mk()
	c.m[k] = a
	return a
}

// Peek calls its constructor but keeps nothing.
func (c *ArbiterCache) Peek(mk func() *Arbiter) int { return len(mk().contacts) }

type Physics struct {
	local *fa.Local
	cache ArbiterCache
}

func (ph *Physics) constructorCallback() {
	ph.cache.Insert(1, func() *Arbiter { return fa.Frame[Arbiter](ph.local) }) // want `FA601: frame value fa.Frame\[Arbiter\]\(...\) escapes to field cache of receiver ph \(stored by Insert\)`
}

func (ph *Physics) constructorCallbackHeap() {
	ph.cache.Insert(2, func() *Arbiter { return fa.Pool[Arbiter](ph.local) })
	ph.cache.Insert(3, func() *Arbiter { return &Arbiter{} })
	_ = ph.cache.Peek(func() *Arbiter { return fa.Frame[Arbiter](ph.local) })
}

// FrameAppend's result is frame memory.
func (s *Space) appendFrame(cs []Contact) {
	var list []Contact
	for _, c := range cs {
		list = fa.FrameAppend(s.local, list, c)
	}
	s.keepList = list // want `FA601: frame value .* escapes to field keepList of receiver s`
}

func (s *Space) appendLocal(cs []Contact) int {
	var list []Contact
	for _, c := range cs {
		list = fa.FrameAppend(s.local, list, c)
	}
	s.lastLen = len(list)
	return len(list)
}
