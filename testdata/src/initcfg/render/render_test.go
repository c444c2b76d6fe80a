package render_test

import (
	"testing"

	"github.com/framealloc/fa/allocator"
)

func TestDraw(t *testing.T) {
	l := allocator.New(allocator.Config{}).NewLocal()
	l.WithTag("rendering", func() { _ = allocator.Frame[int](l) })
}
