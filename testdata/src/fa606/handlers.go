package fa606

import (
	"fmt"
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// framehttp.Cycle ends the request's frame and begins the next.

type Event struct{ N int }

func stream(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	var prev *Event
	for i := 0; i < 10; i++ {
		ev := allocator.Frame[Event](l)
		ev.N = i
		if prev != nil {
			ev.N += prev.N // want `FA606: frame value ev used after its frame ended`
		}
		fmt.Fprintln(w, ev.N)
		prev = ev
		framehttp.Cycle(r)
	}
}

func afterCycle(w http.ResponseWriter, r *http.Request) {
	ev := allocator.Frame[Event](framehttp.Local(r))
	n := ev.N
	framehttp.Cycle(r)
	fmt.Fprintln(w, n)
	fmt.Fprintln(w, ev.N) // want `FA606: frame value ev used after its frame ended`
}

// --- negatives ---

func eachCycle(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		ev := allocator.Frame[Event](framehttp.Local(r))
		ev.N = i
		fmt.Fprintln(w, ev.N)
		framehttp.Cycle(r)
	}
}

// Another request's Cycle does not end this request's frame.
func otherRequest(w http.ResponseWriter, r, other *http.Request) {
	ev := allocator.Frame[Event](framehttp.Local(r))
	framehttp.Cycle(other)
	fmt.Fprintln(w, ev.N)
}
