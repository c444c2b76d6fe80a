package framecore

import "math/bits"

// Set is a set of origin IDs. The zero value is empty.
type Set struct{ words []uint64 }

// Has reports whether id is in s.
func (s Set) Has(id int) bool {
	w := id / 64
	return w < len(s.words) && s.words[w]&(1<<(id%64)) != 0
}

// Empty reports whether s has no elements.
func (s Set) Empty() bool {
	for _, w := range s.words {
		if w != 0 {
			return false
		}
	}
	return true
}

// add inserts id and reports whether s changed.
func (s *Set) add(id int) bool {
	w := id / 64
	for len(s.words) <= w {
		s.words = append(s.words, 0)
	}
	old := s.words[w]
	s.words[w] |= 1 << (id % 64)
	return old != s.words[w]
}

// union adds every element of t to s and reports whether s changed.
func (s *Set) union(t Set) bool {
	changed := false
	for len(s.words) < len(t.words) {
		s.words = append(s.words, 0)
	}
	for i, w := range t.words {
		if s.words[i]|w != s.words[i] {
			s.words[i] |= w
			changed = true
		}
	}
	return changed
}

// IDs returns the elements of s in increasing order.
func (s Set) IDs() []int {
	var ids []int
	for i, w := range s.words {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			ids = append(ids, i*64+b)
			w &^= 1 << b
		}
	}
	return ids
}

// Union returns s ∪ t.
func (s Set) Union(t Set) Set {
	var r Set
	r.union(s)
	r.union(t)
	return r
}
