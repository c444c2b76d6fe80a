package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"example.com/corpus/async/bus"
	"github.com/framealloc/fa/allocator"
)

// captureLater exercises func literals capturing frame values.
func (c *Client) captureLater() {
	l := c.l
	ctx, cancel := context.WithCancel(context.Background())
	c.subscribeCapture(l)
	c.timerCapture(l)
	c.contextCapture(ctx, l)
	c.appendCapture(l)
	c.storedGo(l)
	c.partGo(l)
	c.deferBeforeEnd(l)
	c.renderCapture(l)
	c.waitedCaptures(l)
	c.copiesCaptured(l)
	c.handleCaptured(l)
	c.syncCaptures(l)
	c.localOnly(l)
	cancel()
	c.events.Publish()
}

func (c *Client) subscribeCapture(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	c.events.Subscribe(func() { //corpus:want FA703
		fmt.Println(s.Tick)
	})
	l.EndFrame()
}

func (c *Client) timerCapture(l *allocator.Local) {
	l.BeginFrame()
	buf := allocator.FrameBytes(l, 32)
	time.AfterFunc(10*time.Millisecond, func() { //corpus:want FA703
		fmt.Println(buf[0])
	})
	l.EndFrame()
}

func (c *Client) contextCapture(ctx context.Context, l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	context.AfterFunc(ctx, func() { //corpus:want FA703
		s.Name = "cancelled"
	})
	l.EndFrame()
}

func (c *Client) appendCapture(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	c.onFrame = append(c.onFrame, func() { //corpus:want FA703
		in.Seq++
	})
	l.EndFrame()
}

func (c *Client) storedGo(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	send := func() { //corpus:want FA703
		fmt.Println(s.Describe())
	}
	go send()
	l.EndFrame()
}

func (c *Client) partGo(l *allocator.Local) {
	l.BeginFrame()
	ps := allocator.FrameSlice[Input](l, 8)
	tail := ps[4:]
	go func() { //corpus:want FA703
		fmt.Println(len(tail), tail[0].Seq)
	}()
	l.EndFrame()
}

func (c *Client) deferBeforeEnd(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	defer func() { //corpus:want FA703
		fmt.Println("last tick", s.Tick) //corpus:clean FA606
	}()
	defer l.EndFrame()
	s.Tick = 42
}

func (c *Client) renderCapture(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	s.Players = allocator.FrameSlice[Input](l, 2)
	c.render = func() int { //corpus:want FA703
		return len(s.Players)
	}
	l.EndFrame()
}

// waitedCaptures waits for its goroutines before the frame ends.
func (c *Client) waitedCaptures(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	var wg sync.WaitGroup
	wg.Go(func() { //corpus:clean FA703
		s.Tick++
	})
	wg.Add(1)
	go func() { //corpus:clean FA703
		defer wg.Done()
		fmt.Println(s.Name)
	}()
	wg.Wait()
	l.EndFrame()
}

// copiesCaptured captures copies and non-frame values only.
func (c *Client) copiesCaptured(l *allocator.Local) {
	l.BeginFrame()
	inp := allocator.Frame[Input](l)
	in := *inp
	time.AfterFunc(time.Millisecond, func() { //corpus:clean FA703
		fmt.Println(in.Seq)
	})
	buf := allocator.FrameBytes(l, 16)
	text := string(buf)
	go func() { //corpus:clean FA703
		fmt.Println(text)
	}()
	s := allocator.Frame[Snapshot](l)
	tick := s.Tick
	go func() { //corpus:clean FA703
		fmt.Println(tick)
	}()
	p := allocator.Pool[Snapshot](l)
	go func() { //corpus:clean FA703
		fmt.Println(p.Tick)
	}()
	l.EndFrame()
}

// handleCaptured gives a goroutine a TransferHandle, not the frame value.
func (c *Client) handleCaptured(l *allocator.Local) {
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	h := allocator.Transfer(l, in)
	done := make(chan uint32)
	go func() { //corpus:clean FA703
		a := allocator.New(allocator.Config{FrameBudget: 64 * allocator.KiB})
		r := a.NewLocal()
		r.BeginFrame()
		done <- h.Receive(r).Seq
		r.EndFrame()
	}()
	l.EndFrame()
	fmt.Println(<-done)
}

// syncCaptures runs its literals on this goroutine before the frame ends.
func (c *Client) syncCaptures(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	bus.Each(3, func(i int) { //corpus:clean FA703
		s.Tick += uint64(i)
	})
	describe(s)
	l.EndFrame()
}

// localOnly keeps a callback that captures the Local, not a frame value.
func (c *Client) localOnly(l *allocator.Local) {
	l.BeginFrame()
	s := allocator.Frame[Snapshot](l)
	s.Tick = 1
	c.onTick = func() { //corpus:clean FA703
		fmt.Println(l.FrameNumber())
	}
	l.EndFrame()
}

// describe defers a print in a function that does not end the frame.
func describe(s *Snapshot) {
	defer func() { //corpus:clean FA703
		fmt.Println(s.Describe())
	}()
	s.Name = "described"
}
