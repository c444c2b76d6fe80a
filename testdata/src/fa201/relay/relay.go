// Package relay forwards values to other goroutines.
package relay

import "github.com/framealloc/fa/allocator"

// Job is a unit of work.
type Job struct{ N int }

// Post sends j to a worker.
func Post(ch chan<- *Job, j *Job) {
	ch <- j
}

// Spawn runs work on j in a new goroutine.
func Spawn(j *Job) {
	go work(j)
}

func work(j *Job) { j.N++ }

// Inspect reads j on the caller's goroutine.
func Inspect(j *Job) int { return j.N }

// NewJob allocates a job in the frame of l.
func NewJob(l *allocator.Local) *Job { return allocator.Frame[Job](l) }
