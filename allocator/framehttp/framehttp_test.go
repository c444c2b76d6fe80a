package framehttp_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs one request through h and returns the recorder.
func serve(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	return rec
}

// closedStats closes a and returns its final statistics: every Local has
// published its counters, so FramesCompleted is exact.
func closedStats(a *allocator.Allocator) allocator.Stats {
	a.Close()
	return a.Stats()
}

func TestFrameAroundHandler(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var seen []*allocator.Local
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := framehttp.Local(r)
		if !l.Stats().InFrame {
			t.Error("handler runs outside a frame")
		}
		seen = append(seen, l)
		b := allocator.FrameBytes(l, 64)
		n := copy(b, r.URL.Query().Get("v"))
		w.Write(b[:n])
	}))
	for _, v := range []string{"one", "two", "three"} {
		if got := serve(h, "GET", "/?v="+v, "").Body.String(); got != v {
			t.Errorf("body %q, want %q", got, v)
		}
	}
	if seen[0] != seen[1] || seen[1] != seen[2] {
		t.Error("sequential requests did not reuse one Local")
	}
	if seen[0].Stats().InFrame {
		t.Error("frame not ended after the handler returned")
	}
	st := closedStats(a)
	if st.FramesCompleted != 3 || st.FrameAllocations != 3 {
		t.Errorf("FramesCompleted %d FrameAllocations %d, want 3 and 3", st.FramesCompleted, st.FrameAllocations)
	}
}

func TestLocalWithoutMiddleware(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	if _, err := framehttp.TryLocal(r); !errors.Is(err, framehttp.ErrNoFrame) {
		t.Errorf("TryLocal without middleware: %v, want ErrNoFrame", err)
	}
	for name, f := range map[string]func(*http.Request){
		"Local": func(r *http.Request) { framehttp.Local(r) },
		"Cycle": framehttp.Cycle,
	} {
		func() {
			defer func() {
				v := recover()
				if err, _ := v.(error); !errors.Is(err, framehttp.ErrNoFrame) {
					t.Errorf("%s without middleware panicked with %v, want ErrNoFrame", name, v)
				}
			}()
			f(r)
		}()
	}
}

func TestLocalAfterHandlerReturned(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var kept *http.Request
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := framehttp.TryLocal(r); err != nil {
			t.Errorf("TryLocal in the handler: %v", err)
		}
		kept = r
	}))
	serve(h, "GET", "/", "")
	if _, err := framehttp.TryLocal(kept); !errors.Is(err, framehttp.ErrNoFrame) {
		t.Errorf("TryLocal after the handler returned: %v, want ErrNoFrame", err)
	}
}

func TestFrameBudget503(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var logged syncBuffer
	h := framehttp.Middleware(a, framehttp.Options{
		FrameBudget: 1 * allocator.KiB,
		ErrorLog:    log.New(&logged, "", 0),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := 512
		if r.URL.Path == "/big" {
			n = 4096
		}
		allocator.FrameBytes(framehttp.Local(r), n)
		io.WriteString(w, "ok")
	}))
	if rec := serve(h, "GET", "/small", ""); rec.Code != 200 || rec.Body.String() != "ok" {
		t.Errorf("within budget: %d %q", rec.Code, rec.Body)
	}
	rec := serve(h, "GET", "/big", "")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("past the budget: status %d, want 503", rec.Code)
	}
	if s := logged.String(); !strings.Contains(s, "GET /big") || !strings.Contains(s, "frame budget exceeded") || !strings.Contains(s, "(503)") {
		t.Errorf("log line %q does not name the request, the budget and the 503", s)
	}
	// The Local went back to the pool with its frame ended: the next
	// request reuses it.
	if rec := serve(h, "GET", "/small", ""); rec.Code != 200 {
		t.Errorf("after a budget exceedance: %d", rec.Code)
	}
	st := closedStats(a)
	if st.FramesCompleted != 3 {
		t.Errorf("FramesCompleted %d, want 3", st.FramesCompleted)
	}
}

