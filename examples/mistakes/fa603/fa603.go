// Package fa603 serves requests in a loop that allocates frame memory and
// never ends the frame, so the frame grows with every request (FA603). The
// same allocation is also FA602 (it sits in a loop that is not the frame
// loop): the two codes are independent.
package fa603

import "github.com/framealloc/fa/allocator"

// Request is a network request.
type Request struct{ Body []byte }

// Serve decodes every request into frame memory.
func Serve(l *allocator.Local, in <-chan Request) int {
	l.SetFrameBudget(1 << 20)
	n := 0
	l.BeginFrame()
	for req := range in {
		buf := allocator.FrameBytes(l, len(req.Body)) // FA603: no EndFrame in this unbounded loop
		n += copy(buf, req.Body)
	}
	l.EndFrame()
	return n
}
