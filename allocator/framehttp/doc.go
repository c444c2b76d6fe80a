// Package framehttp runs each request of a net/http server in a frame of
// the allocator: scratch memory a handler needs while it serves one request
// (decoded bodies, intermediate results, response buffers) is a pointer bump
// and is dropped in one step when the handler returns, instead of becoming
// garbage for the collector.
//
// Middleware wraps a handler, in the convention of net/http middleware:
//
//	a := allocator.New(allocator.Config{FrameBudget: 256 * allocator.KiB})
//	mux := http.NewServeMux()
//	mux.HandleFunc("POST /sum", sum)
//	srv := &http.Server{Handler: framehttp.Middleware(a, framehttp.Options{})(mux)}
//
// and the handler allocates through the request's Local:
//
//	func sum(w http.ResponseWriter, r *http.Request) {
//		l := framehttp.Local(r)
//		buf := allocator.FrameBytes(l, 4096) // gone when sum returns
//		...
//	}
//
// # Locals
//
// A Local is not safe for concurrent use, so each request in flight has a
// Local of its own, taken from a pool kept by the middleware: a Local serves
// one request at a time and is reused by later requests, so the number of
// Locals is the largest number of requests the middleware has had in flight
// at once (at most Options.MaxLocals when it is set). Locals are never
// closed by the middleware; closing the Allocator closes them, after the
// server has shut down.
//
// The frame begins before the handler runs and ends when it returns,
// whether it returns or panics: frame memory must not be kept past the
// handler (stored on the server, captured by a goroutine that outlives the
// request), exactly as it must not be kept past EndFrame. The `fa` checks
// know this. A handler that streams (server-sent events, long chunked
// responses) calls Cycle between messages to end the frame and begin the
// next one, so a long request does not accumulate frame memory.
//
// The frame ends when the wrapped handler's ServeHTTP returns, so nothing
// may keep using the Local after that: a goroutine the handler starts must
// be done with it before the handler returns (fa reports FA206 otherwise).
// Place http.TimeoutHandler outside the middleware,
// http.TimeoutHandler(framehttp.Middleware(a, opts)(h), d, msg), never
// inside it: TimeoutHandler returns at the timeout while the handler it
// wraps still runs, and inside the middleware that handler would still be
// using a Local already serving another request.
//
// # Panics and budgets
//
// A frame allocation past the frame budget (Options.FrameBudget, or the
// Allocator's Config.FrameBudget) or a tag budget panics with a
// *allocator.BudgetError. The middleware recovers it, ends the frame,
// returns the Local to the pool, writes a line to Options.ErrorLog and
// answers 503 Service Unavailable (or calls Options.BudgetExceeded). If the
// handler had already started its response, a 503 can no longer be sent:
// the middleware aborts the response instead (panic(http.ErrAbortHandler),
// which the server handles by closing the connection without a stack
// trace). Any other panic ends the frame, returns the Local and continues
// with the same value, so http.ErrAbortHandler and the server's own panic
// logging keep their meaning.
//
// # The ResponseWriter
//
// To tell whether a response has started, the middleware hands the handler
// a thin wrapper of the server's ResponseWriter. The wrapper implements
// http.Flusher and http.Hijacker exactly when the server's writer does,
// io.ReaderFrom and io.StringWriter always (forwarding to the server's
// writer, so sendfile still applies), and Unwrap, so http.ResponseController
// reaches the server's writer for Flush, Hijack, SetReadDeadline,
// SetWriteDeadline and EnableFullDuplex. Other optional interfaces are
// reached through Unwrap.
//
// # Tags, snapshots, the behavior filter
//
// Options.Tag or Options.TagFunc attribute every allocation of a request to
// a tag (PatternTag gives the ServeMux route pattern), so Allocator.TagStats,
// SetTagBudget, snapshots and the behavior filter (BF001–BF004) report per
// route. Locals of the middleware are ordinary Locals: Allocator.Stats,
// Snapshot and EnableBehaviorFilter see them like any other.
package framehttp
