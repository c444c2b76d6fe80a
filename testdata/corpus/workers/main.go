// Command workers simulates a pool of workers computing jobs in frames,
// synchronised by a FrameBarrier, exchanging data with Transfer.
package main

import (
	"bytes"
	"fmt"
	"sync"

	"example.com/corpus/workers/farm"
	"github.com/framealloc/fa/allocator"
)

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB, PoolBudget: 1 * allocator.MiB})
	l := a.NewLocal()
	handoffs(a, l)
	sharing(a)
	barriers(a)
	syncs(a)
	frees(a)
	fmt.Println("done")
}

// pipes are the channels of the pool.
type pipes struct {
	jobs    chan *farm.Job
	results chan farm.Result
	raw     chan []byte
	packets chan packet
	handles chan *allocator.TransferHandle[farm.Job]
}

type packet struct {
	seq     int
	payload []byte
}

// handoffs runs one frame of hand-offs, then receives a transfer.
func handoffs(a *allocator.Allocator, l *allocator.Local) {
	p := pipes{
		jobs:    make(chan *farm.Job, 16),
		results: make(chan farm.Result, 16),
		raw:     make(chan []byte, 16),
		packets: make(chan packet, 16),
		handles: make(chan *allocator.TransferHandle[farm.Job], 16),
	}
	l.BeginFrame()
	p.sendJob(l)
	p.goCompute(l)
	p.goMethod(l)
	p.goMethodValue(l)
	p.submit(l)
	p.background(l)
	p.sendPart(l)
	p.trySend(l)
	p.goLog(l)
	p.sendPacket(l)
	p.sendPacketPtr(l, make(chan *packet, 1))
	p.transfer(l)
	p.sendCopies(l)
	buf := allocator.FrameBytes(l, 64)
	p.waitedLog(buf) //corpus:clean FA201
	p.logNow(buf)    //corpus:clean FA201
	l.EndFrame()

	other := a.NewLocal()
	other.SetFrameBudget(64 * allocator.KiB)
	other.BeginFrame()
	p.forward(other)
	other.EndFrame()
	other.Close()
}

func newJob(l *allocator.Local) *farm.Job {
	j := allocator.Frame[farm.Job](l)
	j.Input = allocator.FrameSlice[float64](l, 8)
	return j
}

func (p pipes) sendJob(l *allocator.Local) {
	j := newJob(l)
	p.jobs <- j //corpus:want FA201
}

func (p pipes) goCompute(l *allocator.Local) {
	j := newJob(l)
	go compute(j, p.results) //corpus:want FA201
}

func (p pipes) goMethod(l *allocator.Local) {
	j := newJob(l)
	go j.Sum() //corpus:want FA201
}

func (p pipes) goMethodValue(l *allocator.Local) {
	j := newJob(l)
	go runJob(j.Sum) //corpus:want FA201
}

func runJob(fn func()) { fn() }

func (p pipes) submit(l *allocator.Local) {
	farm.Submit(p.jobs, newJob(l)) //corpus:want FA201
}

func (p pipes) background(l *allocator.Local) {
	j := newJob(l)
	farm.Background(j, p.results) //corpus:want FA201
}

func (p pipes) sendPart(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	p.raw <- buf[8:16] //corpus:want FA201
}

func (p pipes) trySend(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	select {
	case p.raw <- buf: //corpus:want FA201
	default:
	}
}

func (p pipes) goLog(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	go logOnly(buf) //corpus:want FA201
}

func (p pipes) sendPacketPtr(l *allocator.Local, out chan<- *packet) {
	msg := packet{seq: 2, payload: allocator.FrameBytes(l, 32)}
	out <- &msg //corpus:want FA201
}

func (p pipes) sendPacket(l *allocator.Local) {
	buf := allocator.FrameBytes(l, 64)
	p.packets <- packet{seq: 1, payload: buf} //corpus:want FA201
}

// transfer hands the job over correctly.
func (p pipes) transfer(l *allocator.Local) {
	j := newJob(l)
	p.handles <- allocator.Transfer(l, j) //corpus:clean FA201
}

// sendCopies sends copies and non-frame values only.
func (p pipes) sendCopies(l *allocator.Local) {
	j := newJob(l)
	buf := allocator.FrameBytes(l, 64)
	r := allocator.Frame[farm.Result](l)
	r.ID = j.ID
	p.results <- *r                       //corpus:clean FA201
	p.raw <- []byte(string(buf))          //corpus:clean FA201
	p.raw <- append([]byte(nil), buf...)  //corpus:clean FA201
	p.raw <- bytes.Clone(buf)             //corpus:clean FA201
	p.results <- farm.Result{ID: j.ID}    //corpus:clean FA201
	p.jobs <- allocator.Pool[farm.Job](l) //corpus:clean FA201
	farm.Submit(p.jobs, &farm.Job{ID: 2}) //corpus:clean FA201
}

// waitedLog waits for the goroutine it gives the buffer to.
func (p pipes) waitedLog(buf []byte) {
	var wg sync.WaitGroup
	wg.Add(1)
	go logBytes(buf, &wg) //corpus:clean FA201
	wg.Wait()
}

// logNow logs the buffer on this goroutine.
func (p pipes) logNow(buf []byte) {
	logOnly(buf)
}

// forward receives a transferred job into other's frame and, by mistake,
// sends the received frame value on.
func (p pipes) forward(other *allocator.Local) {
	h := <-p.handles
	got := h.Receive(other)
	p.jobs <- got //corpus:want FA201
}

func compute(j *farm.Job, out chan<- farm.Result) {
	j.Sum()
	out <- farm.Result{ID: j.ID, Sum: j.Result}
}

func logOnly(b []byte) { fmt.Println(len(b)) }

func logBytes(b []byte, wg *sync.WaitGroup) {
	fmt.Println(len(b))
	wg.Done()
}
