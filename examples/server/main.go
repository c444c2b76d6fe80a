// Command server is a small JSON API served with per-request frames: each
// request runs in a frame of the allocator (framehttp.Middleware), and its
// handler decodes the request into frame-allocated structs, computes, and
// encodes the response into a frame buffer, so a request allocates nothing
// from the Go heap.
//
//	go run ./examples/server -addr localhost:8080
//	curl -s localhost:8080/v1/quote -d '{"customer":"acme","currency":"EUR","coupon":"SPRING10",
//	    "items":[{"sku":"A-100","qty":3,"price":9.99},{"sku":"B-7","qty":1,"price":120}]}'
//	curl -s localhost:8080/v1/stats -d '{"values":[3,1,4,1,5,9,2,6]}'
//
// Endpoints:
//
//   - POST /v1/quote prices a list of items (sorted by amount, coupon,
//     tax); amounts are strings of cents, "149.97".
//   - POST /v1/stats summarizes a list of numbers (count, min, max, mean,
//     p50, p90, p99).
//   - GET /healthz answers ok.
//   - GET /debug/framealloc/ and /debug/framealloc/events on the -live
//     address: the allocator's snapshots, current and streamed
//     (framelive), for fa insight.
//   - GET /debug/vars, /debug/allocator and /debug/pprof/ (with -debug):
//     the process's expvar variables (memstats), the allocator's statistics
//     and the runtime profiles.
//
// Every request's frame has a budget (-frame-budget): a request that needs
// more is answered 503 by the middleware. Each route's allocations are
// counted under its pattern as tag ("POST /v1/quote"). With -heap, the same
// handlers run with Go heap memory and without the middleware: the baseline
// of the load benchmark in bench/httpload.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
	"github.com/framealloc/fa/allocator/framelive"
)

// options are the command-line settings.
type options struct {
	addr        string
	frameBudget int
	heap        bool
	debug       bool
	live        string
}

func main() {
	var o options
	flag.StringVar(&o.addr, "addr", "localhost:8080", "address to listen on")
	flag.IntVar(&o.frameBudget, "frame-budget", 1*allocator.MiB, "frame budget of one request, in bytes")
	flag.BoolVar(&o.heap, "heap", false, "serve the heap-allocating handlers, without frames (benchmark baseline)")
	flag.BoolVar(&o.debug, "debug", false, "serve expvar statistics at /debug/vars")
	flag.StringVar(&o.live, "live", "", "serve the allocator's live snapshots (framelive) on this address, at /debug/framealloc/, for fa insight; keep it on loopback (e.g. localhost:6061)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts down and prints what the
// allocator counted to out.
func run(ctx context.Context, o options, out io.Writer) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	a := allocator.New(allocator.Config{})
	srv := &http.Server{
		Handler:           newHandler(a, o),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(out, "server: ", 0),
	}
	fmt.Fprintf(out, "server: listening on http://%s (heap=%v)\n", ln.Addr(), o.heap)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var liveSrv *http.Server
	var live *framelive.Handler
	if o.live != "" {
		lln, err := net.Listen("tcp", o.live)
		if err != nil {
			srv.Close()
			return err
		}
		live = framelive.New(a, framelive.Options{})
		lmux := http.NewServeMux()
		lmux.Handle("/debug/framealloc/", live)
		liveSrv = &http.Server{Handler: lmux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: srv.ErrorLog}
		go liveSrv.Serve(lln)
		fmt.Fprintf(out, "server: live snapshots on http://%s/debug/framealloc/ (fa insight http://%s/debug/framealloc/)\n", lln.Addr(), lln.Addr())
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if liveSrv != nil {
		live.Close() // ends the event streams, which Shutdown would wait for
		if err := liveSrv.Shutdown(sctx); err != nil {
			return err
		}
	}
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.Close() // every Local publishes its final counters
	st := a.Stats()
	fmt.Fprintf(out, "server: %d frames, %d frame allocations, peak frame %d bytes\n",
		st.FramesCompleted, st.FrameAllocations, st.PeakFrameBytes)
	return nil
}

// newHandler returns the API: the frame handlers under framehttp, or with
// o.heap the heap handlers.
func newHandler(a *allocator.Allocator, o options) http.Handler {
	mux := http.NewServeMux()
	if o.heap {
		mux.HandleFunc("POST /v1/quote", quoteHeap)
		mux.HandleFunc("POST /v1/stats", statsHeap)
	} else {
		frames := framehttp.Middleware(a, framehttp.Options{
			FrameBudget: o.frameBudget,
			TagFunc:     framehttp.PatternTag(mux),
		})
		mux.Handle("POST /v1/quote", frames(http.HandlerFunc(quoteHandler)))
		mux.Handle("POST /v1/stats", frames(http.HandlerFunc(statsHandler)))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	if o.debug {
		mux.Handle("GET /debug/vars", expvar.Handler())
		mux.HandleFunc("GET /debug/allocator", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(a.Stats())
		})
		mux.HandleFunc("GET /debug/pprof/", pprof.Index)
		mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	}
	return mux
}
