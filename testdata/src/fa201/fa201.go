package fa201

import (
	"example.com/fa201/relay"
	"github.com/framealloc/fa/allocator"
)

type Job = relay.Job

func consume(j *Job) { _ = j.N }

// --- positives ---

func send(l *allocator.Local, ch chan *Job) {
	j := allocator.Frame[Job](l)
	ch <- j // want `FA201: frame value j sent on a channel without Transfer`
}

func sendField(l *allocator.Local, ch chan *int) {
	j := allocator.Frame[Job](l)
	ch <- &j.N // want `FA201: frame value j sent on a channel without Transfer`
}

func selectSend(l *allocator.Local, ch chan []Job, done chan struct{}) {
	batch := allocator.FrameSlice[Job](l, 4)
	select {
	case ch <- batch: // want `FA201: frame value batch sent on a channel without Transfer`
	case <-done:
	}
}

func goArg(l *allocator.Local) {
	j := allocator.Frame[Job](l)
	go consume(j) // want `FA201: frame value j passed to a go statement without Transfer`
}

func viaHelper(l *allocator.Local, ch chan<- *Job) {
	j := allocator.Frame[Job](l)
	relay.Post(ch, j) // want `FA201: frame value j passed to Post, which sends it on a channel without Transfer`
}

func viaSpawnHelper(l *allocator.Local) {
	relay.Spawn(allocator.Frame[Job](l)) // want `FA201: frame value .* passed to Spawn, which hands it to a goroutine without Transfer`
}

func inInterface(l *allocator.Local, ch chan any) {
	ch <- allocator.Frame[Job](l) // want `FA201: frame value .* sent on a channel without Transfer`
}

// --- negatives ---

func transfer(l *allocator.Local, ch chan *allocator.TransferHandle[Job]) {
	j := allocator.Frame[Job](l)
	ch <- allocator.Transfer(l, j)
}

func sendCopy(l *allocator.Local, ch chan Job) {
	j := allocator.Frame[Job](l)
	j.N = 2
	ch <- *j
}

func sendPool(l *allocator.Local, ch chan *Job) {
	ch <- allocator.Pool[Job](l)
	ch <- allocator.Heap[Job](l)
}

func goWithPlainValue(l *allocator.Local) {
	j := allocator.Frame[Job](l)
	go consume(&Job{N: j.N})
}

func sameGoroutineHelper(l *allocator.Local) int {
	return relay.Inspect(allocator.Frame[Job](l))
}

func capturedIsFA703(l *allocator.Local) {
	j := allocator.Frame[Job](l)
	go func() { consume(j) }() // FA703's, not FA201's
}

func receiveSide(l *allocator.Local, ch chan *allocator.TransferHandle[Job]) {
	h := <-ch
	j := h.Receive(l)
	consume(j)
}
