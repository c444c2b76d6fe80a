package fa601

import (
	"net/http"

	fa "github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// Per-request frames with framehttp: the request's frame ends when the
// handler returns, so frame memory kept on the server escapes.

type Order struct {
	ID   int
	Note []byte
}

type Shop struct {
	last  *Order
	byID  map[int]*Order
	count int
}

var lastNote []byte

func decodeOrder(r *http.Request) *Order {
	o := fa.Frame[Order](framehttp.Local(r))
	o.Note = fa.FrameBytes(framehttp.Local(r), 16)
	return o
}

// --- positives ---

func (s *Shop) keep(w http.ResponseWriter, r *http.Request) {
	o := decodeOrder(r)
	s.last = o        // want `FA601: frame value o escapes to field last of receiver s`
	s.byID[1] = o     // want `FA601: frame value o escapes to field byID of receiver s`
	lastNote = o.Note // want `FA601: frame value o escapes to package-level variable lastNote`
}

func registered(shop *Shop) {
	http.HandleFunc("/keep", func(w http.ResponseWriter, r *http.Request) {
		shop.last = fa.Frame[Order](framehttp.Local(r)) // want `FA601: frame value .* escapes to field last of parameter shop`
	})
}

// --- negatives ---

func (s *Shop) count1(w http.ResponseWriter, r *http.Request) {
	o := decodeOrder(r)
	s.count += o.ID
	w.Write(o.Note)
}

func chain(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := decodeOrder(r)
		_ = o.ID
		next.ServeHTTP(w, r)
	})
}
