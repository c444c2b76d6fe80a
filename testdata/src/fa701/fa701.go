package fa701

import (
	"context"
	"sync"
	"time"

	"example.com/fa701/helpers"
	"github.com/framealloc/fa/allocator"
)

type Particle struct{ X, Y float32 }

type Game struct {
	local  *allocator.Local
	onTick func()
	hooks  map[string]func()
}

var callbacks []func()

var onQuit func()

func use(any) {}

// --- positives ---

func goroutine(l *allocator.Local) {
	go func() {
		p := allocator.Frame[Particle](l) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, captured by a func literal that runs on another goroutine or later \(started with go\)`
		use(p)
	}()
}

func afterFunc(l *allocator.Local) {
	time.AfterFunc(time.Second, func() {
		use(allocator.FrameSlice[Particle](l, 4)) // want `FA701: allocator.FrameSlice\[Particle\]\(l, 4\) allocates from l, .*registered to run later by time.AfterFunc`
	})
}

func contextAfter(ctx context.Context, l *allocator.Local) {
	stop := context.AfterFunc(ctx, func() {
		use(allocator.FrameBytes(l, 16)) // want `FA701: allocator.FrameBytes\(l, 16\) allocates from l, .*context.AfterFunc`
	})
	defer stop()
}

func waitGroupGo(l *allocator.Local, wg *sync.WaitGroup) {
	wg.Go(func() {
		use(allocator.Frame[Particle](l)) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, .*\(started by sync.WaitGroup.Go and waited for\)`
	})
	wg.Wait()
}

func returned(l *allocator.Local) func() *Particle {
	return func() *Particle {
		return allocator.Frame[Particle](l) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, .*\(returned\)`
	}
}

func storedGlobal(l *allocator.Local) {
	callbacks = append(callbacks, func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*stored in package-level variable callbacks\)`
	})
	onQuit = func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*stored in package-level variable onQuit\)`
	}
}

func storedField(g *Game) {
	g.onTick = func() {
		p, _ := allocator.TryFrame[Particle](g.local) // want `FA701: allocator.TryFrame\[Particle\]\(g.local\) allocates from g.local, .*stored in field onTick of parameter g\)`
		use(p)
	}
	g.hooks["spawn"] = func() {
		use(allocator.FrameRetained[Particle](g.local, allocator.Leak)) // want `FA701: .*stored in field hooks of parameter g\)`
	}
}

func keptByHelper(l *allocator.Local) {
	helpers.Later(func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*registered to run later by helpers.Later`
	})
	helpers.Spawn(func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*registered to run later by helpers.Spawn`
	})
}

func sentOnChannel(l *allocator.Local, work chan<- func()) {
	work <- func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*sent on a channel`
	}
}

// A WithTag closure inside a goroutine body still uses the captured Local.
func tagInGoroutine(l *allocator.Local) {
	go func() {
		l.WithTag("audio", func() {
			use(allocator.Frame[Particle](l)) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, .*started with go`
		})
	}()
}

// A literal deferred before the deferred EndFrame runs after it.
func deferredAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	defer func() {
		use(allocator.Frame[Particle](l)) // want `FA701: .*deferred in a function that ends the frame first`
	}()
	defer l.EndFrame()
}

func generic[T any](l *allocator.Local) {
	go func() {
		use(allocator.Frame[T](l)) // want `FA701: allocator.Frame\[T\]\(l\) allocates from l`
	}()
}

// --- negatives ---

// A goroutine with its own Local.
func ownLocal(a *allocator.Allocator) {
	go func() {
		l := a.NewLocal()
		defer l.Close()
		l.BeginFrame()
		use(allocator.Frame[Particle](l))
		l.EndFrame()
	}()
}

// The Local is the literal's parameter.
func paramLocal(a *allocator.Allocator) {
	l := a.NewLocal()
	go func(l *allocator.Local) {
		use(allocator.Frame[Particle](l))
	}(l)
}

// Func literals run synchronously.
func synchronous(l *allocator.Local, ps []Particle) {
	func() {
		use(allocator.Frame[Particle](l))
	}()
	l.WithTag("physics", func() {
		use(allocator.FrameSlice[Particle](l, len(ps)))
	})
	helpers.Now(func() {
		use(allocator.Frame[Particle](l))
	})
	step := func() { use(allocator.Frame[Particle](l)) }
	for range ps {
		step()
	}
}

// A literal deferred after the deferred EndFrame runs before it.
func deferredBeforeEnd(l *allocator.Local) {
	l.BeginFrame()
	defer l.EndFrame()
	defer func() {
		use(allocator.Frame[Particle](l))
	}()
}

// A deferred literal in a function that does not end the frame.
func deferredNoEnd(l *allocator.Local) {
	defer func() {
		use(allocator.Frame[Particle](l))
	}()
}

// Pool and heap allocations in goroutines are not frame allocations.
func poolInGoroutine(l *allocator.Local) {
	go func() {
		use(allocator.Heap[Particle](l))
	}()
}

// Transfer hands a frame value over; Receive allocates nothing.
func transfer(a *allocator.Allocator, l *allocator.Local, done chan<- struct{}) {
	h := allocator.Transfer(l, allocator.Frame[Particle](l))
	go func() {
		l2 := a.NewLocal()
		use(h.Receive(l2))
		done <- struct{}{}
	}()
}

// A closure kept in a local variable and called in place.
func localVar(l *allocator.Local) {
	var f func()
	f = func() { use(allocator.Frame[Particle](l)) }
	f()
	local := map[string]func(){}
	local["x"] = func() { use(allocator.Frame[Particle](l)) }
	local["x"]()
}

// Local containers that do not escape.
func localContainers(l *allocator.Local) {
	fns := make([]func(), 1)
	fns[0] = func() { use(allocator.Frame[Particle](l)) }
	fns[0]()
	g := &Game{local: l}
	g.onTick = func() { use(allocator.Frame[Particle](g.local)) }
	g.onTick()
}

// A goroutine the spawner waits for still runs on another goroutine: the
// captured Local is used by two goroutines.
func goWaited(l *allocator.Local) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		use(allocator.Frame[Particle](l)) // want `FA701: allocator.Frame\[Particle\]\(l\) allocates from l, .*\(started with go and waited for\)`
	}()
	wg.Wait()
}
