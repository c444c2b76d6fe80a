// Package helpers holds helpers whose behaviour reaches callers in other
// packages only through facts.
package helpers

import "github.com/framealloc/fa/allocator"

// Vec is a small value type.
type Vec struct{ X, Y float64 }

var registry []*Vec

// Remember stores its argument in a package-level variable.
func Remember(v *Vec) {
	registry = append(registry, v)
}

// Scratch returns fresh frame memory of its Local.
func Scratch(l *allocator.Local) *Vec {
	return allocator.Frame[Vec](l)
}

// Identity returns its argument.
func Identity(v *Vec) *Vec {
	return v
}

// Sum reads its argument and keeps nothing.
func Sum(v *Vec) float64 { return v.X + v.Y }

// Holder keeps a vector.
type Holder struct{ V *Vec }

// Set stores v into the holder (a fact for callers, not a finding).
func (h *Holder) Set(v *Vec) {
	h.V = v
}

// Append returns s with v appended.
func Append(s []*Vec, v *Vec) []*Vec { return append(s, v) }

// Batch returns a new slice holding two frame values of l.
func Batch(l *allocator.Local) []*Vec {
	out := make([]*Vec, 0, 2)
	return append(out, allocator.Frame[Vec](l), allocator.Frame[Vec](l))
}

// Maker allocates from the Local it holds; its methods have value
// receivers.
type Maker struct{ L *allocator.Local }

// New returns frame memory of m.L.
func (m Maker) New() *Vec { return allocator.Frame[Vec](m.L) }

// Pooled returns pool memory, which outlives the frame.
func (m Maker) Pooled() *Vec { return allocator.Pool[Vec](m.L) }

// Pair has a shape pointer and a scratch buffer, filled by callers.
type Pair struct {
	Shape *Vec
	Buf   []Vec
	Next  *Pair
}

// KeepShape keeps only the Shape field of p in h.
func (h *Holder) KeepShape(p *Pair) { h.V = p.Shape }

// KeepBuf keeps the first element of p's Buf in h.
func (h *Holder) KeepBuf(p *Pair) { h.V = &p.Buf[0] }

// KeepNextShape keeps the Shape of the pair after p in h.
func (h *Holder) KeepNextShape(p *Pair) { h.V = p.Next.Shape }

// NewPair returns a frame Pair whose Shape is v and whose Buf is frame
// memory.
func NewPair(l *allocator.Local, v *Vec) *Pair {
	p := allocator.Frame[Pair](l)
	p.Shape = v
	p.Buf = allocator.FrameSlice[Vec](l, 2)
	return p
}
