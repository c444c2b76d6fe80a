package main

import "net/http"

// The same handlers with Go heap memory (make and new), served with -heap:
// the baseline of the load benchmark (bench/httpload). They differ from
// handlers.go only in where memory comes from.

// quoteHeap serves POST /v1/quote from the heap.
func quoteHeap(w http.ResponseWriter, r *http.Request) {
	room, err := bodyRoom(r)
	if err != nil {
		fail(w, err)
		return
	}
	body, err := readBody(r, make([]byte, room))
	if err != nil {
		fail(w, err)
		return
	}
	d := decoder{data: body}
	q := new(quoteRequest)
	decodeQuote(&d, q, make([]byte, 0, len(body)), func(n int) []quoteItem {
		return make([]quoteItem, n)
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
	writeJSON(w, appendQuote(make([]byte, 0, quoteBound(q)), q, res))
}

// statsHeap serves POST /v1/stats from the heap.
func statsHeap(w http.ResponseWriter, r *http.Request) {
	room, err := bodyRoom(r)
	if err != nil {
		fail(w, err)
		return
	}
	body, err := readBody(r, make([]byte, room))
	if err != nil {
		fail(w, err)
		return
	}
	d := decoder{data: body}
	vs := decodeValues(&d, func(n int) []float64 {
		return make([]float64, n)
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
	writeJSON(w, appendSummary(make([]byte, 0, summaryBound), s))
}
