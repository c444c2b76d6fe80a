package fa603

import (
	"iter"

	"example.com/fa603/helpers"
	"github.com/framealloc/fa/allocator"
)

type Msg struct {
	ID   int
	Body []byte
}

type Server struct {
	local *allocator.Local
	in    chan Msg
}

func use(any) {}

// --- positives ---

func forever(l *allocator.Local) {
	l.BeginFrame()
	for {
		m := allocator.Frame[Msg](l) // want `FA603: allocator.Frame\[Msg\]\(l\) allocates frame memory on every iteration of the for \{\} loop at line \d+, which has no static bound and never ends the frame of l`
		use(m)
	}
}

func serve(l *allocator.Local, in <-chan Msg) {
	l.BeginFrame()
	defer l.EndFrame()
	for m := range in {
		buf := allocator.FrameBytes(l, len(m.Body)) // want `FA603: allocator.FrameBytes\(l, len\(m.Body\)\) allocates frame memory on every iteration of the range over a channel`
		copy(buf, m.Body)
	}
}

func whileRunning(s *Server, running func() bool) {
	for running() {
		ms := allocator.FrameSlice[Msg](s.local, 4) // want `FA603: allocator.FrameSlice\[Msg\]\(s.local, 4\) allocates frame memory on every iteration of the for-condition loop .* never ends the frame of s.local`
		use(ms)
	}
}

func iterate(l *allocator.Local, seq iter.Seq[Msg]) {
	for m := range seq {
		p, err := allocator.TryFrame[Msg](l) // want `FA603: allocator.TryFrame\[Msg\]\(l\) allocates frame memory on every iteration of the range over an iterator`
		if err != nil {
			return
		}
		*p = m
	}
}

func retained(l *allocator.Local, in <-chan Msg) {
	for range in {
		use(allocator.FrameRetained[Msg](l, allocator.PromoteToPool)) // want `FA603: allocator.FrameRetained\[Msg\]\(l, allocator.PromoteToPool\) allocates frame memory`
	}
}

// Another Local's EndFrame does not end l's frame.
func otherLocal(l, other *allocator.Local, in <-chan Msg) {
	for range in {
		other.BeginFrame()
		use(allocator.Frame[Msg](l)) // want `FA603: allocator.Frame\[Msg\]\(l\) allocates frame memory .* never ends the frame of l`
		other.EndFrame()
	}
}

// A WithTag closure belongs to the loop it sits in.
func tagged(l *allocator.Local, in <-chan Msg) {
	for m := range in {
		l.WithTag("network", func() {
			use(allocator.FrameSlice[byte](l, len(m.Body))) // want `FA603: allocator.FrameSlice\[byte\]\(l, len\(m.Body\)\) allocates frame memory on every iteration of the range over a channel`
		})
	}
}

// A loop inside a goroutine body.
func worker(a *allocator.Allocator, in <-chan Msg) {
	go func() {
		l := a.NewLocal()
		for m := range in {
			use(allocator.Frame[Msg](l)) // want `FA603: allocator.Frame\[Msg\]\(l\) allocates frame memory on every iteration of the range over a channel`
			use(m)
		}
	}()
}

func generic[T any](l *allocator.Local, in <-chan T) {
	for range in {
		use(allocator.Frame[T](l)) // want `FA603: allocator.Frame\[T\]\(l\) allocates frame memory`
	}
}

// --- negatives ---

// The frame loop.
func frameLoop(l *allocator.Local, running func() bool) {
	for running() {
		l.BeginFrame()
		use(allocator.Frame[Msg](l))
		l.EndFrame()
	}
}

// EndFrameWithPromotions ends the frame too.
func promotions(l *allocator.Local, in <-chan Msg) {
	for range in {
		l.BeginFrame()
		use(allocator.FrameRetained[Msg](l, allocator.PromoteToHeap))
		use(l.EndFrameWithPromotions())
	}
}

// The frame is ended through helpers in another package, also through a
// field path.
func viaHelpers(l *allocator.Local) {
	for {
		use(allocator.Frame[Msg](l))
		helpers.Present(l)
	}
}

func viaMethod(g *helpers.Game) {
	for {
		use(allocator.Frame[Msg](g.Local))
		g.Tick()
	}
}

// A deferred EndFrame in a func literal run in each iteration.
func perIteration(s *Server) {
	for m := range s.in {
		func() {
			s.local.BeginFrame()
			defer s.local.EndFrame()
			use(allocator.FrameBytes(s.local, len(m.Body)))
		}()
	}
}

// EndFrame in a WithTag closure inside the loop, and a captured Local.
func endInTag(l *allocator.Local, in <-chan Msg) {
	for range in {
		use(allocator.Frame[Msg](l))
		l.WithTag("net", func() { l.EndFrame() })
	}
}

// Ending the frame on some path of the loop is enough.
func conditionalEnd(l *allocator.Local, in <-chan Msg) {
	n := 0
	for range in {
		use(allocator.Frame[Msg](l))
		n++
		if n%64 == 0 {
			l.EndFrame()
			l.BeginFrame()
		}
	}
}

// Bounded loops are not FA603 (FA602's business).
func bounded(l *allocator.Local, ms []Msg) {
	for range ms {
		use(allocator.Frame[Msg](l))
	}
	for i := 0; i < 10; i++ {
		use(allocator.Frame[Msg](l))
	}
}

// Pool and heap memory are not frame memory.
func poolInLoop(l *allocator.Local, in <-chan Msg) {
	for range in {
		p := allocator.Pool[Msg](l)
		allocator.PoolFree(l, p)
		use(allocator.Heap[Msg](l))
	}
}

// A goroutine started in an unbounded loop is a function of its own.
func spawn(l *allocator.Local, in <-chan Msg) {
	for range in {
		go func() {
			use(allocator.Frame[Msg](l))
		}()
	}
}

// Allocating before the loop.
func before(l *allocator.Local, in <-chan Msg) {
	buf := allocator.FrameBytes(l, 512)
	for m := range in {
		copy(buf, m.Body)
	}
}
