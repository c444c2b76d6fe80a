// Package fa203 runs frames on a worker goroutine's Local without any frame
// budget (FA203): a runaway frame grows without limit.
package fa203

import "github.com/framealloc/fa/allocator"

// Job is one unit of work for a worker.
type Job struct{ N int }

// StartWorker starts a worker that handles jobs one frame each.
func StartWorker(jobs <-chan Job) {
	a := allocator.New(allocator.Config{FrameSize: 4 * allocator.MiB})
	go func() {
		l := a.NewLocal() // FA203: no SetFrameBudget, no Config.FrameBudget
		for job := range jobs {
			l.BeginFrame()
			scratch := allocator.FrameSlice[int](l, job.N)
			_ = scratch
			l.EndFrame()
		}
	}()
}
