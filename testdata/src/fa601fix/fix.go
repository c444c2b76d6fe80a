package fa601fix

import "github.com/framealloc/fa/allocator"

type Vec struct{ X, Y float64 }

var (
	last    *Vec
	history []Vec
	buf     []byte
)

func keepVec(l *allocator.Local) {
	last = allocator.Frame[Vec](l) // want `FA601: frame value .* escapes to package-level variable last`
}

func keepSlice(l *allocator.Local, n int) {
	history = allocator.FrameSlice[Vec](l, n*2) // want `FA601: frame value .* escapes to package-level variable history`
}

func keepBytes(l *allocator.Local) {
	b := allocator.FrameBytes(l, 512)
	buf = b // want `FA601: frame value b escapes to package-level variable buf`
}
