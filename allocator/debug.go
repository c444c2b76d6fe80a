package allocator

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrStaleFrame is wrapped by FrameCheck's error for a pointer into frame
// memory retired by EndFrame.
var ErrStaleFrame = errors.New("allocator: stale frame pointer")

// FrameCheck reports whether p points into frame memory of l's current
// frame (nil error). Otherwise it returns an error wrapping ErrStaleFrame
// when p points into memory retired by l's last EndFrame (only detectable
// with Config.Debug, which never reuses frame memory), or an error saying
// p is not frame memory of l.
func FrameCheck[T any](l *Local, p *T) error {
	u := uintptr(unsafe.Pointer(p))
	for _, s := range l.fa.slabs {
		if s.contains(u) {
			return nil
		}
	}
	for _, s := range l.fa.slabs {
		if s.retiredContains(u) {
			return fmt.Errorf("%w: %T %p was freed by EndFrame of frame %d", ErrStaleFrame, p, p, l.frame)
		}
	}
	return fmt.Errorf("allocator: %T %p is not frame memory of this Local", p, p)
}