func TestBudgetFromConfigAndReset(t *testing.T) {
	a := allocator.New(allocator.Config{FrameBudget: 2 * allocator.KiB})
	h := framehttp.Middleware(a, framehttp.Options{ErrorLog: log.New(io.Discard, "", 0)})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := framehttp.Local(r)
		if r.URL.Path == "/raise" {
			l.SetFrameBudget(64 * allocator.KiB) // for this request only
		}
		allocator.FrameBytes(l, 8*allocator.KiB)
	}))
	if c := serve(h, "GET", "/raise", "").Code; c != 200 {
		t.Errorf("handler raising its budget: %d, want 200", c)
	}
	if c := serve(h, "GET", "/plain", "").Code; c != http.StatusServiceUnavailable {
		t.Errorf("next request on the same Local: %d, want 503 (Config.FrameBudget restored)", c)
	}
}

func TestBudgetExceededHandlerAndTagBudget(t *testing.T) {
	a := allocator.New(allocator.Config{})
	a.SetTagBudget("api", 0, 1*allocator.KiB)
	var got *allocator.BudgetError
	h := framehttp.Middleware(a, framehttp.Options{
		Tag:      "api",
		ErrorLog: log.New(io.Discard, "", 0),
		BudgetExceeded: func(w http.ResponseWriter, r *http.Request, err *allocator.BudgetError) {
			if _, e := framehttp.TryLocal(r); e == nil {
				t.Error("Local available in BudgetExceeded")
			}
			got = err
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		},
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 2*allocator.KiB)
	}))
	rec := serve(h, "GET", "/", "")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("custom handler not used: %d", rec.Code)
	}
	if got == nil || got.Kind != "tag" || got.Tag != "api" {
		t.Errorf("BudgetExceeded got %+v, want the tag budget of api", got)
	}
}

func TestBudgetAfterResponseStartedAborts(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var logged syncBuffer
	h := framehttp.Middleware(a, framehttp.Options{
		FrameBudget: 1 * allocator.KiB,
		ErrorLog:    log.New(&logged, "", 0),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "partial")
		allocator.FrameBytes(framehttp.Local(r), 4096)
	}))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("panic %v, want http.ErrAbortHandler", v)
		}
		if !strings.Contains(logged.String(), "aborted") {
			t.Errorf("log %q does not say the response was aborted", logged.String())
		}
	}()
	serve(h, "GET", "/", "")
}

func TestPanicEndsFrameAndRepanics(t *testing.T) {
	a := allocator.New(allocator.Config{})
	type boom struct{ msg string }
	var l *allocator.Local
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l = framehttp.Local(r)
		allocator.FrameBytes(l, 100)
		if r.URL.Path == "/panic" {
			panic(boom{"handler failed"})
		}
	}))
	func() {
		defer func() {
			if v := recover(); v != (boom{"handler failed"}) {
				t.Errorf("panic %v, want the handler's value", v)
			}
		}()
		serve(h, "GET", "/panic", "")
	}()
	if l.Stats().InFrame {
		t.Error("frame not ended after a panic")
	}
	first := l
	serve(h, "GET", "/ok", "")
	if l != first {
		t.Error("the Local was not returned to the pool after the panic")
	}
	if st := closedStats(a); st.FramesCompleted != 2 {
		t.Errorf("FramesCompleted %d, want 2", st.FramesCompleted)
	}
}

