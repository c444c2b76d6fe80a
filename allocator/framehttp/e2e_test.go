package framehttp_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// e2eItem is what the echo handler decodes a request into, in frame
// memory.
type e2eItem struct {
	ID   int64
	Vals []int64
	Name []byte
}

// e2eServer is the server side of the end-to-end test: the handlers and
// what they counted.
type e2eServer struct {
	t       *testing.T
	cycles  atomic.Int64
	inMW    atomic.Int64 // requests that reached the middleware
	flight  atomic.Int64
	peak    atomic.Int64
	running sync.WaitGroup // handlers, including those of hijacked connections
}

// parseEcho decodes "id=N;name=S;vals=a,b,c" into frame memory of l.
func parseEcho(l *allocator.Local, body []byte) (*e2eItem, error) {
	it := allocator.Frame[e2eItem](l)
	for _, field := range strings.Split(string(body), ";") {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return nil, fmt.Errorf("field %q without =", field)
		}
		switch k {
		case "id":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, err
			}
			it.ID = n
		case "name":
			it.Name = allocator.FrameBytes(l, len(v))
			copy(it.Name, v)
		case "vals":
			parts := strings.Split(v, ",")
			it.Vals = allocator.FrameSlice[int64](l, len(parts))
			for i, p := range parts {
				n, err := strconv.ParseInt(p, 10, 64)
				if err != nil {
					return nil, err
				}
				it.Vals[i] = n
			}
		}
	}
	return it, nil
}

// echoWant is the response the echo handler owes to a request.
func echoWant(id int64, name string, vals []int64) string {
	var sum int64
	for _, v := range vals {
		sum += v
	}
	var b strings.Builder
	fmt.Fprintf(&b, "id=%d;name=%s;sum=%d;rev=", id, strings.ToUpper(name), sum)
	for i := len(vals) - 1; i >= 0; i-- {
		b.WriteString(strconv.FormatInt(vals[i], 10))
		if i > 0 {
			b.WriteByte(',')
		}
	}
	return b.String()
}

func (s *e2eServer) echo(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	body := allocator.FrameBytes(l, 4096)
	n, err := io.ReadFull(r.Body, body)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	it, err := parseEcho(l, body[:n])
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// A scratch pattern that only this request writes: were another
	// request on this Local at the same time, it would change under us.
	scratch := allocator.FrameSlice[int64](l, 64)
	for i := range scratch {
		scratch[i] = it.ID*1000 + int64(i)
	}
	runtime.Gosched()
	var sum int64
	for _, v := range it.Vals {
		sum += v
	}
	out := allocator.FrameBytes(l, 64+len(it.Name)+21*len(it.Vals))[:0]
	out = append(out, "id="...)
	out = strconv.AppendInt(out, it.ID, 10)
	out = append(out, ";name="...)
	for _, c := range it.Name {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		out = append(out, c)
	}
	out = append(out, ";sum="...)
	out = strconv.AppendInt(out, sum, 10)
	out = append(out, ";rev="...)
	for i := len(it.Vals) - 1; i >= 0; i-- {
		out = strconv.AppendInt(out, it.Vals[i], 10)
		if i > 0 {
			out = append(out, ',')
		}
	}
	runtime.Gosched()
	for i, v := range scratch {
		if v != it.ID*1000+int64(i) {
			s.t.Errorf("request %d: frame memory changed by another request", it.ID)
			break
		}
	}
	w.Write(out)
}

func (s *e2eServer) stream(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	w.Header().Set("Content-Type", "text/event-stream")
	rc := http.NewResponseController(w)
	for i := 0; i < n; i++ {
		// Each message takes most of the frame budget: without Cycle the
		// stream would exceed it.
		msg := allocator.FrameBytes(framehttp.Local(r), 12*allocator.KiB)[:0]
		msg = append(msg, "data: "...)
		msg = append(msg, id...)
		msg = append(msg, ' ')
		msg = strconv.AppendInt(msg, int64(i), 10)
		msg = append(msg, "\n\n"...)
		w.Write(msg)
		if err := rc.Flush(); err != nil {
			s.t.Errorf("stream Flush: %v", err)
		}
		framehttp.Cycle(r)
		s.cycles.Add(1)
	}
}

func (s *e2eServer) hijack(w http.ResponseWriter, r *http.Request) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		s.t.Errorf("Hijack: %v", err)
		return
	}
	defer conn.Close()
	id := r.URL.Query().Get("id")
	b := allocator.FrameBytes(framehttp.Local(r), 256)[:0]
	b = append(b, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "...)
	b = strconv.AppendInt(b, int64(len("hijacked ")+len(id)), 10)
	b = append(b, "\r\n\r\nhijacked "...)
	b = append(b, id...)
	brw.Write(b)
	brw.Flush()
}

