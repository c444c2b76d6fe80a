package fa204

import "github.com/framealloc/fa/allocator"

type particle struct{ x, y float64 }

type message struct {
	id  int
	obj *particle
}

// --- positives ---

func rangeChannel(l *allocator.Local, done chan *particle) {
	for p := range done {
		allocator.PoolFree(l, p) // want `FA204: loop frees pool object p owned by another goroutine's Local \(received over a channel at line 15\)`
	}
}

func receiveInLoop(l *allocator.Local, done chan *particle) {
	for {
		p := <-done
		allocator.PoolFree(l, p) // want `FA204: loop frees pool object p owned by another goroutine's Local \(received over a channel at line 22\)`
	}
}

func selectCase(l *allocator.Local, done chan *particle, quit chan struct{}) {
	for {
		select {
		case p := <-done:
			allocator.PoolFree(l, p) // want `FA204: .*received in a select case`
		case <-quit:
			return
		}
	}
}

func receivedField(l *allocator.Local, msgs chan message) {
	for msg := range msgs {
		allocator.PoolFree(l, msg.obj) // want `FA204: loop frees pool object msg.obj owned by another goroutine's Local \(received over a channel`
	}
}

func receivedBatch(l *allocator.Local, batches chan []*particle) {
	batch := <-batches
	for _, p := range batch {
		allocator.PoolFree(l, p) // want `FA204: .*received over a channel`
	}
}

func capturedObjects(a *allocator.Allocator) {
	owner := a.NewLocal()
	objs := make([]*particle, 0, 64)
	for range 64 {
		objs = append(objs, allocator.Pool[particle](owner))
	}
	go func() {
		l := a.NewLocal()
		for _, p := range objs {
			allocator.PoolFree(l, p) // want `FA204: .*handed in by the go statement at line 57`
		}
	}()
}

func freeAll(a *allocator.Allocator, objs []*particle) {
	l := a.NewLocal()
	for i := range objs {
		allocator.PoolFree(l, objs[i]) // want `FA204: .*handed in by the go statement at line 73`
	}
}

func startFreeAll(a *allocator.Allocator, objs []*particle) {
	go freeAll(a, objs)
}

func worker(l *allocator.Local) {
	for {
		l.BeginFrame()
		l.EndFrame()
	}
}

func otherGoroutinesLocal(a *allocator.Allocator) {
	mine, theirs := a.NewLocal(), a.NewLocal()
	var objs []*particle
	for range 8 {
		objs = append(objs, allocator.Pool[particle](theirs))
	}
	go worker(theirs)
	for range 8 {
		p := allocator.Pool[particle](theirs)
		allocator.PoolFree(mine, p) // want `FA204: .*allocated with Local theirs, which the go statement at line 89 hands to another goroutine`
	}
}

// batch is a group of pool objects sent to a collector.
type batch struct {
	objs  [4]*particle
	count int
}

func receivedStructArray(l *allocator.Local, in chan batch) {
	b := <-in
	for i := 0; i < b.count; i++ {
		allocator.PoolFree(l, b.objs[i]) // want `FA204: loop frees pool object b.objs\[i\] owned by another goroutine's Local \(received over a channel at line 103\)`
	}
}

func receivedStructArrayPointer(l *allocator.Local, in chan *batch) {
	b := <-in
	for _, p := range b.objs {
		allocator.PoolFree(l, p) // want `FA204: .*received over a channel`
	}
}

// --- negatives ---

func receivedStructRefilled(l *allocator.Local, in chan batch) {
	b := <-in
	for i := range b.objs {
		b.objs[i] = allocator.Pool[particle](l) // replaced with own objects
	}
	for i := range b.objs {
		allocator.PoolFree(l, b.objs[i])
	}
}

func ownObjects(l *allocator.Local) {
	for range 8 {
		p := allocator.Pool[particle](l)
		allocator.PoolFree(l, p)
	}
}

func singleForeignFree(l *allocator.Local, done chan *particle) {
	p := <-done
	allocator.PoolFree(l, p) // not in a loop
}

func tickThenOwn(l *allocator.Local, tick chan struct{}) {
	for range tick {
		p := allocator.Pool[particle](l)
		allocator.PoolFree(l, p)
	}
}

func handedLocalAndObjects(a *allocator.Allocator) {
	l := a.NewLocal()
	var objs []*particle
	for range 8 {
		objs = append(objs, allocator.Pool[particle](l))
	}
	go func() {
		// The goroutine was handed l itself: it frees as l's owner.
		for _, p := range objs {
			allocator.PoolFree(l, p)
		}
	}()
}

func release(l *allocator.Local, objs []*particle) {
	for _, p := range objs {
		allocator.PoolFree(l, p) // called directly below, not only as a goroutine
	}
}

func releaseCaller(a *allocator.Allocator, l *allocator.Local, objs []*particle) {
	release(l, objs)
	go release(a.NewLocal(), objs)
}

func otherLocalSameGoroutine(a *allocator.Allocator) {
	l1, l2 := a.NewLocal(), a.NewLocal()
	for range 8 {
		p := allocator.Pool[particle](l2)
		allocator.PoolFree(l1, p) // l2 is not handed to another goroutine
	}
}

func receivedOwnerLocal(a *allocator.Allocator, locals chan *allocator.Local) {
	l := <-locals
	for range 8 {
		p := allocator.Pool[particle](l)
		allocator.PoolFree(l, p)
	}
}

func generic[T any](l *allocator.Local) {
	for range 4 {
		p := allocator.Pool[T](l)
		allocator.PoolFree(l, p)
	}
}
