// Package helpers exercises the facts the core exports for callers in
// other packages.
package helpers

import "github.com/framealloc/fa/allocator"

// Vec is a small value type.
type Vec struct{ X, Y float64 }

var registry []*Vec

// Remember stores its argument in a package-level variable.
func Remember(v *Vec) { // want Remember:"stores-param0-in-global\\(example.com/framecore/helpers.registry\\)"
	registry = append(registry, v)
}

// Scratch returns fresh frame memory of its Local.
func Scratch(l *allocator.Local) *Vec { // want Scratch:"result0=frame\\[param0\\] allocates"
	return allocator.Frame[Vec](l)
}

// Identity returns its argument.
func Identity(v *Vec) *Vec { // want Identity:"result0=param0"
	return v
}

// Holder keeps a vector.
type Holder struct{ V *Vec }

// Set stores v into the holder.
func (h *Holder) Set(v *Vec) { // want Set:"stores-param1-in-param0.field0"
	h.V = v
}

// Fill stores fresh frame memory into the holder.
func (h *Holder) Fill(l *allocator.Local) { // want Fill:"stores-frame-in-param0.field0 allocates"
	h.V = allocator.Frame[Vec](l)
}

// Finish ends and begins frames.
func Finish(l *allocator.Local) { // want Finish:"ends\\[param0\\] begins\\[param0\\]"
	l.EndFrame()
	l.BeginFrame()
}

// Send hands its argument to another goroutine.
func Send(ch chan *Vec, v *Vec) { // want Send:"hands-off-param1\\(send\\)"
	ch <- v
}

// Later keeps fn to run it later.
func Later(fn func()) { // want Later:"keeps-func\\[0\\]"
	go fn()
}

// Sum has nothing to say: no fact.
func Sum(v *Vec) float64 { return v.X + v.Y }

// Tick ends the frame through a helper.
func Tick(l *allocator.Local) { // want Tick:"ends\\[param0\\] begins\\[param0\\]"
	Finish(l)
}

// Build returns frame memory allocated inside a WithTag closure.
func Build(l *allocator.Local) []int { // want Build:"result0=frame\\[param0\\] allocates"
	var s []int
	l.WithTag("build", func() { s = allocator.FrameSlice[int](l, 4) })
	return s
}