func TestAbortHandlerKeepsMeaning(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var srvLog syncBuffer
	ts := httptest.NewUnstartedServer(framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 10)
		switch r.URL.Path {
		case "/abort":
			panic(http.ErrAbortHandler)
		case "/panic":
			panic("handler bug")
		}
	})))
	ts.Config.ErrorLog = log.New(&srvLog, "", 0)
	ts.Start()
	defer ts.Close()
	if _, err := http.Get(ts.URL + "/abort"); err == nil {
		t.Error("aborted response reached the client as a response")
	}
	if _, err := http.Get(ts.URL + "/panic"); err == nil {
		t.Error("panicking handler gave a response")
	}
	ts.Close()
	s := srvLog.String()
	if strings.Contains(s, "abort Handler") {
		t.Errorf("http.ErrAbortHandler was logged: %q", s)
	}
	// The server logs the re-panic with the stack of the original panic.
	if !strings.Contains(s, "handler bug") || !strings.Contains(s, "TestAbortHandlerKeepsMeaning.func1") {
		t.Errorf("server log lacks the panic value or the handler's frame:\n%s", s)
	}
}

func TestTagFixedAndPattern(t *testing.T) {
	a := allocator.New(allocator.Config{})
	alloc := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 100)
	})
	serve(framehttp.Middleware(a, framehttp.Options{Tag: "api"})(alloc), "GET", "/", "")
	if ts := a.TagStats("api"); ts.FrameBytes != 100 {
		t.Errorf("fixed tag: %+v", ts)
	}

	// Outside the mux: the middleware wraps the whole mux.
	mux := http.NewServeMux()
	mux.Handle("GET /items/{id}", alloc)
	outer := framehttp.Middleware(a, framehttp.Options{TagFunc: framehttp.PatternTag(mux)})(mux)
	serve(outer, "GET", "/items/7", "")
	serve(outer, "GET", "/items/8", "")
	serve(outer, "GET", "/nothing", "")
	if ts := a.TagStats("GET /items/{id}"); ts.FrameBytes != 200 {
		t.Errorf("pattern tag around the mux: %+v", ts)
	}

	// Inside the mux: the middleware wraps one route.
	mux2 := http.NewServeMux()
	mw := framehttp.Middleware(a, framehttp.Options{TagFunc: framehttp.PatternTag(mux2)})
	mux2.Handle("POST /orders", mw(alloc))
	serve(mux2, "POST", "/orders", "")
	if ts := a.TagStats("POST /orders"); ts.FrameBytes != 100 {
		t.Errorf("pattern tag inside the mux: %+v", ts)
	}
}

func TestTagFuncPanicReturnsLocal(t *testing.T) {
	a := allocator.New(allocator.Config{})
	h := framehttp.Middleware(a, framehttp.Options{TagFunc: func(r *http.Request) string {
		if r.URL.Path == "/bad" {
			panic("no tag for this route")
		}
		return "ok"
	}})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 10)
	}))
	func() {
		defer func() {
			if v := recover(); v != "no tag for this route" {
				t.Errorf("panic %v, want the TagFunc's", v)
			}
		}()
		serve(h, "GET", "/bad", "")
	}()
	serve(h, "GET", "/good", "")
	if st := a.Stats(); st.Locals != 1 {
		t.Errorf("%d Locals after a TagFunc panic and a request, want 1 (the Local returned)", st.Locals)
	}
	if st := closedStats(a); st.FramesCompleted != 1 {
		t.Errorf("FramesCompleted %d, want 1", st.FramesCompleted)
	}
}

func TestCycle(t *testing.T) {
	a := allocator.New(allocator.Config{})
	h := framehttp.Middleware(a, framehttp.Options{FrameBudget: 1 * allocator.KiB, Tag: "stream"})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := framehttp.Local(r)
		start := l.FrameNumber()
		for i := 0; i < 5; i++ {
			// 800 bytes per message: five would exceed the budget of one
			// frame, one per frame does not.
			b := allocator.FrameBytes(l, 800)
			b[0] = byte('a' + i)
			w.Write(b[:1])
			framehttp.Cycle(r)
		}
		if got := l.FrameNumber() - start; got != 5 {
			t.Errorf("frame number advanced by %d, want 5", got)
		}
	}))
	if rec := serve(h, "GET", "/", ""); rec.Code != 200 || rec.Body.String() != "abcde" {
		t.Errorf("stream: %d %q", rec.Code, rec.Body)
	}
	if ts := a.TagStats("stream"); ts.FrameBytes != 5*800 {
		t.Errorf("tag across Cycle: %+v", ts)
	}
	if st := closedStats(a); st.FramesCompleted != 6 {
		t.Errorf("FramesCompleted %d, want 6 (5 Cycles and the request's end)", st.FramesCompleted)
	}
}

