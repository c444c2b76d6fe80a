// Package goroutinesmodel exercises the goroutine-launch model: each
// launch is described by what the model knows of it (how it starts, its
// body, how many times it runs per call of the spawner, whether the
// spawner waits for it, what it is given), and each goroutine body by
// whether it only ever runs as a goroutine.
package goroutinesmodel

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

type T struct{ N int }

func worker(l *allocator.Local) { // want `only-goroutine=true`
	for {
		l.BeginFrame()
		_ = allocator.Frame[T](l)
		l.EndFrame()
	}
}

func alsoCalled(l *allocator.Local) { // want `only-goroutine=false`
	l.BeginFrame()
	l.EndFrame()
}

// Exported functions may be called from other packages.
func Exported(l *allocator.Local) { // want `only-goroutine=false`
	l.Close()
}

// participant is also called directly (in a goroutine literal below).
func participant(l *allocator.Local, b *allocator.FrameBarrier) { // want `only-goroutine=false`
	l.BeginFrame()
	l.EndFrame()
	b.SignalFrameComplete()
	b.WaitAll()
}

func done(l *allocator.Local, wg *sync.WaitGroup) { // want `only-goroutine=true`
	defer wg.Done()
	l.Close()
}

// --- launch sites and what they give ---

func sites(a *allocator.Allocator, l *allocator.Local) {
	go worker(l)                // want `go statement body=worker count=1 waited=false given=\[l=param1 \*allocator.Local\]`
	go alsoCalled(a.NewLocal()) // want `go statement body=alsoCalled count=1 waited=false given=\[a.NewLocal\(\)=t\d+ \*allocator.Local\]`
	alsoCalled(l)
	go Exported(l) // want `go statement body=Exported count=1 waited=false`
	go l.Close()   // want `go statement body=- count=1 waited=false given=\[l=param1 \*allocator.Local\]`
	go func() {    // want `go statement body=sites\$1 count=1 waited=false given=\[l=param1 \*allocator.Local captured\]` `only-goroutine=true`
		l.BeginFrame()
	}()
	start := func() { l.Close() } // want `only-goroutine=false`
	go start()                    // want `go statement body=sites\$2 count=1 waited=false given=\[l=param1 \*allocator.Local captured\]`
	start()
}

func helperLaunches(l *allocator.Local) {
	startWorker(l)              // want `helper startWorker body=- count=-1 waited=false given=\[l=param0 \*allocator.Local\]`
	runOn(func() { l.Close() }) // want `helper runOn body=helperLaunches\$1 count=1 waited=false given=\[l=param0 \*allocator.Local captured\]` `only-goroutine=true`
	parallel(l)                 // waits for its goroutine: not a launch
}

func startWorker(l *allocator.Local) {
	go worker(l) // want `go statement body=worker count=1 waited=false given=\[l=param0 \*allocator.Local\]`
}

func runOn(fn func()) {
	go fn() // want `go statement body=- count=1 waited=false given=\[\]`
}

func parallel(l *allocator.Local) {
	var wg sync.WaitGroup
	wg.Add(1)
	go done(l, &wg) // want `go statement body=done count=1 waited=true given=\[l=param0 \*allocator.Local, wg=t\d+ \*sync.WaitGroup\]`
	wg.Wait()
}

// --- waited launches ---

func waited(a *allocator.Allocator) {
	var wg sync.WaitGroup
	wg.Go(func() { a.NewLocal().Close() }) // want `WaitGroup.Go body=waited\$1 count=1 waited=true given=\[a=param0 \*allocator.Allocator captured\]` `only-goroutine=true`
	wg.Add(1)
	go func() { // want `go statement body=waited\$2 count=1 waited=true` `only-goroutine=true`
		defer wg.Done()
	}()
	wg.Wait()
	var other sync.WaitGroup
	go done(a.NewLocal(), &other) // want `go statement body=done count=1 waited=false`
	wg.Wait()
	other.Add(1)
	other.Go(func() {}) // want `WaitGroup.Go body=waited\$3 count=1 waited=false given=\[\]` `only-goroutine=true`
}

// --- counts ---

const n = 3

func counts(a *allocator.Allocator, b *allocator.FrameBarrier, dyn int, cond bool) {
	for i := 0; i < 4; i++ {
		go participant(a.NewLocal(), b) // want `count=4 `
	}
	for i := 1; i <= n; i++ {
		go participant(a.NewLocal(), b) // want `count=3 `
	}
	for range 2 {
		go participant(a.NewLocal(), b) // want `count=2 `
	}
	for i := range 5 {
		go func() { // want `count=5 ` `only-goroutine=true`
			participant(a.NewLocal(), b)
			_ = i
		}()
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			go participant(a.NewLocal(), b) // want `count=6 `
		}
	}
	shards := [3]string{"a", "b", "c"}
	for _, s := range shards {
		_ = s
		go participant(a.NewLocal(), b) // want `count=3 `
	}
	var pairs [2][2]int
	for i := range pairs {
		_ = i
		go participant(a.NewLocal(), b) // want `count=2 `
	}
	slice := []int{1, 2, 3}
	for range slice {
		go participant(a.NewLocal(), b) // want `count=-1 `
	}
	for i := 0; i < dyn; i++ {
		go participant(a.NewLocal(), b) // want `count=-1 `
	}
	if cond {
		go participant(a.NewLocal(), b) // want `count=-1 `
	}
	for i := 0; i < 4; i++ {
		if i == 2 {
			break
		}
		go participant(a.NewLocal(), b) // want `count=-1 `
	}
}

// --- Locals reached through struct fields ---

type crew struct {
	name  string
	local *allocator.Local
	sync  *allocator.FrameBarrier
}

func (c *crew) run() { c.local.Close() } // want `only-goroutine=false`

type team struct{ lead *crew }

func (t *team) run() { t.lead.run() } // want `only-goroutine=false`

func runCrew(c crew) { c.local.Close() } // want `only-goroutine=true`

func fields(a *allocator.Allocator, l *allocator.Local, b *allocator.FrameBarrier) {
	c := &crew{name: "a", local: l, sync: b}
	go c.run()                 // want `go statement body=\(\*crew\).run count=1 waited=false given=\[c=t\d+ \*goroutinesmodel.crew, l=param1 \*allocator.Local field .local, b=param2 \*allocator.FrameBarrier field .sync\]`
	go runCrew(crew{local: l}) // want `given=\[crew\{…\}=t\d+\* goroutinesmodel.crew, l=param1 \*allocator.Local field .local\]`
	t := &team{lead: &crew{local: a.NewLocal()}}
	go t.run() // want `given=\[t=t\d+ \*goroutinesmodel.team, t\d+ \*goroutinesmodel.crew field .lead, t\d+ \*allocator.Local field .lead.local\]`
	captured := &crew{local: l}
	go func() { // want `given=\[captured=t\d+ \*goroutinesmodel.crew captured, l=param1 \*allocator.Local field .local\]` `only-goroutine=true`
		captured.run()
	}()
	value := crew{local: l}
	go func() { // want `given=\[value=t\d+\* goroutinesmodel.crew captured, l=param1 \*allocator.Local field .local\]` `only-goroutine=true`
		value.run()
	}()
}
