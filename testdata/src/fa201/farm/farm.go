// Package farm hands jobs to workers. It does not import the allocator:
// its functions are understood from their facts all the same.
package farm

import "sync"

// Task is a unit of work.
type Task struct{ N int }

// Submit sends t to the workers.
func Submit(tasks chan<- *Task, t *Task) {
	tasks <- t
}

// Background works on t on a new goroutine.
func Background(t *Task, done chan<- int) {
	go finish(t, done)
}

func finish(t *Task, done chan<- int) { done <- t.N }

// Resubmit submits through Submit.
func Resubmit(tasks chan<- *Task, t *Task) {
	Submit(tasks, t)
}

// Sum works on t on goroutines it waits for.
func Sum(t *Task) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.N++
	}()
	wg.Wait()
	return t.N
}

// Describe reads t on the caller's goroutine.
func Describe(t *Task) int { return t.N }