func (s *e2eServer) controller(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	if err := rc.SetWriteDeadline(time.Now().Add(10 * time.Second)); err != nil {
		s.t.Errorf("SetWriteDeadline: %v", err)
	}
	if err := rc.EnableFullDuplex(); err != nil {
		s.t.Errorf("EnableFullDuplex: %v", err)
	}
	b := allocator.FrameBytes(framehttp.Local(r), 64)[:0]
	b = append(b, "deadline "...)
	b = append(b, r.URL.Query().Get("id")...)
	w.Write(b)
	if err := rc.Flush(); err != nil {
		s.t.Errorf("Flush: %v", err)
	}
}

// count wraps the middleware: requests that reach it, the most in flight at
// once, and a WaitGroup the test waits on after Shutdown (which does not
// wait for hijacked connections).
func (s *e2eServer) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.running.Add(1)
		defer s.running.Done()
		s.inMW.Add(1)
		n := s.flight.Add(1)
		for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
		}
		defer s.flight.Add(-1)
		h.ServeHTTP(w, r)
	})
}

// The kinds of request a client sends, with how often (out of 100).
const (
	kEcho = iota
	kStream
	kHijack
	kController
	kPanic
	kAbort
	kBudget
	kBudgetLate
	kinds
)

var kindNames = [kinds]string{"echo", "stream", "hijack", "controller", "panic", "abort", "budget", "budget-late"}

func pickKind(rng *rand.Rand) int {
	switch n := rng.Intn(100); {
	case n < 80:
		return kEcho
	case n < 85:
		return kStream
	case n < 88:
		return kHijack
	case n < 91:
		return kController
	case n < 93:
		return kPanic
	case n < 95:
		return kAbort
	case n < 98:
		return kBudget
	default:
		return kBudgetLate
	}
}

// TestEndToEnd serves a real http.Server on a loopback port to hundreds of
// concurrent clients for a few seconds and checks every response against
// its request, the Locals (reused, at most the concurrency seen), the frames
// (all ended), the panicking and over-budget handlers, hijacked and
// ResponseController-driven connections, and that no goroutine is left
// after Shutdown.
func TestEndToEnd(t *testing.T) {
	clients, dur := 200, 3*time.Second
	if testing.Short() {
		clients, dur = 100, time.Second
	}
	goroutinesBefore := runtime.NumGoroutine()

	a := allocator.New(allocator.Config{})
	s := &e2eServer{t: t}
	var mwLog, srvLog syncBuffer
	mux := http.NewServeMux()
	mux.HandleFunc("POST /echo", s.echo)
	mux.HandleFunc("GET /stream", s.stream)
	mux.HandleFunc("GET /hijack", s.hijack)
	mux.HandleFunc("GET /controller", s.controller)
	mux.HandleFunc("POST /panic", func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 100)
		panic("e2e handler panic")
	})
	mux.HandleFunc("POST /abort", func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 100)
		panic(http.ErrAbortHandler)
	})
	mux.HandleFunc("GET /budget", func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameSlice[int64](framehttp.Local(r), 4096) // 32 KiB
		t.Error("allocation past the budget returned")
	})
	mux.HandleFunc("POST /budget-late", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "partial ")
		http.NewResponseController(w).Flush()
		allocator.FrameSlice[int64](framehttp.Local(r), 4096)
	})
	mw := framehttp.Middleware(a, framehttp.Options{
		FrameBudget: 16 * allocator.KiB,
		TagFunc:     framehttp.PatternTag(mux),
		ErrorLog:    log.New(&mwLog, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s.count(mw(mux)), ErrorLog: log.New(&srvLog, "", 0)}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()

	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: clients}
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var sent, verified [kinds]atomic.Int64
	var total atomic.Int64
	// The clients run for dur, and on a slow machine until each has made
	// five requests on average, so that Locals are seen reused.
	start := time.Now()
	deadline, minRequests := start.Add(dur), int64(5*clients)
	more := func() bool {
		return time.Now().Before(deadline) || total.Load() < minRequests && time.Now().Before(deadline.Add(time.Minute))
	}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(c)))
			for i := 0; more(); i++ {
				total.Add(1)
				id := int64(c)*1_000_000 + int64(i)
				k := pickKind(rng)
				sent[k].Add(1)
				if err := e2eRequest(client, base, k, id, rng); err != nil {
					t.Errorf("%s request %d: %v", kindNames[k], id, err)
					continue
				}
				verified[k].Add(1)
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start).Round(100 * time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
	s.running.Wait()
	tr.CloseIdleConnections()

	live := a.Stats()
	a.Close()
	final := a.Stats()
	requests := s.inMW.Load()
	for k := range sent {
		if sent[k].Load() != verified[k].Load() {
			t.Errorf("%s: %d sent, %d verified", kindNames[k], sent[k].Load(), verified[k].Load())
		}
		if sent[k].Load() == 0 {
			t.Errorf("no %s request was sent", kindNames[k])
		}
	}
	if requests != total.Load() {
		t.Errorf("%d requests reached the middleware, %d were sent", requests, total.Load())
	}
	wantFrames := uint64(requests + s.cycles.Load())
	if final.FramesCompleted != wantFrames {
		t.Errorf("%d frames ended, want %d (one per request plus one per Cycle)", final.FramesCompleted, wantFrames)
	}
	if int64(live.Locals) > s.peak.Load() {
		t.Errorf("%d Locals for at most %d requests in flight", live.Locals, s.peak.Load())
	}
	if int64(live.Locals)*3 > requests {
		t.Errorf("%d Locals for %d requests: not reused", live.Locals, requests)
	}

	// The logs: one framehttp line per budget exceedance; the server logs
	// each re-panicked handler panic, never http.ErrAbortHandler.
	ml, sl := mwLog.String(), srvLog.String()
	if got, want := int64(strings.Count(ml, "(503)")), sent[kBudget].Load(); got != want {
		t.Errorf("%d 503 log lines, want %d", got, want)
	}
	if got, want := int64(strings.Count(ml, "aborted")), sent[kBudgetLate].Load(); got != want {
		t.Errorf("%d aborted-response log lines, want %d", got, want)
	}
	if got, want := int64(strings.Count(sl, "e2e handler panic")), sent[kPanic].Load(); got != want {
		t.Errorf("server logged %d handler panics, want %d", got, want)
	}
	if strings.Contains(sl, "abort Handler") {
		t.Error("server logged http.ErrAbortHandler")
	}
	if ts := a.TagStats("POST /echo"); ts.FrameBytes == 0 {
		t.Errorf("no frame bytes under the echo route's tag: %+v", ts)
	}

	goroutinesAfter := runtime.NumGoroutine()
	for end := time.Now().Add(5 * time.Second); goroutinesAfter > goroutinesBefore && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond)
		goroutinesAfter = runtime.NumGoroutine()
	}
	if goroutinesAfter > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after Shutdown, %d before:\n%s", goroutinesAfter, goroutinesBefore, buf[:runtime.Stack(buf, true)])
	}
	var byKind strings.Builder
	for k := range sent {
		fmt.Fprintf(&byKind, " %s=%d", kindNames[k], sent[k].Load())
	}
	t.Logf("%d clients, %v: %d requests (%s), %d Cycles; %d Locals for at most %d in flight; %d frames ended; goroutines %d before, %d after",
		clients, elapsed, requests, strings.TrimSpace(byKind.String()), s.cycles.Load(), live.Locals, s.peak.Load(), final.FramesCompleted, goroutinesBefore, goroutinesAfter)
}

