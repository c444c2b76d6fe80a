// Package httphandlers only defines handlers; the program that serves them
// (and configures the middleware's budget) is another package, so their
// Locals count as budgeted out of sight.
package httphandlers

import (
	"bufio"
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// Lines echoes the request body line by line.
func Lines(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	sc := bufio.NewScanner(r.Body)
	for sc.Scan() {
		line := allocator.FrameBytes(l, len(sc.Bytes()))
		copy(line, sc.Bytes())
		w.Write(line)
		framehttp.Cycle(r)
	}
}