func TestNestedMiddlewareSharesFrame(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var outer, inner *allocator.Local
	in := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner = framehttp.Local(r)
	}))
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		outer = framehttp.Local(r)
		in.ServeHTTP(w, r)
	}))
	serve(h, "GET", "/", "")
	if outer == nil || outer != inner {
		t.Error("nested middleware took a second Local")
	}
	if st := closedStats(a); st.FramesCompleted != 1 {
		t.Errorf("FramesCompleted %d, want 1", st.FramesCompleted)
	}

	// A second Allocator's middleware gives the request a Local of its own.
	a1, a2 := allocator.New(allocator.Config{}), allocator.New(allocator.Config{})
	in2 := framehttp.Middleware(a2, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner = framehttp.Local(r)
	}))
	h = framehttp.Middleware(a1, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		outer = framehttp.Local(r)
		in2.ServeHTTP(w, r)
		if framehttp.Local(r) != outer {
			t.Error("outer request lost its Local")
		}
	}))
	serve(h, "GET", "/", "")
	if outer == inner || a2.Stats().Locals != 1 {
		t.Error("middleware of another Allocator reused the outer Local")
	}
}

func TestConcurrentRequestsGetDistinctLocals(t *testing.T) {
	a := allocator.New(allocator.Config{})
	const n = 8
	var mu sync.Mutex
	inUse := map[*allocator.Local]bool{}
	arrived := make(chan struct{}, n)
	release := make(chan struct{})
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := framehttp.Local(r)
		mu.Lock()
		if inUse[l] {
			t.Error("two requests in flight on one Local")
		}
		inUse[l] = true
		mu.Unlock()
		if r.URL.Path == "/hold" {
			arrived <- struct{}{}
			<-release
		}
		mu.Lock()
		delete(inUse, l)
		mu.Unlock()
	}))
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); serve(h, "GET", "/hold", "") }()
	}
	for i := 0; i < n; i++ {
		<-arrived
	}
	close(release)
	wg.Wait()
	if got := a.Stats().Locals; got != n {
		t.Errorf("%d Locals for %d requests in flight at once, want %d", got, n, n)
	}
	// Sequential requests afterwards reuse them.
	for i := 0; i < 20; i++ {
		serve(h, "GET", "/", "")
	}
	if got := a.Stats().Locals; got != n {
		t.Errorf("%d Locals after sequential requests, want still %d", got, n)
	}
}

func TestMaxLocals(t *testing.T) {
	a := allocator.New(allocator.Config{})
	const max, clients = 3, 12
	var inFlight, peak atomic.Int32
	h := framehttp.Middleware(a, framehttp.Options{MaxLocals: max})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		allocator.FrameBytes(framehttp.Local(r), 10)
		time.Sleep(2 * time.Millisecond)
		inFlight.Add(-1)
	}))
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				if c := serve(h, "GET", "/", "").Code; c != 200 {
					t.Errorf("status %d", c)
				}
			}
		}()
	}
	wg.Wait()
	if got := a.Stats().Locals; got > max {
		t.Errorf("%d Locals, want at most MaxLocals %d", got, max)
	}
	if p := peak.Load(); p > max {
		t.Errorf("%d requests in the handler at once, want at most %d", p, max)
	}

	// A request whose context ends while it waits is answered 503.
	block := make(chan struct{})
	var logged syncBuffer
	hb := framehttp.Middleware(a, framehttp.Options{MaxLocals: 1, ErrorLog: log.New(&logged, "", 0)})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-block
	}))
	done := make(chan struct{})
	go func() { serve(hb, "GET", "/first", ""); close(done) }()
	for a.Stats().Locals < max+1 { // the first request holds a new Local
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	rec := httptest.NewRecorder()
	hb.ServeHTTP(rec, httptest.NewRequest("GET", "/second", nil).WithContext(ctx))
	close(block)
	<-done
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(logged.String(), "GET /second") {
		t.Errorf("waiting request whose context ended: %d, log %q", rec.Code, logged.String())
	}
}

