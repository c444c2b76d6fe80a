// Package main holds cases DESIGN.md does not decide. They are not scored:
// the corpus test only logs what fa reports on them. Each case says what
// the contract leaves open.
package main

import (
	"fmt"
	"sync"
	"time"

	"example.com/corpus/ambiguous/helper"
	"github.com/framealloc/fa/allocator"
)

// Arbiter is a long-lived contact arbiter.
type Arbiter struct{ N int }

// Cache keeps what its constructor callbacks return.
type Cache struct{ m map[int]*Arbiter }

// Insert calls mk at once and keeps its result.
func (c *Cache) Insert(k int, mk func() *Arbiter) { c.m[k] = mk() }

// World owns a Local.
type World struct {
	l     *allocator.Local
	cache Cache
	last  *Arbiter
	keep  []*Arbiter
}

// Keep stores its parameter on the world.
func (w *World) Keep(a *Arbiter) { w.keep = append(w.keep, a) }

// latest is read by the reporter goroutine.
var latest *Arbiter

func reporter() {
	for i := 0; i < 3; i++ {
		fmt.Println(latest)
	}
}

// constructorCallback: issue 10 names this FA601 as a stretch goal, but no
// line is given for it (the Insert call, the return in the literal?).
func (w *World) constructorCallback() {
	w.cache.Insert(1, func() *Arbiter { return allocator.Frame[Arbiter](w.l) })
}

// sharedThroughHelper: FA206 points at "the go statement", which is in the
// helper; facts carry the Local to the helper's caller. Which line?
func sharedThroughHelper(a *allocator.Allocator) {
	l := a.NewLocal()
	helper.StartDrain(l, 3)
	l.BeginFrame()
	l.EndFrame()
}

// twoGoroutinesOneLocal: two goroutines share l, the spawner never uses it
// again; FA206 needs the spawner's later use.
func twoGoroutinesOneLocal(a *allocator.Allocator) {
	l := a.NewLocal()
	go helper.StartDrain(l, 1)
	go helper.StartDrain(l, 1)
}

// unknownTagInMappedPackage: this package is mapped to "physics"; "debug"
// is unknown. FA801 and FA802 both, or FA802 only?
func unknownTagInMappedPackage(l *allocator.Local) {
	l.WithTag("debug", func() { allocator.Frame[Arbiter](l).N = 1 })
}

// wrongOuterTag: the outermost tag is the module tag; which WithTag line
// carries FA801 (the outer only)?
func wrongOuterTag(l *allocator.Local) {
	l.WithTag("audio", func() {
		l.WithTag("physics", func() { allocator.Frame[Arbiter](l).N = 2 })
	})
}

// globalReadByGoroutine: FA201 for a package variable read by a goroutine;
// no line is given (the store, like FA601 on the same line?).
func globalReadByGoroutine(l *allocator.Local) {
	go reporter()
	latest = allocator.Frame[Arbiter](l)
}

// discardThroughHelper: a Discard value passed to a helper that stores its
// parameter: FA601 at the call (the helper rule) or FA605 (Discard rule)?
func (w *World) discardThroughHelper() {
	d := allocator.FrameRetained[Arbiter](w.l, allocator.Discard)
	w.Keep(d)
}

// discardReturned: returning frame memory from a function that ends the
// frame is "an FA601 store"; for a Discard value, FA605 instead?
func (w *World) discardReturned() *Arbiter {
	w.l.BeginFrame()
	defer w.l.EndFrame()
	return allocator.FrameRetained[Arbiter](w.l, allocator.Discard)
}

// frameParamAlwaysFrame: the parameter is frame memory at every call site,
// yet the function stores known frame memory into it; the rulings presume
// pointer parameters outlive the frame.
func fillInfo(l *allocator.Local, dst *Info) {
	dst.Buf = allocator.FrameSlice[int](l, 4)
}

// Info is filled by fillInfo.
type Info struct{ Buf []int }

func frameParamAlwaysFrame(l *allocator.Local) {
	info := allocator.Frame[Info](l)
	fillInfo(l, info)
}

// localAsArgument: FA701 speaks of a Local "captured from outside"; here it
// is passed as the literal's argument.
func localAsArgument(l *allocator.Local) {
	go func(l *allocator.Local) {
		allocator.Frame[Arbiter](l).N = 3
	}(l)
}

// poolInGoroutine: is a Pool allocation a "frame allocation" for FA701?
func poolInGoroutine(l *allocator.Local) {
	go func() {
		allocator.Pool[Arbiter](l).N = 4
	}()
}

// promotionsEndedByCaller: FA604 when the frame is ended by the caller
// with EndFrame.
func promote(l *allocator.Local) {
	allocator.FrameRetained[Arbiter](l, allocator.PromoteToPool).N = 5
}

func promotionsEndedByCaller(l *allocator.Local) {
	l.BeginFrame()
	promote(l)
	l.EndFrame()
}

// threeClauseWithoutCondition: "3-clause for loops" are bounded; this one
// has no condition.
func threeClauseWithoutCondition(l *allocator.Local) {
	for i := 0; ; i++ {
		allocator.Frame[Arbiter](l).N = i
		if i > 10 {
			break
		}
	}
}

// waitedGoroutineAllocates: a waited goroutine "runs inside the frame" for
// FA201/FA703; FA701 is not named.
func waitedGoroutineAllocates(l *allocator.Local) {
	var wg sync.WaitGroup
	l.BeginFrame()
	wg.Go(func() { allocator.Frame[Arbiter](l).N = 6 })
	wg.Wait()
	l.EndFrame()
}

// blockingWithHelperBoundaries: FA702 is intraprocedural; the frame begins
// and ends in helpers.
func begin(l *allocator.Local) { l.BeginFrame() }
func end(l *allocator.Local)   { l.EndFrame() }

func blockingWithHelperBoundaries(l *allocator.Local, ch chan int) {
	begin(l)
	a := allocator.Frame[Arbiter](l)
	a.N = <-ch
	a.N++
	end(l)
}

// methodValueRegistered: a method value bound to a frame value given to
// time.AfterFunc. FA703 is about func literals; FA601 (kept by a
// registration)? FA201?
func methodValueRegistered(l *allocator.Local) {
	l.BeginFrame()
	a := allocator.Frame[Arbiter](l)
	time.AfterFunc(time.Millisecond, a.Reset)
	l.EndFrame()
}

// Reset clears the arbiter.
func (a *Arbiter) Reset() { a.N = 0 }

func main() {
	a := allocator.New(allocator.Config{FrameBudget: allocator.MiB})
	w := &World{l: a.NewLocal(), cache: Cache{m: map[int]*Arbiter{}}}
	w.constructorCallback()
	sharedThroughHelper(a)
	twoGoroutinesOneLocal(a)
	unknownTagInMappedPackage(w.l)
	wrongOuterTag(w.l)
	globalReadByGoroutine(w.l)
	w.discardThroughHelper()
	fmt.Println(w.discardReturned())
	frameParamAlwaysFrame(w.l)
	localAsArgument(a.NewLocal())
	poolInGoroutine(a.NewLocal())
	promotionsEndedByCaller(w.l)
	threeClauseWithoutCondition(w.l)
	waitedGoroutineAllocates(w.l)
	blockingWithHelperBoundaries(w.l, make(chan int, 1))
	methodValueRegistered(w.l)
}
