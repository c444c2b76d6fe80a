package physics_test

import (
	"testing"

	"github.com/framealloc/fa/allocator"
)

// The external test package is the package's own: mapped to "physics".
func TestStep(t *testing.T) {
	l := allocator.New(allocator.Config{}).NewLocal()
	l.WithTag("physics", func() { _ = allocator.Frame[int](l) })
	l.WithTag("fixture", func() { _ = allocator.Frame[int](l) }) // want `FA801: package example.com/fa801/physics allocates under tag "fixture"`
}
