//go:build go1.24

package allocator

import (
	"runtime"
	"testing"
	"weak"
)

// TestEndFrameReleasesReferences checks that EndFrame clears frame memory,
// so what it referenced becomes garbage. It needs weak pointers (Go 1.24).
func TestEndFrameReleasesReferences(t *testing.T) {
	a := New(Config{})
	l := a.NewLocal()
	l.BeginFrame()
	p := Frame[mixed](l)
	obj := new([64]byte)
	w := weak.Make(obj)
	var x int
	p.I = obj
	p.P = &x
	obj = nil
	runtime.GC()
	if w.Value() == nil {
		t.Fatal("object referenced from frame memory was collected")
	}
	l.EndFrame()
	for i := 0; i < 3 && w.Value() != nil; i++ {
		runtime.GC()
	}
	if w.Value() != nil {
		t.Fatal("object still alive after EndFrame: frame memory was not cleared")
	}
}
