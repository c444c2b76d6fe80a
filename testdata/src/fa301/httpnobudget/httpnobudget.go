// Package httpnobudget serves handlers through framehttp.Middleware with no
// budget anywhere (or with the budget removed): their Locals are not
// budgeted.
package httpnobudget

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
		line := allocator.FrameBytes(l, len(sc.Bytes())) // want `FA301: allocator.FrameBytes\(l, len\(sc.Bytes\(\)\)\) allocates in the for-condition loop at line \d+, which has no static bound, and nothing limits it`
		copy(line, sc.Bytes())
		w.Write(line)
		framehttp.Cycle(r)
	}
}

// Handler uses an Allocator with no budget and options that set none.
func Handler() http.Handler {
	a := allocator.New(allocator.Config{})
	return framehttp.Middleware(a, framehttp.Options{})(http.HandlerFunc(lines))
}

// Unlimited removes the budget the Config sets.
func Unlimited() http.Handler {
	a := allocator.New(allocator.Config{FrameBudget: 64 * allocator.KiB})
	return framehttp.Middleware(a, framehttp.Options{FrameBudget: -1})(http.HandlerFunc(lines))
}
