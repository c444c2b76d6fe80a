// Package framelive serves an allocator's snapshots over HTTP while the
// program runs: the current snapshot as JSON and a stream of snapshots as
// server-sent events, for `fa insight http://HOST:PORT/PATH/` or any
// EventSource client. It uses the standard library only.
//
// Importing the package registers nothing and starts nothing: a program
// mounts the Handler where it wants, and should bind it to a loopback
// address (snapshots describe the program's memory use):
//
//	live := framelive.New(a, framelive.Options{})
//	defer live.Close()
//	mux := http.NewServeMux()
//	mux.Handle("/debug/framealloc/", live)
//	go http.ListenAndServe("localhost:6061", mux)
//
// Programs that do not import framelive do not link net/http because of
// the allocator.
//
// # Endpoints
//
// The Handler looks only at the last element of the request path, so it
// can be mounted under any prefix:
//
//   - ".../" or ".../snapshot": the current snapshot, JSON (snapshot schema
//     version 2, docs/snapshot-schema.md).
//   - ".../events": a text/event-stream; each event is named "snapshot",
//     has an id increasing by one per snapshot and carries a snapshot as
//     one line of JSON. A comment line is sent every Options.Heartbeat on
//     idle streams.
//
// # Rate limit
//
// Allocator.Snapshot is called at most once per Options.Interval (never
// less than 500 ms), whatever the number of requests and streams: they
// share the latest snapshot. A program that takes snapshots itself (for a
// SnapshotEmitter, say) hands them to Publish instead; the Handler then
// takes none of its own while publications keep coming, and folds the
// intervals of the ones it does not serve into the next it serves
// (Snapshot.MergeInterval), so no frame is lost from the interval
// aggregates.
package framelive

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/framealloc/fa/allocator"
)

// DefaultHeartbeat is Options.Heartbeat when it is zero.
const DefaultHeartbeat = 15 * time.Second

// Options configures a Handler.
type Options struct {
	// Interval is the least time between two snapshots the Handler serves
	// or streams; zero and values below allocator.MinSnapshotInterval
	// (500 ms) are raised to it.
	Interval time.Duration
	// Heartbeat is how often an idle event stream gets a comment line, so
	// that proxies and clients see it alive; zero means DefaultHeartbeat.
	Heartbeat time.Duration
	// Frame returns the frame number to label the snapshots the Handler
	// takes (Snapshot.Frame); nil labels them with the largest frame
	// number of the snapshot's Locals.
	Frame func() uint64
}

// Handler is an http.Handler serving one allocator's snapshots. Create it
// with New; it is safe for concurrent use.
type Handler struct {
	a         *allocator.Allocator
	interval  time.Duration
	heartbeat time.Duration
	frame     func() uint64
	now       func() time.Time // the clock; tests replace it

	mu        sync.Mutex
	latest    *allocator.Snapshot // served now
	latestAt  time.Time           // when latest was chosen
	seq       uint64              // number of latest, from 1
	pending   *allocator.Snapshot // published, not served yet (intervals folded)
	published time.Time           // time of the last Publish
	done      chan struct{}       // closed by Close
	closed    bool
}

// New returns a Handler serving the snapshots of a.
func New(a *allocator.Allocator, opts Options) *Handler {
	h := &Handler{
		a:         a,
		interval:  max(opts.Interval, allocator.MinSnapshotInterval),
		heartbeat: opts.Heartbeat,
		frame:     opts.Frame,
		now:       time.Now,
		done:      make(chan struct{}),
	}
	if h.heartbeat <= 0 {
		h.heartbeat = DefaultHeartbeat
	}
	return h
}

// Publish hands the Handler a snapshot the program took itself. It is
// served (and streamed) once the current one is Options.Interval old;
// snapshots published in between are folded into it. While publications
// keep coming (at least one per two intervals), the Handler calls
// Allocator.Snapshot no more. Publish does not modify s.
func (h *Handler) Publish(s *allocator.Snapshot) {
	if s == nil {
		return
	}
	c := *s
	c.Goroutines = slices.Clone(s.Goroutines)
	c.Tags = slices.Clone(s.Tags)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	if h.pending != nil {
		c.MergeInterval(h.pending)
	}
	h.pending = &c
	h.published = h.now()
}

// Close ends every open event stream (their handlers return) and makes
// new ones end at once; the snapshot endpoint keeps working. Call it
// before shutting the HTTP server down: http.Server.Shutdown and
// httptest.Server.Close wait for open streams.
func (h *Handler) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// current returns the snapshot to serve now and its number, taking a new
// one when the latest is Options.Interval old.
func (h *Handler) current() (*allocator.Snapshot, uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	if h.latest != nil && now.Sub(h.latestAt) < h.interval {
		return h.latest, h.seq
	}
	switch {
	case h.pending != nil:
		h.latest, h.pending = h.pending, nil
	case h.latest != nil && !h.published.IsZero() && now.Sub(h.published) < 2*h.interval:
		// The program publishes: wait for its next snapshot.
		return h.latest, h.seq
	default:
		s := h.a.Snapshot(0)
		if h.frame != nil {
			s.Frame = h.frame()
		} else {
			for _, g := range s.Goroutines {
				s.Frame = max(s.Frame, g.FrameNumber)
			}
		}
		h.latest = s
	}
	h.latestAt = now
	h.seq++
	return h.latest, h.seq
}

// ServeHTTP serves the snapshot or the event stream, by the last element
// of the request path.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "framelive: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	last := path.Base(r.URL.Path)
	if len(r.URL.Path) > 0 && r.URL.Path[len(r.URL.Path)-1] == '/' {
		last = ""
	}
	switch last {
	case "", "snapshot", "snapshot.json":
		h.serveSnapshot(w, r)
	case "events":
		h.serveEvents(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (h *Handler) serveSnapshot(w http.ResponseWriter, r *http.Request) {
	s, seq := h.current()
	data, err := json.Marshal(s)
	if err != nil {
		http.Error(w, "framelive: encoding the snapshot: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Snapshot-Seq", strconv.FormatUint(seq, 10))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(append(data, '\n'))
}

func (h *Handler) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if err := rc.Flush(); err != nil {
		return // the connection cannot stream
	}
	select {
	case <-h.done:
		return
	default:
	}
	tick := time.NewTicker(h.interval)
	defer tick.Stop()
	beat := time.NewTicker(h.heartbeat)
	defer beat.Stop()
	var sent uint64
	for {
		s, seq := h.current()
		if seq != sent {
			data, err := json.Marshal(s)
			if err != nil {
				return
			}
			if _, err := fmt.Fprintf(w, "id: %d\nevent: snapshot\ndata: %s\n\n", seq, data); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
			sent = seq
			beat.Reset(h.heartbeat)
		}
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-tick.C:
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}
