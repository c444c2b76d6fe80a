package framehttp

import (
	"context"
	"errors"
	"log"
	"net/http"
	"sync/atomic"

	"github.com/framealloc/fa/allocator"
)

// Options configure Middleware. The zero value is usable: no per-request
// budget beyond the Allocator's, no tag, Locals bounded only by the
// concurrency seen, budget exceedances logged with the log package's
// standard logger and answered with 503.
type Options struct {
	// FrameBudget is the hard frame budget of each request's frame, in
	// bytes (the frame between two Cycle calls, for streams). Zero keeps
	// the Allocator's Config.FrameBudget; a negative value removes any
	// frame budget.
	FrameBudget int

	// Tag, when not empty, is the tag every allocation of a request is
	// attributed to (see allocator.Local.WithTag).
	Tag string

	// TagFunc, when set, gives the tag of each request (an empty result
	// means no tag); it takes precedence over Tag. Its results should come
	// from a small set (route patterns, handler names): each distinct tag
	// is a record the Allocator keeps. PatternTag gives the ServeMux route
	// pattern.
	TagFunc func(*http.Request) string

	// MaxLocals, when positive, bounds the number of Locals: a request
	// arriving while MaxLocals requests are in flight waits for one of
	// them to finish, or until its context is done (it is then answered
	// 503). Zero bounds the Locals only by the concurrency seen.
	MaxLocals int

	// BudgetExceeded, when set, writes the response to a request whose
	// handler panicked with a *allocator.BudgetError before starting its
	// response, in place of the default 503 Service Unavailable. It runs
	// after the request's frame has ended: Local(r) is not available.
	BudgetExceeded func(w http.ResponseWriter, r *http.Request, err *allocator.BudgetError)

	// ErrorLog receives one line per budget exceedance (and per request
	// that gave up waiting for a Local). Nil means the log package's
	// standard logger, as for http.Server.ErrorLog.
	ErrorLog *log.Logger
}

// ErrNoFrame is returned by TryLocal (and is the panic of Local and Cycle)
// for a request that is not being served under Middleware: the request did
// not go through the middleware, or its handler has returned.
var ErrNoFrame = errors.New("framehttp: request has no frame: not served under framehttp.Middleware, or its handler has returned")

// middleware is one Middleware call: its options and its pool of Locals,
// shared by every handler it wraps.
type middleware struct {
	a        *allocator.Allocator
	opts     Options
	pool     pool
	tagFixed string
}

// Middleware returns a net/http middleware that runs each request to the
// handler it wraps in a frame of a Local of a: BeginFrame before the
// handler, EndFrame when it returns or panics. Local(r) gives the handler
// that Local, Cycle(r) ends its frame and begins the next. Every handler
// wrapped by the returned function shares one pool of Locals. A request
// that already runs in a frame of a (the middleware applied twice, around
// a mux and around a route) is served in that frame.
func Middleware(a *allocator.Allocator, opts Options) func(http.Handler) http.Handler {
	if a == nil {
		panic("framehttp: Middleware with a nil Allocator")
	}
	m := &middleware{a: a, opts: opts, tagFixed: opts.Tag}
	m.pool.init(a, opts.MaxLocals, opts.FrameBudget)
	return func(next http.Handler) http.Handler {
		return &handler{m: m, next: next}
	}
}

// handler is the middleware around one handler.
type handler struct {
	m    *middleware
	next http.Handler
}

// ctxKey is the context key of a request's frame.
type ctxKey struct{}

// request is the per-request state: the request's context (carrying the
// frame) and the ResponseWriter wrapper, in one allocation.
type request struct {
	context.Context
	a     *allocator.Allocator
	local atomic.Pointer[allocator.Local] // nil once the handler returned
	w     plainWriter
}

// Value returns the request itself for ctxKey, the parent's value
// otherwise.
func (q *request) Value(key any) any {
	if key == (ctxKey{}) {
		return q
	}
	return q.Context.Value(key)
}

// String names the context, as the context package's own types do.
func (q *request) String() string { return "framehttp.frameContext" }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := h.m
	if q, ok := r.Context().Value(ctxKey{}).(*request); ok {
		if q.a == m.a && q.local.Load() != nil {
			h.next.ServeHTTP(w, r)
			return
		}
	}
	l, err := m.pool.get(r.Context())
	if err != nil {
		m.logf("framehttp: %s %s: no Local became free before the request ended: %v", r.Method, r.URL.Path, err)
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	q := &request{Context: r.Context(), a: m.a}
	q.local.Store(l)
	q.w.rw = w
	r = r.WithContext(q)
	ww := q.w.wrap()
	defer m.finish(q, l, ww, r)

	tag := m.tagFixed
	if m.opts.TagFunc != nil {
		tag = m.opts.TagFunc(r)
	}
	l.BeginFrame()
	if tag == "" {
		h.next.ServeHTTP(ww, r)
		return
	}
	l.WithTag(tag, func() { h.next.ServeHTTP(ww, r) })
}

// finish ends the request's frame, returns its Local and deals with a
// panic of the handler: a budget exceedance becomes a 503 (or an aborted
// response), anything else continues.
func (m *middleware) finish(q *request, l *allocator.Local, w http.ResponseWriter, r *http.Request) {
	v := recover()
	q.local.Store(nil)
	l.EndFrame()
	m.pool.put(l)
	if v == nil {
		return
	}
	var be *allocator.BudgetError
	if err, ok := v.(error); !ok || !errors.As(err, &be) {
		panic(v)
	}
	switch {
	case q.w.hijacked:
		m.logf("framehttp: %s %s: %v (connection hijacked, no response written)", r.Method, r.URL.Path, be)
	case q.w.started:
		m.logf("framehttp: %s %s: %v (response already started: aborted)", r.Method, r.URL.Path, be)
		panic(http.ErrAbortHandler)
	default:
		m.logf("framehttp: %s %s: %v (503)", r.Method, r.URL.Path, be)
		if m.opts.BudgetExceeded != nil {
			m.opts.BudgetExceeded(w, r, be)
			return
		}
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
	}
}

func (m *middleware) logf(format string, args ...any) {
	if m.opts.ErrorLog != nil {
		m.opts.ErrorLog.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// frameOf returns the frame state of r, nil when r has none.
func frameOf(r *http.Request) (*request, *allocator.Local) {
	q, _ := r.Context().Value(ctxKey{}).(*request)
	if q == nil {
		return nil, nil
	}
	return q, q.local.Load()
}

// Local returns the Local whose frame r's handler runs in. Frame memory
// allocated through it lives until the handler returns (or until the next
// Cycle). Local panics with ErrNoFrame when r is not being served under
// Middleware (see TryLocal for the error instead): that is a wiring error
// of the program, like a nil handler.
func Local(r *http.Request) *allocator.Local {
	_, l := frameOf(r)
	if l == nil {
		panic(ErrNoFrame)
	}
	return l
}

// TryLocal is Local returning ErrNoFrame instead of panicking, for code
// that serves requests with and without the middleware.
func TryLocal(r *http.Request) (*allocator.Local, error) {
	_, l := frameOf(r)
	if l == nil {
		return nil, ErrNoFrame
	}
	return l, nil
}

// Cycle ends the frame of r's handler and begins the next one: every frame
// value allocated for r so far is gone, the frame budget starts again from
// zero, and the tag stays. A streaming handler calls it between messages.
// It panics with ErrNoFrame when r is not being served under Middleware.
func Cycle(r *http.Request) {
	l := Local(r)
	l.EndFrame()
	l.BeginFrame()
}
