package fa601

import (
	"example.com/fa601/helpers"
	fa "github.com/framealloc/fa/allocator"
)

// Frame memory held by one field of a frame struct is not held by its
// other fields: loads of the other fields are what was stored there.

type Shape struct{ R float64 }

type Manif struct {
	a, b     *Shape
	contacts []Contact
	inner    struct {
		s   *Shape
		buf []byte
	}
	next *Manif
}

type Solver struct {
	shape    *Shape
	contacts []Contact
	buf      []byte
	next     *Manif
}

// keepShapes stores the shape fields of m only.
func (sv *Solver) keepShapes(m *Manif) { sv.shape = m.a }

// keepContacts stores the frame contacts of m.
func (sv *Solver) keepContacts(m *Manif) { sv.contacts = m.contacts }

// keepInner stores the nested shape field.
func (sv *Solver) keepInner(m *Manif) { sv.shape = m.inner.s }

// keepInnerBuf stores the nested buffer field.
func (sv *Solver) keepInnerBuf(m *Manif) { sv.buf = m.inner.buf }

// keepNext stores the manifold after m.
func (sv *Solver) keepNext(m *Manif) { sv.next = m.next }

// --- negatives: the field loaded was set to long-lived memory ---

func (sv *Solver) FieldsSameFunc(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.shape = m.a // m.a is s, not frame memory
}

func (sv *Solver) FieldsThroughMethod(l *fa.Local, s1, s2 *Shape) {
	m := fa.Frame[Manif](l)
	m.a, m.b = s1, s2
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.keepShapes(m) // keeps m.a only
}

func (sv *Solver) NestedFieldOther(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.inner.s = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.keepInner(m)
}

func (sv *Solver) LocalStruct(l *fa.Local, s *Shape) {
	var m Manif
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.shape = m.a
	sv.keepShapes(&m)
}

func FieldsAcrossPackages(l *fa.Local, h *helpers.Holder, v *helpers.Vec) {
	p := fa.Frame[helpers.Pair](l)
	p.Shape = v
	p.Buf = fa.FrameSlice[helpers.Vec](l, 2)
	h.KeepShape(p)
}

// --- positives: the field loaded holds frame memory ---

func (sv *Solver) FieldFrame(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.contacts = m.contacts // want `FA601: frame value m\.contacts escapes to field contacts of receiver sv`
}

func (sv *Solver) FieldFrameThroughMethod(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	sv.keepContacts(m) // want `FA601: frame value m\.contacts escapes to memory reachable from receiver sv \(stored by keepContacts\)`
}

func (sv *Solver) NestedFieldFrame(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.inner.s = s
	m.inner.buf = fa.FrameBytes(l, 16)
	sv.keepInnerBuf(m) // want `FA601: frame value m\.inner\.buf escapes to memory reachable from receiver sv \(stored by keepInnerBuf\)`
}

func (sv *Solver) NestedFieldSibling(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.inner.buf = fa.FrameBytes(l, 16)
	// The nested struct is one field of m: its fields are not told apart.
	sv.keepInner(m) // want `FA601: frame value m\.inner\.buf escapes to memory reachable from receiver sv \(stored by keepInner\)`
}

func (sv *Solver) ThroughNextObject(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	n := &Manif{} // heap memory the frame struct points to
	m.next = n
	n.contacts = fa.FrameSlice[Contact](l, 4)
	sv.keepNext(m) // want `FA601: frame value n\.contacts escapes to memory reachable from receiver sv \(stored by keepNext\)`
}

func (sv *Solver) DeepStoreThroughField(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.next = &Manif{}
	m.next.contacts = fa.FrameSlice[Contact](l, 4)
	m.a = s
	sv.next = m.next // want `FA601: frame value m\.next\.contacts escapes to field next of receiver sv`
	sv.shape = m.a   // m.a is s
}

func (sv *Solver) WholeStructCopy(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	c := *m                  // a copy of the whole struct holds every field
	sv.contacts = c.contacts // want `FA601: frame value m\.contacts escapes to field contacts of receiver sv`
}

