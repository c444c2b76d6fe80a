// Package httpbudget serves a handler through framehttp.Middleware with a
// per-request frame budget: its Local is budgeted.
package httpbudget

import (
	"bufio"
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

func lines(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	sc := bufio.NewScanner(r.Body)
	for sc.Scan() {
		line := allocator.FrameBytes(l, len(sc.Bytes())) // bounded by Options.FrameBudget
		copy(line, sc.Bytes())
		w.Write(line)
		framehttp.Cycle(r)
	}
}

// Handler budgets each request's frame in the middleware's options.
func Handler() http.Handler {
	a := allocator.New(allocator.Config{})
	return framehttp.Middleware(a, framehttp.Options{FrameBudget: 4096})(http.HandlerFunc(lines))
}
