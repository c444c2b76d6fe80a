package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/framealloc/fa/allocator"
)

// netplay is the lockstep part of the client: it waits for the server.
type netplay struct {
	tick  chan uint64
	acks  chan uint32
	quit  chan struct{}
	msgs  chan string
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func (c *Client) blocking() {
	n := &netplay{
		tick: make(chan uint64, 1), acks: make(chan uint32, 1),
		quit: make(chan struct{}), msgs: make(chan string, 1),
	}
	n.cond = sync.NewCond(&n.mu)
	n.ready = true
	l := c.l
	go n.server()
	for _, f := range []func(*allocator.Local){
		n.waitTick, n.sendAck, n.waitGroup, n.sleep, n.selectBoth, n.condWait,
		n.rangeMsgs, n.deferredEnd, n.receiveOK,
		n.nothingLive, n.notUsedAfter, n.selectDefault, n.locked, n.writes,
		n.afterEnd, n.copied, n.pooled,
	} {
		f(l)
	}
	barrierWait(l)
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	n.waitInHelper(in)
	l.EndFrame()
	close(n.quit)
}

// server feeds ticks, acknowledgements and messages until quit.
func (n *netplay) server() {
	for t := uint64(0); ; t++ {
		select {
		case n.tick <- t:
		case n.acks <- uint32(t):
		case n.msgs <- "m":
		case <-n.quit:
			return
		}
	}
}

func (n *netplay) waitTick(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	t := <-n.tick //corpus:want FA702
	in.Seq = uint32(t)
	l.EndFrame()
}

func (n *netplay) sendAck(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	in.Seq = 7
	n.acks <- 7 //corpus:want FA702
	in.Keys = 1
	l.EndFrame()
}

func (n *netplay) waitGroup(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	var wg sync.WaitGroup
	wg.Go(func() { time.Sleep(time.Microsecond) })
	wg.Wait() //corpus:want FA702
	s.Tick = 1
	l.EndFrame()
}

func (n *netplay) sleep(l *allocator.Local) {
	l.BeginFrame()
	buf := allocator.FrameBytes(l, 16)
	time.Sleep(time.Millisecond) //corpus:want FA702
	buf[0] = 1
	l.EndFrame()
}

func (n *netplay) selectBoth(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	select { //corpus:want FA702
	case t := <-n.tick:
		in.Seq = uint32(t)
	case <-n.quit:
	}
	in.Keys = 2
	l.EndFrame()
}

func (n *netplay) condWait(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	n.mu.Lock()
	for !n.ready {
		n.cond.Wait() //corpus:want FA702
	}
	n.mu.Unlock()
	in.Seq = 3
	l.EndFrame()
}

func (n *netplay) rangeMsgs(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	for m := range n.msgs { //corpus:want FA702
		s.Name = m
	}
	fmt.Println(s.Name)
	l.EndFrame()
}

func (n *netplay) deferredEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	in := allocator.Frame[Input](l)
	<-n.acks //corpus:want FA702
	in.Seq = 4
}

func (n *netplay) receiveOK(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	t, ok := <-n.tick //corpus:want FA702
	if ok {
		in.Seq = uint32(t)
	}
	l.EndFrame()
}

// barrierWait runs two barrier generations per frame; this function is the
// barrier's only participant.
func barrierWait(l *allocator.Local) {
	bar := allocator.NewFrameBarrier(1) //corpus:clean FA202
	l.SetFrameBudget(64 * allocator.KiB)
	for f := 0; f < 3; f++ {
		l.BeginFrame()
		in := allocator.Frame[Input](l) //corpus:clean FA602
		bar.SignalFrameComplete()
		bar.WaitAll() //corpus:want FA702
		in.Seq = uint32(f)
		l.EndFrame() //corpus:clean FA205
		bar.SignalFrameComplete()
		bar.WaitAll()
	}
}

// waitInHelper has no frame boundary of its own (FA702 is
// intraprocedural), though its caller calls it inside a frame.
func (n *netplay) waitInHelper(in *Input) {
	t := <-n.tick //corpus:clean FA702
	in.Seq = uint32(t)
}

func (n *netplay) nothingLive(l *allocator.Local) {
	l.BeginFrame()
	t := <-n.tick //corpus:clean FA702
	in := allocator.Frame[Input](l)
	in.Seq = uint32(t)
	l.EndFrame()
}

func (n *netplay) notUsedAfter(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	in.Seq = 1
	n.acks <- in.Seq //corpus:clean FA702
	l.EndFrame()
}

func (n *netplay) selectDefault(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	select { //corpus:clean FA702
	case t := <-n.tick:
		in.Seq = uint32(t)
	default:
	}
	in.Keys = 5
	l.EndFrame()
}

func (n *netplay) locked(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	n.mu.Lock() //corpus:clean FA702
	in.Seq = 6
	n.mu.Unlock()
	l.EndFrame()
}

func (n *netplay) writes(l *allocator.Local) {
	l.BeginFrame()
	buf := allocator.FrameBytes(l, 8)
	os.Stdout.Write(buf[:0]) //corpus:clean FA702
	fmt.Fprintln(os.Stderr)  //corpus:clean FA702
	buf[1] = 2
	l.EndFrame()
}

func (n *netplay) afterEnd(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	in.Seq = 8
	l.EndFrame()
	<-n.acks //corpus:clean FA702
}

func (n *netplay) copied(l *allocator.Local) {
	time.Sleep(time.Microsecond) //corpus:clean FA702
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	seq := in.Seq
	<-n.tick //corpus:clean FA702
	fmt.Println(seq)
	l.EndFrame()
}

func (n *netplay) pooled(l *allocator.Local) {
	l.BeginFrame()
	p := allocator.Pool[Input](l)
	<-n.acks //corpus:clean FA702
	p.Seq = 9
	allocator.PoolFree(l, p)
	l.EndFrame()
}
