package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"example.com/corpus/async/bus"
	"github.com/framealloc/fa/allocator"
)

// allocLater exercises frame allocations inside func literals.
func (c *Client) allocLater(a *allocator.Allocator) {
	c.goAlloc(a)
	c.timerAlloc(a)
	c.storeAlloc(a)
	c.subscribeAlloc(a)
	fmt.Println(c.returnAlloc(a)())
	c.deferAlloc(a)
	c.contextAlloc(context.Background(), a)
	c.fieldLocalAlloc(a)
	c.storedGoAlloc(a)
	c.ownLocal(a)
	c.syncAllocs()
	c.deferAfterEnd()
	c.receiveInGoroutine(a)
}

// The cases below each create a Local (from the budgeted Config of main)
// and hand it to a func literal that runs on another goroutine or later.

// goAlloc hands the Local to a goroutine that allocates from it.
func (c *Client) goAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	go func() {
		in := allocator.Frame[Input](l) //corpus:want FA701
		in.Seq = 1
	}()
}

// timerAlloc allocates from the Local when a timer fires.
func (c *Client) timerAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	time.AfterFunc(time.Millisecond, func() {
		buf := allocator.FrameBytes(l, 64) //corpus:want FA701
		buf[0] = 1
	})
}

// storeAlloc keeps a callback that allocates from the Local.
func (c *Client) storeAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	c.onTick = func() {
		s := allocator.Frame[Snapshot](l) //corpus:want FA701
		s.Tick++
	}
}

// subscribeAlloc registers a callback on the bus, which keeps it.
func (c *Client) subscribeAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	c.events.Subscribe(func() {
		in := allocator.Frame[Input](l) //corpus:want FA701
		in.Keys = 3
	})
}

// returnAlloc returns a closure that allocates from the Local later.
func (c *Client) returnAlloc(a *allocator.Allocator) func() int {
	l := a.NewLocal()
	return func() int {
		ps := allocator.FrameSlice[Input](l, 4) //corpus:want FA701
		return len(ps)
	}
}

// deferAlloc defers an allocation in a function that ends the frame.
func (c *Client) deferAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	l.BeginFrame()
	defer func() {
		in := allocator.Frame[Input](l) //corpus:want FA701
		in.Seq = 9
	}()
	l.EndFrame()
}

// contextAlloc allocates when the context is done.
func (c *Client) contextAlloc(ctx context.Context, a *allocator.Allocator) {
	l := a.NewLocal()
	stop := context.AfterFunc(ctx, func() {
		s := allocator.Frame[Snapshot](l) //corpus:want FA701
		s.Name = "cancelled"
	})
	defer stop()
}

// fieldLocalAlloc reaches the Local through a struct field.
func (c *Client) fieldLocalAlloc(a *allocator.Allocator) {
	w := &Client{l: a.NewLocal()}
	go func() {
		in := allocator.Frame[Input](w.l) //corpus:want FA701
		in.X = 1
	}()
}

// storedGoAlloc stores the literal in a variable, then starts it.
func (c *Client) storedGoAlloc(a *allocator.Allocator) {
	l := a.NewLocal()
	run := func() {
		buf := allocator.FrameBytes(l, 16) //corpus:want FA701
		buf[0] = 2
	}
	go run()
}

// ownLocal gives the goroutine its own Local.
func (c *Client) ownLocal(a *allocator.Allocator) {
	go func() {
		l := a.NewLocal()
		l.SetFrameBudget(64 * allocator.KiB)
		defer l.Close()
		l.BeginFrame()
		in := allocator.Frame[Input](l) //corpus:clean FA701
		in.Seq = 2
		l.EndFrame()
	}()
}

// syncAllocs allocates in literals that run at once, on this goroutine.
func (c *Client) syncAllocs() {
	l := c.l
	l.BeginFrame()
	l.WithTag("ui", func() {
		in := allocator.Frame[Input](l) //corpus:clean FA701
		in.Keys = 1
	})
	func() {
		s := allocator.Frame[Snapshot](l) //corpus:clean FA701
		s.Tick = 1
	}()
	build := func() *Snapshot {
		return allocator.Frame[Snapshot](l) //corpus:clean FA701
	}
	fmt.Println(build().Tick)
	bus.Each(3, func(i int) {
		buf := allocator.FrameBytes(l, 8) //corpus:clean FA701
		buf[0] = byte(i)
	})
	l.EndFrame()
}

// deferAfterEnd defers the allocation after the deferred EndFrame, so it
// runs before the frame ends.
func (c *Client) deferAfterEnd() {
	l := c.l
	l.BeginFrame()
	defer l.EndFrame()
	defer func() {
		in := allocator.Frame[Input](l) //corpus:clean FA701
		in.Seq = 3
	}()
}

// receiveInGoroutine receives a transfer in a goroutine that owns the
// receiving Local: Receive is not an allocation.
func (c *Client) receiveInGoroutine(a *allocator.Allocator) {
	l := c.l
	l.BeginFrame()
	in := allocator.Frame[Input](l)
	h := allocator.Transfer(l, in)
	l.EndFrame()
	r := a.NewLocal()
	r.SetFrameBudget(64 * allocator.KiB)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.BeginFrame()
		got := h.Receive(r) //corpus:clean FA701
		got.Seq++
		r.EndFrame()
	}()
	wg.Wait()
	r.Close()
}