// waitFor wraps h so that wg counts its running calls.
func waitFor(wg *sync.WaitGroup, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wg.Add(1)
		defer wg.Done()
		h.ServeHTTP(w, r)
	})
}

// minimalWriter implements only http.ResponseWriter.
type minimalWriter struct {
	h    http.Header
	body bytes.Buffer
	code int
}

func (m *minimalWriter) Header() http.Header         { return m.h }
func (m *minimalWriter) Write(b []byte) (int, error) { return m.body.Write(b) }
func (m *minimalWriter) WriteHeader(code int)        { m.code = code }

func TestWriterInterfaces(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var flusher, hijacker bool
	var unwrapped http.ResponseWriter
	h := framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, flusher = w.(http.Flusher)
		_, hijacker = w.(http.Hijacker)
		unwrapped = w.(interface{ Unwrap() http.ResponseWriter }).Unwrap()
		if _, ok := w.(io.ReaderFrom); !ok {
			t.Error("wrapper is not an io.ReaderFrom")
		}
		io.Copy(w, strings.NewReader("copied"))
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if !flusher || hijacker || unwrapped != rec {
		t.Errorf("over a ResponseRecorder: Flusher %v Hijacker %v Unwrap %v", flusher, hijacker, unwrapped == rec)
	}
	if rec.Body.String() != "copied" {
		t.Errorf("body %q", rec.Body)
	}
	mw := &minimalWriter{h: http.Header{}}
	h.ServeHTTP(mw, httptest.NewRequest("GET", "/", nil))
	if flusher || hijacker || mw.body.String() != "copied" {
		t.Errorf("over a minimal writer: Flusher %v Hijacker %v body %q", flusher, hijacker, mw.body.String())
	}
}

func TestResponseControllerAndHijack(t *testing.T) {
	a := allocator.New(allocator.Config{})
	var logged syncBuffer
	// httptest.Server.Close does not wait for handlers of hijacked
	// connections: the test waits for every handler to return.
	var handlers sync.WaitGroup
	mw := framehttp.Middleware(a, framehttp.Options{FrameBudget: 1 * allocator.KiB, ErrorLog: log.New(&logged, "", 0)})
	ts := httptest.NewServer(waitFor(&handlers, mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := framehttp.Local(r)
		rc := http.NewResponseController(w)
		switch r.URL.Path {
		case "/controller":
			if err := rc.SetWriteDeadline(time.Now().Add(5 * time.Second)); err != nil {
				t.Errorf("SetWriteDeadline: %v", err)
			}
			if err := rc.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
				t.Errorf("SetReadDeadline: %v", err)
			}
			if err := rc.EnableFullDuplex(); err != nil {
				t.Errorf("EnableFullDuplex: %v", err)
			}
			b := allocator.FrameBytes(l, 5)
			copy(b, "first")
			w.Write(b)
			if err := rc.Flush(); err != nil {
				t.Errorf("Flush: %v", err)
			}
		case "/hijack", "/hijack-budget":
			conn, brw, err := rc.Hijack()
			if err != nil {
				t.Errorf("Hijack: %v", err)
				return
			}
			defer conn.Close()
			b := allocator.FrameBytes(l, 128)
			n := copy(b, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhijacked")
			brw.Write(b[:n])
			brw.Flush()
			if r.URL.Path == "/hijack-budget" {
				allocator.FrameBytes(l, 4096)
			}
		}
	}))))
	defer ts.Close()
	for path, want := range map[string]string{"/controller": "first", "/hijack": "hijacked", "/hijack-budget": "hijacked"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != want {
			t.Errorf("%s: body %q, want %q", path, body, want)
		}
	}
	ts.Close()
	handlers.Wait()
	if s := logged.String(); !strings.Contains(s, "GET /hijack-budget") || !strings.Contains(s, "hijacked") {
		t.Errorf("budget exceeded after hijack not logged as such: %q", s)
	}
	if st := closedStats(a); st.FramesCompleted != 3 {
		t.Errorf("FramesCompleted %d, want 3", st.FramesCompleted)
	}
}