func FieldFrameAcrossPackages(l *fa.Local, h *helpers.Holder, v *helpers.Vec) {
	p := fa.Frame[helpers.Pair](l)
	p.Shape = v
	p.Buf = fa.FrameSlice[helpers.Vec](l, 2)
	h.KeepBuf(p) // want `FA601: frame value p\.Buf escapes to memory reachable from parameter h \(stored by KeepBuf\)`
}

func NextAcrossPackages(l *fa.Local, h *helpers.Holder, v *helpers.Vec) {
	p := fa.Frame[helpers.Pair](l)
	p.Shape = v
	p.Next = fa.Frame[helpers.Pair](l)
	p.Next.Shape = fa.Frame[helpers.Vec](l)
	h.KeepNextShape(p) // want `FA601: frame value p\.Next\.Shape escapes to memory reachable from parameter h \(stored by KeepNextShape\)`
}

// fill sets the fields of a manifold the caller allocated: what each
// field holds reaches the caller field by field.
func fill(m *Manif, a *Shape, contacts []Contact) {
	m.a = a
	m.contacts = contacts
}

func (sv *Solver) FilledByHelper(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	fill(m, s, fa.FrameSlice[Contact](l, 4))
	sv.keepShapes(m) // m.a is s
	sv.shape = m.a
}

func (sv *Solver) FilledByHelperFrame(l *fa.Local, s *Shape) {
	m := fa.Frame[Manif](l)
	fill(m, s, fa.FrameSlice[Contact](l, 4))
	sv.keepContacts(m) // want `FA601: frame value fa.FrameSlice\[Contact\]\(...\) escapes to memory reachable from receiver sv \(stored by keepContacts\)`
}

// Elements of a frame slice of structs are told apart by field too.

func (sv *Solver) ElementFields(l *fa.Local, s *Shape) {
	ms := fa.FrameSlice[Manif](l, 4)
	ms[1].a = s
	ms[2].contacts = fa.FrameSlice[Contact](l, 4)
	sv.shape = ms[0].a    // an element's a is s
	sv.keepShapes(&ms[3]) // keeps m.a only
}

func (sv *Solver) ElementFieldFrame(l *fa.Local, s *Shape) {
	ms := fa.FrameSlice[Manif](l, 4)
	ms[1].a = s
	ms[2].contacts = fa.FrameSlice[Contact](l, 4)
	sv.contacts = ms[0].contacts // want `FA601: frame value fa.FrameSlice\[Contact\]\(...\) escapes to field contacts of receiver sv`
}

func (sv *Solver) ElementFieldFrameThroughMethod(l *fa.Local, s *Shape) {
	ms := fa.FrameSlice[Manif](l, 4)
	ms[2].contacts = fa.FrameSlice[Contact](l, 4)
	sv.keepContacts(&ms[0]) // want `FA601: frame value fa.FrameSlice\[Contact\]\(...\) escapes to memory reachable from receiver sv \(stored by keepContacts\)`
}

// A helper's frame struct result holds each field's memory apart.

func newManif(l *fa.Local, s *Shape) *Manif {
	m := fa.Frame[Manif](l)
	m.a = s
	m.contacts = fa.FrameSlice[Contact](l, 4)
	return m
}

func (sv *Solver) HelperResultField(l *fa.Local, s *Shape) {
	m := newManif(l, s)
	sv.shape = m.a // s
}

func (sv *Solver) HelperResultFrameField(l *fa.Local, s *Shape) {
	m := newManif(l, s)
	sv.contacts = m.contacts // want `FA601: frame value m escapes to field contacts of receiver sv`
}

func HelperResultFieldAcrossPackages(l *fa.Local, h *helpers.Holder, v *helpers.Vec) {
	p := helpers.NewPair(l, v)
	h.V = p.Shape // v
	h.KeepShape(p)
}

func HelperResultFrameFieldAcrossPackages(l *fa.Local, h *helpers.Holder, v *helpers.Vec) {
	p := helpers.NewPair(l, v)
	h.V = &p.Buf[0] // want `FA601: frame value p escapes to field V of parameter h`
}