// e2eRequest sends one request of kind k and checks its response.
func e2eRequest(client *http.Client, base string, k int, id int64, rng *rand.Rand) error {
	ids := strconv.FormatInt(id, 10)
	switch k {
	case kEcho:
		vals := make([]int64, 1+rng.Intn(40))
		var body strings.Builder
		name := fmt.Sprintf("client%x", id)
		fmt.Fprintf(&body, "id=%d;name=%s;vals=", id, name)
		for i := range vals {
			vals[i] = rng.Int63n(1_000_000) - 500_000
			if i > 0 {
				body.WriteByte(',')
			}
			body.WriteString(strconv.FormatInt(vals[i], 10))
		}
		resp, err := client.Post(base+"/echo", "text/plain", strings.NewReader(body.String()))
		return expect(resp, err, 200, echoWant(id, name, vals))
	case kStream:
		n := 2 + rng.Intn(4)
		resp, err := client.Get(fmt.Sprintf("%s/stream?id=%d&n=%d", base, id, n))
		var want strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&want, "data: %d %d\n\n", id, i)
		}
		return expect(resp, err, 200, want.String())
	case kHijack:
		resp, err := client.Get(base + "/hijack?id=" + ids)
		return expect(resp, err, 200, "hijacked "+ids)
	case kController:
		resp, err := client.Get(base + "/controller?id=" + ids)
		return expect(resp, err, 200, "deadline "+ids)
	case kBudget:
		resp, err := client.Get(base + "/budget")
		return expect(resp, err, 503, "Service Unavailable\n")
	case kPanic, kAbort, kBudgetLate:
		// The server closes the connection: an error, or a body cut short.
		// POST, so that the client does not retry the request on a new
		// connection (it retries idempotent requests whose reused
		// connection closed before any response).
		resp, err := client.Post(base+"/"+kindNames[k], "text/plain", strings.NewReader(ids))
		if err != nil {
			return nil
		}
		defer resp.Body.Close()
		if _, err := io.ReadAll(resp.Body); err == nil {
			return fmt.Errorf("complete response %d", resp.StatusCode)
		}
		return nil
	}
	return fmt.Errorf("unknown kind %d", k)
}

func expect(resp *http.Response, err error, code int, body string) error {
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(bufio.NewReader(resp.Body))
	if err != nil {
		return err
	}
	if resp.StatusCode != code || string(got) != body {
		return fmt.Errorf("got %d %q, want %d %q", resp.StatusCode, got, code, body)
	}
	return nil
}
