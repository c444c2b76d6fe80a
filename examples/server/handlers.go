package main

import (
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// The API's handlers, run under framehttp.Middleware: every buffer and
// struct a request needs is frame memory of the request's Local, gone when
// the handler returns. They allocate nothing from the Go heap (see
// TestHandlersAllocateNothing).

// quoteHandler serves POST /v1/quote.
func quoteHandler(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	room, err := bodyRoom(r)
	if err != nil {
		fail(w, err)
		return
	}
	body, err := readBody(r, allocator.FrameBytes(l, room))
	if err != nil {
		fail(w, err)
		return
	}
	d := decoder{data: body}
	q := allocator.Frame[quoteRequest](l)
	decodeQuote(&d, q, allocator.FrameBytes(l, len(body))[:0], func(n int) []quoteItem {
		return allocator.FrameSlice[quoteItem](l, n)
	})
	if d.err != nil {
		fail(w, d.err)
		return
	}
	res, err := priceQuote(q)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, appendQuote(allocator.FrameBytes(l, quoteBound(q))[:0], q, res))
}

// statsHandler serves POST /v1/stats.
func statsHandler(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	room, err := bodyRoom(r)
	if err != nil {
		fail(w, err)
		return
	}
	body, err := readBody(r, allocator.FrameBytes(l, room))
	if err != nil {
		fail(w, err)
		return
	}
	d := decoder{data: body}
	vs := decodeValues(&d, func(n int) []float64 {
		return allocator.FrameSlice[float64](l, n)
	})
	if d.err != nil {
		fail(w, d.err)
		return
	}
	s, err := summarize(vs)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, appendSummary(allocator.FrameBytes(l, summaryBound)[:0], s))
}
