// Command workers simulates a multi-goroutine game loop on the frame
// allocator: N worker goroutines, each with its own Local, simulate a slice
// of the world under the "workers/physics" and "workers/ai" tags (the
// package's module tag is "workers"); each frame every worker
// hands its result to a render goroutine through Transfer; all goroutines
// meet at a FrameBarrier at the end of every frame; and the render goroutine
// writes allocator snapshots to a folder and, with -live, serves them over
// HTTP (package allocator/framelive) while it runs.
//
//	go run ./examples/workers -workers 4 -frames 240 -snapshots /tmp/snaps
//	fa insight /tmp/snaps
//
//	go run ./examples/workers -frames 100000 -live localhost:6061
//	fa insight http://localhost:6061/debug/framealloc/
//
// The program follows the allocator's rules, and fa reports it clean: frame
// values never outlive their frame and cross goroutines only through
// Transfer, every goroutine uses its own Local with a frame budget, every
// BeginFrame has its EndFrame, and no goroutine blocks while it holds frame
// values.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framelive"
)

// livePath is where -live serves the snapshots.
const livePath = "/debug/framealloc/"

// particle is one simulated body; it holds no pointers.
type particle struct {
	X, Y, VX, VY float64
}

// result is what a worker hands to the render goroutine each frame. It is
// a plain value: Transfer copies it into the render goroutine's frame.
type result struct {
	Worker   int
	Frame    uint64
	Energy   float64
	Contacts int
	Thinks   int
}

// options are the command-line settings.
type options struct {
	workers   int
	frames    int
	particles int
	tick      time.Duration
	snapshots string
	maxSnaps  int
	live      string
}

func main() {
	var o options
	flag.IntVar(&o.workers, "workers", 4, "number of worker goroutines")
	flag.IntVar(&o.frames, "frames", 240, "number of frames to simulate")
	flag.IntVar(&o.particles, "particles", 512, "particles per worker")
	flag.DurationVar(&o.tick, "tick", 4*time.Millisecond, "pause of the render goroutine after each frame (0: run flat out)")
	flag.StringVar(&o.snapshots, "snapshots", "", "folder for allocator snapshots (default: a new temporary folder)")
	flag.IntVar(&o.maxSnaps, "max-snapshots", 10, "snapshot files to keep")
	flag.StringVar(&o.live, "live", "", "serve live snapshots over HTTP on this address (such as localhost:6061) while running")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "workers:", err)
		os.Exit(1)
	}
}

// run simulates o.frames frames and prints a summary to out.
func run(o options, out io.Writer) error {
	if o.workers < 1 || o.frames < 1 || o.particles < 1 {
		return fmt.Errorf("-workers, -frames and -particles must be at least 1")
	}
	dir := o.snapshots
	if dir == "" {
		d, err := os.MkdirTemp("", "fa-workers-snapshots-")
		if err != nil {
			return err
		}
		dir = d
	}

	a := allocator.New(allocator.Config{FrameSize: 256 * allocator.KiB})
	defer a.Close()
	emitter := allocator.NewSnapshotEmitter(allocator.SnapshotConfig{
		Dir:          dir,
		MaxSnapshots: o.maxSnaps,
		MinInterval:  500 * time.Millisecond,
	})
	var live *framelive.Handler
	if o.live != "" {
		live = framelive.New(a, framelive.Options{})
		stop, err := serveLive(o.live, live, out)
		if err != nil {
			return err
		}
		defer stop()
	}

	// The workers and the render goroutine are the barrier's participants.
	barrier := allocator.NewFrameBarrier(o.workers + 1)
	handoff := make(chan *allocator.TransferHandle[result], o.workers)
	var stats renderStats
	var wg sync.WaitGroup
	for w := range o.workers {
		wg.Go(func() { worker(a, w, o, barrier, handoff) })
	}
	wg.Go(func() { stats = render(a, o, barrier, handoff, emitter, live) })
	wg.Wait()

	s := a.Stats()
	fmt.Fprintf(out, "%d workers, %d frames: energy %.3f, %d contacts, %d thinks\n",
		o.workers, o.frames, stats.energy, stats.contacts, stats.thinks)
	fmt.Fprintf(out, "allocator: %d frames completed, %d frame allocations, peak frame %d bytes\n",
		s.FramesCompleted, s.FrameAllocations, s.PeakFrameBytes)
	for _, t := range s.Tags {
		fmt.Fprintf(out, "  tag %-8s %9d frame bytes in %d allocations\n", t.Tag, t.FrameBytes, t.Allocations)
	}
	fmt.Fprintf(out, "snapshots: %d written to %s\n", stats.snapshots, dir)
	if stats.err != nil {
		return stats.err
	}
	return nil
}

// serveLive serves h under livePath on addr until the returned stop
// function is called.
func serveLive(addr string, h *framelive.Handler, out io.Writer) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("-live: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(livePath, h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(out, "live snapshots: http://%s%s\n", ln.Addr(), livePath)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "workers: live server:", err)
		}
	}()
	return func() {
		h.Close() // ends the event streams, which Shutdown waits for
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}, nil
}