func TestBehaviorFilterAndSnapshot(t *testing.T) {
	a := allocator.New(allocator.Config{})
	a.EnableBehaviorFilter()
	h := framehttp.Middleware(a, framehttp.Options{Tag: "legacy"})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Heap allocations inside the frame, request after request: BF004.
		p := allocator.Heap[[64]byte](framehttp.Local(r))
		w.Write(p[:1])
	}))
	for i := 0; i < 12; i++ {
		serve(h, "GET", "/", "")
	}
	rep := a.BehaviorReport()
	found := false
	for _, is := range rep.Issues {
		if is.Code == "BF004" && is.Tag == "legacy" {
			found = true
		}
	}
	if !found {
		t.Errorf("behavior filter under the middleware: %+v, want BF004 for tag legacy", rep)
	}
	s := a.Snapshot(0)
	if s.Summary.Locals != 1 || len(s.Goroutines) != 1 {
		t.Errorf("snapshot: %d Locals, %d goroutines, want 1", s.Summary.Locals, len(s.Goroutines))
	}
	tagged := false
	for _, tg := range s.Tags {
		tagged = tagged || tg.Tag == "legacy" && tg.HeapBytes == 12*64
	}
	if !tagged {
		t.Errorf("snapshot tags %+v lack legacy with %d heap bytes", s.Tags, 12*64)
	}
}

func TestHTTP2(t *testing.T) {
	a := allocator.New(allocator.Config{})
	ts := httptest.NewUnstartedServer(framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor != 2 {
			t.Errorf("protocol %s, want HTTP/2", r.Proto)
		}
		if _, ok := w.(http.Hijacker); ok {
			t.Error("wrapper of an HTTP/2 writer is an http.Hijacker")
		}
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Now().Add(5 * time.Second)); err != nil {
			t.Errorf("SetWriteDeadline: %v", err)
		}
		// The server's HTTP/2 writer has EnableFullDuplex since Go 1.24;
		// through the wrapper it must answer as it does itself.
		bare := w.(interface{ Unwrap() http.ResponseWriter }).Unwrap()
		if _, ok := bare.(interface{ EnableFullDuplex() error }); ok {
			if err := rc.EnableFullDuplex(); err != nil {
				t.Errorf("EnableFullDuplex: %v", err)
			}
		} else if err := rc.EnableFullDuplex(); !errors.Is(err, http.ErrNotSupported) {
			t.Errorf("EnableFullDuplex over an HTTP/2 writer without it: %v, want http.ErrNotSupported", err)
		}
		if _, _, err := rc.Hijack(); !errors.Is(err, http.ErrNotSupported) {
			t.Errorf("Hijack over HTTP/2: %v, want http.ErrNotSupported", err)
		}
		b := allocator.FrameBytes(framehttp.Local(r), 2)
		copy(b, "h2")
		w.Write(b)
		if err := rc.Flush(); err != nil {
			t.Errorf("Flush: %v", err)
		}
	})))
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	resp, err := ts.Client().Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "h2" || resp.ProtoMajor != 2 {
		t.Errorf("%s %q", resp.Proto, body)
	}
}
