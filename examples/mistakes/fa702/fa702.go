// Package fa702 waits for workers in the middle of a frame while a frame
// value is still in use (FA702).
package fa702

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

// Stats are per-frame statistics.
type Stats struct{ Jobs int }

// Frame runs one frame, waiting for the workers before reporting.
func Frame(l *allocator.Local, wg *sync.WaitGroup, report func(*Stats)) {
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[Stats](l)
	wg.Wait() // FA702: blocking while frame value s is live
	s.Jobs++
	report(s)
}
