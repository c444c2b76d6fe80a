package fa601

import fa "github.com/framealloc/fa/allocator"

// Elements of arrays and slices held by a receiver, and a helper that
// appends through a pointer to a slice.

type Slots struct {
	arr  [4]*Contact
	list []*Contact
	all  []*Contact
}

func appendTo(s *[]*Contact, c *Contact) { *s = append(*s, c) }

func (s *Slots) SetArray(l *fa.Local, i int) {
	s.arr[i] = fa.Frame[Contact](l) // want `FA601: frame value fa.Frame\[Contact\]\(...\) escapes to field arr of receiver s`
}

func (s *Slots) SetElement(l *fa.Local, i int) {
	s.list[i] = fa.Frame[Contact](l) // want `FA601: frame value fa.Frame\[Contact\]\(...\) escapes to field list of receiver s`
}

func (s *Slots) AppendThroughPointer(l *fa.Local) {
	c := fa.Frame[Contact](l)
	appendTo(&s.all, c) // want `FA601: frame value c escapes to field all of receiver s \(stored by appendTo\)`
}

// --- negatives ---

func (s *Slots) SetArrayCopy(l *fa.Local, i int) {
	c := fa.Frame[Contact](l)
	s.arr[i] = &Contact{X: c.X, Y: c.Y} // a heap copy of pointer-free fields
}

func (s *Slots) AppendLocal(l *fa.Local) []*Contact {
	var local []*Contact
	appendTo(&local, fa.Frame[Contact](l)) // a local slice that does not escape
	return nil
}
