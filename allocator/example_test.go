package allocator_test

import (
	"errors"
	"fmt"

	"github.com/framealloc/fa/allocator"
)

type particle struct {
	X, Y float64
	Name string
}

func Example() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	l := a.NewLocal()
	defer l.Close()
	for frame := 0; frame < 3; frame++ {
		l.BeginFrame()
		ps := allocator.FrameSlice[particle](l, 100) // gone at EndFrame
		for i := range ps {
			ps[i].X = float64(i)
		}
		l.EndFrame()
	}
	fmt.Println(l.FrameNumber(), l.Stats().FrameAllocations)
	// Output: 3 3
}

func ExampleTryFrameSlice() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.SetFrameBudget(1024)
	l.BeginFrame()
	_, err := allocator.TryFrameSlice[byte](l, 4096)
	var be *allocator.BudgetError
	fmt.Println(errors.Is(err, allocator.ErrBudgetExceeded), errors.As(err, &be), be.Kind)
	l.EndFrame()
	// Output: true true frame
}

func ExampleTransfer() {
	a := allocator.New(allocator.Config{})
	sender, receiver := a.NewLocal(), a.NewLocal()
	sender.BeginFrame()
	p := allocator.Frame[particle](sender)
	p.Name = "spark"
	h := allocator.Transfer(sender, p)
	sender.EndFrame()

	done := make(chan struct{})
	go func() {
		receiver.BeginFrame()
		q := h.Receive(receiver)
		fmt.Println(q.Name)
		_, err := h.TryReceive(receiver)
		fmt.Println(errors.Is(err, allocator.ErrAlreadyReceived))
		receiver.EndFrame()
		close(done)
	}()
	<-done
	// Output:
	// spark
	// true
}

func ExampleLocal_WithTag() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.BeginFrame()
	l.WithTag("physics", func() {
		l.WithTag("broadphase", func() {
			allocator.FrameSlice[int64](l, 4)
		})
	})
	l.EndFrame()
	fmt.Println(a.TagStats("physics").FrameBytes, a.TagStats("physics/broadphase").FrameBytes)
	// Output: 32 32
}

func ExampleLocal_EnterTag() {
	a := allocator.New(allocator.Config{})
	physics := a.Tag("physics") // resolved once
	solver := a.Tag("solver")
	l := a.NewLocal()

	step := func() {
		defer l.EnterTag(physics).Exit() // no closure, no allocation
		allocator.FrameSlice[int64](l, 4)
		s := l.EnterTag(solver) // nested: physics/solver
		allocator.FrameSlice[int64](l, 2)
		s.Exit() // back to physics
	}
	l.BeginFrame()
	step()
	l.EndFrame() // tag statistics of the frame are counted here
	fmt.Println(a.TagStats("physics").FrameBytes, a.TagStats("physics/solver").FrameBytes)
	// Output: 48 16
}

func ExampleLocal_EndFrameWithPromotions() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.BeginFrame()
	p := allocator.FrameRetained[particle](l, allocator.PromoteToHeap)
	p.Name = "kept"
	promoted := l.EndFrameWithPromotions()
	fmt.Println(len(promoted), promoted[0].Value.(*particle).Name)
	// Output: 1 kept
}

func ExampleScratch_Scope() {
	a := allocator.New(allocator.Config{})
	s := a.NewScratch("parse", 4*allocator.KiB)
	s.Scope(func(s *allocator.Scratch) {
		n := allocator.ScratchAlloc[int64](s)
		*n = 7
		fmt.Println(*n, s.Used())
	})
	fmt.Println(s.Used())
	// Output:
	// 7 8
	// 0
}

func ExampleFrameAppend() {
	a := allocator.New(allocator.Config{})
	l := a.NewLocal()
	l.BeginFrame()
	var hits []int // grows in the frame: no Go heap allocation
	for i := range 100 {
		if i%7 == 0 {
			hits = allocator.FrameAppend(l, hits, i)
		}
	}
	hits = allocator.FrameAppend(l, hits, 200, 300)
	fmt.Println(len(hits), hits[:4], hits[len(hits)-1], allocator.FrameCheck(l, &hits[0]) == nil)
	l.EndFrame() // hits is gone
	// Output: 17 [0 7 14 21] 300 true
}

func ExampleErrNotInFrame() {
	a := allocator.New(allocator.Config{Debug: true})
	l := a.NewLocal()
	defer func() {
		err, _ := recover().(error)
		fmt.Println(l.InFrame(), errors.Is(err, allocator.ErrNotInFrame))
	}()
	allocator.Frame[particle](l) // no BeginFrame: panics in debug mode
	// Output: false true
}
