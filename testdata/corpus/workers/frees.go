package main

import (
	"github.com/framealloc/fa/allocator"

	"example.com/corpus/workers/farm"
)

// Batch is a group of pooled jobs sent to a collector.
type Batch struct {
	Jobs  [4]*farm.Job
	Count int
}

// producer allocates pooled jobs on its own Local and sends them on.
func producer(a *allocator.Allocator, out chan<- *farm.Job, n int) {
	l := a.NewLocal()
	l.SetPoolBudget(64 * allocator.KiB)
	l.SetFrameBudget(64 * allocator.KiB)
	for i := 0; i < n; i++ {
		j := allocator.Pool[farm.Job](l) //corpus:want FA602
		j.ID = i
		out <- j //corpus:clean FA201
	}
	close(out)
}

func freeAll(l *allocator.Local, in <-chan *farm.Job) {
	for j := range in {
		allocator.PoolFree(l, j) //corpus:want FA204
	}
}

func freeUntilClosed(l *allocator.Local, in <-chan *farm.Job) {
	for {
		j, ok := <-in
		if !ok {
			return
		}
		allocator.PoolFree(l, j) //corpus:want FA204
	}
}

func freeBatch(l *allocator.Local, in <-chan []*farm.Job) {
	batch := <-in
	for _, j := range batch {
		allocator.PoolFree(l, j) //corpus:want FA204
	}
}

func freeStruct(l *allocator.Local, in <-chan Batch) {
	b := <-in
	for i := 0; i < b.Count; i++ {
		allocator.PoolFree(l, b.Jobs[i]) //corpus:want FA204
	}
}

func freeSelect(l *allocator.Local, in <-chan *farm.Job, quit <-chan struct{}) {
	for {
		select {
		case j := <-in:
			allocator.PoolFree(l, j) //corpus:want FA204
		case <-quit:
			return
		}
	}
}

func freeCounted(l *allocator.Local, in <-chan *farm.Job, n int) {
	for i := 0; i < n; i++ {
		j := <-in
		allocator.PoolFree(l, j) //corpus:want FA204
	}
}

func freeGrowing(a *allocator.Allocator, l *allocator.Local, in <-chan *farm.Job) {
	a.ConfigureDeferred(allocator.DeferredConfig{Capacity: 1 << 16, Policy: allocator.QueueGrow})
	for j := range in {
		allocator.PoolFree(l, j) //corpus:want FA204
	}
}

func freeArray(l *allocator.Local, in <-chan [4]*farm.Job) {
	for arr := range in {
		for _, j := range arr {
			allocator.PoolFree(l, j) //corpus:want FA204
		}
	}
}

// freeOwn frees what this Local allocated.
func freeOwn(l *allocator.Local, n int) {
	own := make([]*farm.Job, 0, n)
	for i := 0; i < n; i++ {
		own = append(own, allocator.Pool[farm.Job](l)) //corpus:want FA602
	}
	for _, j := range own {
		allocator.PoolFree(l, j) //corpus:clean FA204
	}
	byID := map[int]*farm.Job{1: allocator.Pool[farm.Job](l), 2: allocator.Pool[farm.Job](l)}
	for id, j := range byID {
		allocator.PoolFree(l, j) //corpus:clean FA204
		delete(byID, id)
	}
}

// Collector keeps the jobs it allocated itself.
type Collector struct {
	l    *allocator.Local
	mine []*farm.Job
}

// Release frees the collector's own jobs.
func (c *Collector) Release() {
	for _, j := range c.mine {
		allocator.PoolFree(c.l, j) //corpus:clean FA204
	}
	c.mine = c.mine[:0]
}

// freeOne frees a single received job, outside any loop.
func freeOne(l *allocator.Local, in <-chan *farm.Job) {
	j := <-in
	allocator.PoolFree(l, j) //corpus:clean FA204
}

// freeByID frees own jobs named by ids received over a channel.
func freeByID(l *allocator.Local, ids <-chan int) {
	own := map[int]*farm.Job{}
	for i := range 4 {
		own[i] = allocator.Pool[farm.Job](l) //corpus:want FA602
	}
	for id := range ids {
		allocator.PoolFree(l, own[id]) //corpus:clean FA204
	}
}

// sumReceived reads received jobs without freeing them.
func sumReceived(in <-chan *farm.Job) float64 {
	total := 0.0
	for j := range in {
		total += j.Result //corpus:clean FA204
	}
	return total
}

// freeOwnTry frees own objects obtained with TryPool.
func freeOwnTry(l *allocator.Local) error {
	var got []*farm.Job
	for i := 0; i < 3; i++ {
		j, err := allocator.TryPool[farm.Job](l) //corpus:want FA602 //corpus:clean FA302
		if err != nil {
			return err
		}
		got = append(got, j)
	}
	for _, j := range got {
		allocator.PoolFree(l, j) //corpus:clean FA204
	}
	return nil
}

// frees wires producers to collectors.
func frees(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetPoolBudget(1 * allocator.MiB)
	ch := make(chan *farm.Job, 8)
	go producer(a, ch, 8)
	freeAll(l, ch)
	ch2 := make(chan *farm.Job, 8)
	go producer(a, ch2, 8)
	freeUntilClosed(l, ch2)
	batches := make(chan []*farm.Job, 1)
	batches <- nil
	freeBatch(l, batches)
	structs := make(chan Batch, 1)
	structs <- Batch{}
	freeStruct(l, structs)
	quit := make(chan struct{})
	close(quit)
	freeSelect(l, make(chan *farm.Job), quit)
	freeCounted(l, make(chan *farm.Job, 1), 0)
	ch3 := make(chan *farm.Job)
	close(ch3)
	freeGrowing(a, l, ch3)
	arrays := make(chan [4]*farm.Job)
	close(arrays)
	freeArray(l, arrays)
	freeOwn(l, 4)
	one := make(chan *farm.Job, 1)
	one <- nil
	freeOne(l, one)
	ids := make(chan int)
	close(ids)
	freeByID(l, ids)
	done := make(chan *farm.Job)
	close(done)
	sumReceived(done)
	_ = freeOwnTry(l)
	c := &Collector{l: l, mine: []*farm.Job{allocator.Pool[farm.Job](l)}}
	c.Release()
}
