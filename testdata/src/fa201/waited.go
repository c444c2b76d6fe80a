package fa201

import (
	"sync"

	"example.com/fa201/farm"
	"github.com/framealloc/fa/allocator"
)

// Helpers in a package that does not import the allocator, and goroutines
// their spawner waits for.

// --- positives ---

func submitToPlainHelper(l *allocator.Local, tasks chan<- *farm.Task) {
	farm.Submit(tasks, allocator.Frame[farm.Task](l)) // want `FA201: frame value .* passed to Submit, which sends it on a channel without Transfer`
}

func backgroundPlainHelper(l *allocator.Local, done chan<- int) {
	t := allocator.Frame[farm.Task](l)
	farm.Background(t, done) // want `FA201: frame value t passed to Background, which hands it to a goroutine without Transfer`
}

func resubmitPlainHelper(l *allocator.Local, tasks chan<- *farm.Task) {
	t := allocator.Frame[farm.Task](l)
	farm.Resubmit(tasks, t) // want `FA201: frame value t passed to Resubmit, which sends it on a channel without Transfer`
}

func unwaitedHelper(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	logLater(buf) // want `FA201: frame value buf passed to logLater, which hands it to a goroutine without Transfer`
}

func logLater(b []byte) {
	go logBytes(b, nil)
}

func waitedOtherGroup(l *allocator.Local, other *sync.WaitGroup) {
	var wg sync.WaitGroup
	buf := allocator.FrameBytes(l, 64)
	go logBytes(buf, other) // want `FA201: frame value buf passed to a go statement without Transfer`
	wg.Wait()
}

// --- negatives ---

func waitedHelper(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	logAndWait(buf) // the helper waits for the goroutine it gives buf to
}

func logAndWait(b []byte) {
	var wg sync.WaitGroup
	wg.Add(1)
	go logBytes(b, &wg)
	wg.Wait()
}

func waitedGoStatement(l *allocator.Local) {
	var wg sync.WaitGroup
	wg.Add(1)
	buf := allocator.FrameBytes(l, 64)
	go logBytes(buf, &wg)
	wg.Wait()
}

func plainHelperWaits(l *allocator.Local) int {
	return farm.Sum(allocator.Frame[farm.Task](l))
}

func plainHelperReads(l *allocator.Local) int {
	return farm.Describe(allocator.Frame[farm.Task](l))
}

func submitHeapTask(tasks chan<- *farm.Task) {
	farm.Submit(tasks, &farm.Task{N: 2})
}

func logBytes(b []byte, wg *sync.WaitGroup) {
	_ = len(b)
	if wg != nil {
		wg.Done()
	}
}
