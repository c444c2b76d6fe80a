package fa702

import (
	"sync"

	"example.com/fa702/helpers"
	"github.com/framealloc/fa/allocator"
)

// Frame values returned by helpers are frame values of the caller.

func newState(l *allocator.Local) *State {
	s := allocator.Frame[State](l)
	s.Score = 1
	return s
}

func newPair(l *allocator.Local) (*State, *State) {
	return allocator.Frame[State](l), allocator.Frame[State](l)
}

// --- positives ---

func helperValueLive(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	defer l.EndFrame()
	s := newState(l)
	j := <-jobs // want `FA702: channel receive inside the frame of l while frame value s is live \(used again at line 29\)`
	s.Score = j.N
}

func otherPackageHelperLive(l *allocator.Local, wg *sync.WaitGroup) {
	l.BeginFrame()
	st := helpers.NewState(l)
	wg.Wait() // want `FA702: sync.WaitGroup.Wait inside the frame of l while frame value st is live`
	st.N++
	l.EndFrame()
}

func receivedLocalHelperLive(locals chan *allocator.Local, jobs <-chan Job) {
	l := <-locals
	defer func() { locals <- l }()
	l.BeginFrame()
	defer l.EndFrame()
	s := newState(l)
	n := <-jobs // want `FA702: channel receive inside the frame of l while frame value s is live`
	s.Score = n.N
}

func multiResultHelper(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	_, b := newPair(l)
	<-jobs // want `FA702: channel receive inside the frame of l while frame value newPair\(...\) is live`
	b.Score = 2
	l.EndFrame()
}

// --- negatives ---

func helperValueDeadBeforeBlock(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := newState(l)
	s.Score = 2
	<-jobs
	l.EndFrame()
}

func helperCopyLive(l *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := helpers.Copy(helpers.NewState(l)) // a heap copy, not frame memory
	<-jobs
	s.N++
	l.EndFrame()
}

func helperValueOtherLocal(l, other *allocator.Local, jobs <-chan Job) {
	l.BeginFrame()
	s := newState(other) // frame memory of a Local whose frame this function does not run
	<-jobs
	s.Score = 3
	l.EndFrame()
}
