package main

import (
	"github.com/framealloc/fa/allocator"
)

const frames = 60

const workerCount = 4

// stepWorker is a correct barrier participant: end the frame, signal, wait.
func stepWorker(a *allocator.Allocator, b *allocator.FrameBarrier) {
	l := a.NewLocal()
	l.SetFrameBudget(256 * allocator.KiB)
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		v := allocator.FrameSlice[float64](l, 64) //corpus:clean FA602
		v[0] = float64(f)
		l.EndFrame() //corpus:clean FA205
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

// renderWorker waits for the others every frame but never signals.
func renderWorker(a *allocator.Allocator, b *allocator.FrameBarrier) {
	l := a.NewLocal()
	l.SetFrameBudget(256 * allocator.KiB)
	for f := 0; f < frames; f++ {
		b.WaitAll()
		l.BeginFrame()
		allocator.FrameBytes(l, 128)
		l.EndFrame() //corpus:clean FA205
	}
}

// barrierSync is a participant's end of frame.
func barrierSync(b *allocator.FrameBarrier) {
	b.SignalFrameComplete()
	b.WaitAll()
}

// signalOnly only signals.
func signalOnly(b *allocator.FrameBarrier) {
	b.SignalFrameComplete()
}

// barriers exercises barrier counts and participants.
func barriers(a *allocator.Allocator) {
	tooMany(a)
	spawnerCounts(a)
	rangeTooFew(a)
	constTooMany(a)
	silentRenderer(a)
	silentLiteral(a)
	oneForTwo(a)
	literalsTooFew(a)
	exact(a)
	exactWithSpawner(a)
	exactRange(a)
	exactConst(a)
	dynamic(a, 3)
	withLogger(a)
	viaHelper(a)
	perShard(a)
}

// perShard starts one worker per shard of a fixed array.
func perShard(a *allocator.Allocator) {
	shards := [3]string{"north", "south", "east"}
	b := allocator.NewFrameBarrier(3) //corpus:clean FA202
	for _, s := range shards {
		_ = s
		go stepWorker(a, b)
	}
}

func tooMany(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(4) //corpus:want FA202
	for i := 0; i < 3; i++ {
		go stepWorker(a, b)
	}
}

func spawnerCounts(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) //corpus:want FA202
	go stepWorker(a, b)
	go stepWorker(a, b)
	for f := 0; f < frames; f++ {
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func rangeTooFew(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3) //corpus:want FA202
	for range 4 {
		go stepWorker(a, b)
	}
}

func constTooMany(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(workerCount) //corpus:want FA202
	go stepWorker(a, b)
	go stepWorker(a, b)
	go stepWorker(a, b)
}

func silentRenderer(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) //corpus:clean FA202
	go stepWorker(a, b)               //corpus:clean FA202
	go renderWorker(a, b)             //corpus:want FA202
}

func silentLiteral(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) //corpus:clean FA202
	go stepWorker(a, b)
	go func() { //corpus:want FA202
		l := a.NewLocal()
		l.SetFrameBudget(64 * allocator.KiB)
		for f := 0; f < frames; f++ {
			l.BeginFrame()
			allocator.FrameBytes(l, 16) //corpus:clean FA602
			l.EndFrame()
			b.WaitAll()
		}
	}()
}

func oneForTwo(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(1) //corpus:want FA202
	go stepWorker(a, b)
	go stepWorker(a, b)
}

func literalsTooFew(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3) //corpus:want FA202
	for i := 0; i < 2; i++ {
		go func() {
			l := a.NewLocal()
			l.SetFrameBudget(64 * allocator.KiB)
			for f := 0; f < frames; f++ {
				l.BeginFrame()
				allocator.FrameBytes(l, 16) //corpus:clean FA602
				l.EndFrame()
				barrierSync(b)
			}
		}()
	}
}

func exact(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3) //corpus:clean FA202
	go stepWorker(a, b)
	go stepWorker(a, b)
	go stepWorker(a, b)
}

func exactWithSpawner(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(4) //corpus:clean FA202
	for i := 0; i < 3; i++ {
		go stepWorker(a, b)
	}
	for f := 0; f < frames; f++ {
		b.SignalFrameComplete()
		b.WaitAll()
	}
}

func exactRange(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(3) //corpus:clean FA202
	for range 3 {
		go stepWorker(a, b) //corpus:clean FA202
	}
}

func exactConst(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(workerCount) //corpus:clean FA202
	for i := 0; i < workerCount; i++ {
		go stepWorker(a, b)
	}
}

func dynamic(a *allocator.Allocator, n int) {
	b := allocator.NewFrameBarrier(n) //corpus:clean FA202
	for i := 0; i < n; i++ {
		go stepWorker(a, b)
	}
}

func withLogger(a *allocator.Allocator) {
	logs := make(chan string, 8)
	b := allocator.NewFrameBarrier(2) //corpus:clean FA202
	go stepWorker(a, b)
	go stepWorker(a, b)
	go func() { //corpus:clean FA202
		for s := range logs {
			_ = s
		}
	}()
	close(logs)
}

func viaHelper(a *allocator.Allocator) {
	b := allocator.NewFrameBarrier(2) //corpus:clean FA202
	for i := 0; i < 2; i++ {
		go func() { //corpus:clean FA202
			l := a.NewLocal()
			l.SetFrameBudget(64 * allocator.KiB)
			for f := 0; f < frames; f++ {
				l.BeginFrame()
				allocator.FrameBytes(l, 16) //corpus:clean FA602
				l.EndFrame()                //corpus:clean FA205
				barrierSync(b)
			}
		}()
	}
}
