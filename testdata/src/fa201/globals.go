package fa201

import "github.com/framealloc/fa/allocator"

// --- package-level variables a goroutine uses ---

var latest *Job

func publish(l *allocator.Local) {
	j := allocator.Frame[Job](l)
	latest = j // want `FA201: frame value j stored in package-level variable latest, which a goroutine uses, without Transfer`
}

func startReader() {
	go func() {
		for {
			if latest != nil {
				consume(latest)
			}
		}
	}()
}

var board [4]*Job

func publishElement(l *allocator.Local) {
	j := allocator.Frame[Job](l)
	board[1] = j // want `FA201: frame value j stored in package-level variable board`
}

func watch() {
	for _, j := range board {
		consume(j)
	}
}

func startWatcher() {
	go watch() // the goroutine reads board through watch
}

// --- near misses ---

var scratch *Job

// No goroutine uses scratch: FA601 reports the escape, FA201 has nothing
// to say.
func keepScratch(l *allocator.Local) {
	scratch = allocator.Frame[Job](l)
}

func readScratch() int { return scratch.N }

var own *Job

// The goroutine stores into and reads a variable no other goroutine uses.
func ownGoroutine(a *allocator.Allocator) {
	go func() {
		l := a.NewLocal()
		l.SetFrameBudget(1 << 20)
		l.BeginFrame()
		own = allocator.Frame[Job](l)
		consume(own)
		own = nil
		l.EndFrame()
	}()
}

var heapJob *Job

// Heap memory may be shared with a goroutine.
func publishHeap(l *allocator.Local) {
	heapJob = allocator.Heap[Job](l)
}

func startHeapReader() {
	go func() { consume(heapJob) }()
}