// worker simulates its slice of the world, one frame per barrier
// generation, with its own Local.
func worker(a *allocator.Allocator, id int, o options, barrier *allocator.FrameBarrier, handoff chan<- *allocator.TransferHandle[result]) {
	l := a.NewLocal()
	defer l.Close()
	l.SetFrameBudget(64*allocator.KiB + o.particles*64)

	for f := range o.frames {
		l.BeginFrame()
		res := allocator.Frame[result](l)
		res.Worker = id
		res.Frame = uint64(f)
		l.BeginPhase("simulate")
		l.WithTag("workers", func() {
			l.WithTag("physics", func() {
				ps := allocator.FrameSlice[particle](l, o.particles)
				seed(ps, id, f)
				res.Contacts = integrate(ps, 1.0/60)
				res.Energy = energy(ps)
			})
			l.WithTag("ai", func() {
				scores := allocator.FrameSlice[float64](l, o.particles/4+1)
				res.Thinks = think(scores, id, f)
			})
		})
		l.EndPhase()
		h := allocator.Transfer(l, res)
		l.EndFrame()

		// No frame value is live here: the handle owns a detached copy.
		handoff <- h
		barrier.SignalFrameComplete()
		barrier.WaitAll()
	}
}

// renderStats is what the render goroutine reports when it is done.
type renderStats struct {
	energy    float64
	contacts  int
	thinks    int
	snapshots int
	err       error
}

// render receives one result per worker per frame into its own frame,
// "draws" them, and takes a snapshot between frames for the emitter (which
// writes one file per 500ms) and the live handler (nil without -live).
func render(a *allocator.Allocator, o options, barrier *allocator.FrameBarrier, handoff <-chan *allocator.TransferHandle[result], emitter *allocator.SnapshotEmitter, live *framelive.Handler) renderStats {
	l := a.NewLocal()
	defer l.Close()
	l.SetFrameBudget(64*allocator.KiB + o.workers*256)

	var st renderStats
	handles := make([]*allocator.TransferHandle[result], o.workers)
	for f := range o.frames {
		// Collect the handles before the frame: waiting for the workers
		// holds no frame memory.
		for i := range handles {
			handles[i] = <-handoff
		}

		l.BeginFrame()
		l.WithTag("workers", func() {
			l.WithTag("rendering", func() {
				verts := allocator.FrameSlice[float64](l, 4*o.workers)
				for i, h := range handles {
					r := h.Receive(l)
					if r.Frame != uint64(f) {
						st.err = fmt.Errorf("frame %d: worker %d sent frame %d", f, r.Worker, r.Frame)
					}
					verts[4*i] = r.Energy
					verts[4*i+1] = float64(r.Contacts)
					verts[4*i+2] = float64(r.Thinks)
					verts[4*i+3] = float64(r.Worker)
				}
				for i := 0; i < len(verts); i += 4 {
					st.energy += verts[i]
					st.contacts += int(verts[i+1])
					st.thinks += int(verts[i+2])
				}
			})
		})
		l.EndFrame()
		clear(handles)

		barrier.SignalFrameComplete()
		barrier.WaitAll()

		// Every participant has finished frame f. One snapshot serves both
		// consumers, so their intervals cover every frame.
		snap := a.Snapshot(uint64(f))
		if live != nil {
			live.Publish(snap)
		}
		written, err := emitter.MaybeEmit(snap)
		if err != nil && st.err == nil {
			st.err = err
		}
		if written {
			st.snapshots++
		}
		if o.tick > 0 {
			time.Sleep(o.tick)
		}
	}
	return st
}

// seed places the particles of worker id for frame f deterministically.
func seed(ps []particle, id, f int) {
	for i := range ps {
		t := float64(i*7+id*13+f) * 0.01
		ps[i] = particle{X: math.Cos(t) * 10, Y: math.Sin(t) * 10, VX: math.Sin(t), VY: -math.Cos(t)}
	}
}

// integrate advances the particles by dt and counts those that hit the
// ground.
func integrate(ps []particle, dt float64) int {
	contacts := 0
	for i := range ps {
		p := &ps[i]
		p.VY -= 9.81 * dt
		p.X += p.VX * dt
		p.Y += p.VY * dt
		if p.Y < -9.9 {
			p.Y, p.VY = -9.9, -p.VY*0.5
			contacts++
		}
	}
	return contacts
}

// energy is the kinetic energy of the particles.
func energy(ps []particle) float64 {
	e := 0.0
	for _, p := range ps {
		e += 0.5 * (p.VX*p.VX + p.VY*p.VY)
	}
	return e
}

// think scores AI options into scores and returns how many were chosen.
func think(scores []float64, id, f int) int {
	chosen := 0
	for i := range scores {
		scores[i] = math.Sin(float64(i+id+f) * 0.37)
		if scores[i] > 0.5 {
			chosen++
		}
	}
	return chosen
}
