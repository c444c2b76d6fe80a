package fa702

import (
	"os"
	"sync"
	"time"

	"example.com/fa702/helpers"
	"github.com/framealloc/fa/allocator"
)

type State struct {
	Pos   [2]float64
	Score int
}

type Job struct{ N int }

func use(any) {}

// --- positives ---

func recvWhileLive(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := allocator.Frame[State](l)
	j := <-jobs // want `FA702: channel receive inside the frame of l while frame value s is live \(used again at line \d+\)`
	s.Score += j.N
	l.EndFrame()
}

func sendWhileLive(l *allocator.Local, out chan<- int) {
	l.BeginFrame()
	defer l.EndFrame()
	buf := allocator.FrameSlice[int](l, 8)
	out <- 1 // want `FA702: channel send inside the frame of l while frame value buf is live`
	buf[0] = 2
}

func selectWhileLive(l *allocator.Local, a, b <-chan Job) {
	for {
		l.BeginFrame()
		s := allocator.Frame[State](l)
		select { // want `FA702: select without default inside the frame of l while frame value s is live`
		case j := <-a:
			s.Score = j.N
		case <-b:
		}
		use(s)
		l.EndFrame()
	}
}

func waitGroup(l *allocator.Local, wg *sync.WaitGroup) {
	l.BeginFrame()
	p := &allocator.Frame[State](l).Pos
	wg.Wait() // want `FA702: sync.WaitGroup.Wait inside the frame of l while frame value p is live`
	p[0] = 1
	l.EndFrame()
}

func sleep(l *allocator.Local) {
	helpers.Begin(l)
	data := allocator.FrameBytes(l, 64)
	time.Sleep(time.Millisecond) // want `FA702: time.Sleep inside the frame of l while frame value data is live`
	use(data[:4])
	helpers.End(l)
}

func cond(l *allocator.Local, c *sync.Cond) {
	l.BeginFrame()
	s, err := allocator.TryFrame[State](l)
	if err != nil {
		l.EndFrame()
		return
	}
	c.L.Lock()
	c.Wait() // want `FA702: sync.Cond.Wait inside the frame of l while frame value s is live`
	c.L.Unlock()
	s.Score++
	l.EndFrame()
}

func barrier(l *allocator.Local, b *allocator.FrameBarrier) {
	l.BeginFrame()
	s := allocator.Frame[State](l)
	b.SignalFrameComplete()
	b.WaitAll() // want `FA702: FrameBarrier.WaitAll inside the frame of l while frame value s is live`
	use(s)
	l.EndFrame()
}

func rangeChan(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	total := allocator.Frame[int](l)
	for j := range jobs { // want `FA702: range over a channel inside the frame of l while frame value total is live`
		*total += j.N
	}
	l.EndFrame()
}

// A field of a frame value, held in a variable, is live too.
func derived(l *allocator.Local, done <-chan struct{}) {
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[State](l)
	score := &s.Score
	<-done // want `FA702: channel receive inside the frame of l while frame value s is live`
	*score = 1
}

func generic[T any](l *allocator.Local, ch chan T) {
	l.BeginFrame()
	p := allocator.Frame[T](l)
	ch <- *p // want `FA702: channel send inside the frame of l while frame value p is live`
	use(p)
	l.EndFrame()
}

// --- negatives ---

// Blocking before the allocation.
func blockFirst(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	j := <-jobs
	s := allocator.Frame[State](l)
	s.Score = j.N
	l.EndFrame()
}

// Blocking after the last use.
func blockAfterLastUse(l *allocator.Local, out chan<- int) {
	l.BeginFrame()
	defer l.EndFrame()
	s := allocator.Frame[State](l)
	s.Score = 3
	score := s.Score
	out <- score
}

// Blocking after the frame ended.
func blockAfterEnd(l *allocator.Local, wg *sync.WaitGroup) {
	for range 3 {
		l.BeginFrame()
		s := allocator.Frame[State](l)
		use(s)
		l.EndFrame()
		wg.Wait()
	}
}

// A select with default does not block.
func selectDefault(l *allocator.Local, in <-chan Job) {
	l.BeginFrame()
	s := allocator.Frame[State](l)
	select {
	case j := <-in:
		s.Score = j.N
	default:
	}
	use(s)
	l.EndFrame()
}

// Mutex Lock and I/O are not blocking here.
func lockAndWrite(l *allocator.Local, mu *sync.Mutex, f *os.File) {
	l.BeginFrame()
	buf := allocator.FrameBytes(l, 128)
	mu.Lock()
	f.Write(buf)
	mu.Unlock()
	use(buf)
	l.EndFrame()
}

// Pool and heap values are not frame values.
func poolValue(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	p := allocator.Pool[State](l)
	h := allocator.Heap[State](l)
	j := <-jobs
	p.Score, h.Score = j.N, j.N
	allocator.PoolFree(l, p)
	l.EndFrame()
}

// A copy of frame data is not frame memory.
func copied(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := allocator.Frame[State](l)
	s.Score = 7
	score := s.Score
	<-jobs
	use(score)
	l.EndFrame()
}

// len and comparisons with nil are not uses.
func lenOnly(l *allocator.Local, jobs <-chan Job) int {
	l.BeginFrame()
	defer l.EndFrame()
	buf := allocator.FrameSlice[int](l, 4)
	<-jobs
	if buf == nil {
		return 0
	}
	return len(buf)
}

// Another Local's frame value does not make l's frame block.
func otherLocal(l, other *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := allocator.Frame[State](other)
	<-jobs
	use(s)
	l.EndFrame()
}

// No frame boundary in the function: the caller's business
// (intraprocedural).
func helper(l *allocator.Local, jobs <-chan Job) {
	s := allocator.Frame[State](l)
	<-jobs
	use(s)
}

// The goroutine that blocks is not the one in the frame.
func spawner(l *allocator.Local, jobs chan Job) {
	l.BeginFrame()
	s := allocator.Frame[State](l)
	go func() {
		jobs <- Job{N: 1}
	}()
	use(s)
	l.EndFrame()
}

// Each iteration allocates a new value after the receive: the previous
// one is not used again.
func perIteration(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	for j := range jobs {
		s := allocator.Frame[State](l)
		s.Score = j.N
		use(s)
	}
	l.EndFrame()
}

// A value carried over from the previous iteration is live across the
// receive.
func carried(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	var prev *State
	for j := range jobs { // want `FA702: range over a channel inside the frame of l while frame value .* is live`
		if prev != nil {
			prev.Score += j.N
		}
		prev = allocator.Frame[State](l)
	}
	l.EndFrame()
}
