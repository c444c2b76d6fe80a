package fa604

import (
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// The framehttp middleware ends each request's frame with plain EndFrame
// (when the handler returns, and at each Cycle): promotions of a request's
// Local are never collected.

type Row struct{ ID int }

func promoteInHandler(w http.ResponseWriter, r *http.Request) {
	v := allocator.FrameRetained[Row](framehttp.Local(r), allocator.PromoteToHeap) // want `FA604: allocator.FrameRetained\[Row\]\(...\) promotes with PromoteToHeap, but the frames of framehttp.Local\(r\) are ended by the framehttp middleware with plain EndFrame`
	v.ID = 1
}

func promoteStreaming(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	for i := range 3 {
		v := allocator.FrameRetained[Row](l, allocator.PromoteToPool) // want `FA604: .* promotes with PromoteToPool, but the frames of l are ended by the framehttp middleware`
		v.ID = i
		framehttp.Cycle(r)
	}
}

// --- negatives ---

func discardInHandler(w http.ResponseWriter, r *http.Request) {
	v := allocator.FrameRetained[Row](framehttp.Local(r), allocator.Discard)
	v.ID = 1
}

// The handler collects the promotions of the frames it ends itself.
func collectInHandler(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	v := allocator.FrameRetained[Row](l, allocator.PromoteToHeap)
	v.ID = 1
	for _, p := range l.EndFrameWithPromotions() {
		_ = p
	}
	l.BeginFrame()
}

var _ = []http.HandlerFunc{promoteInHandler, promoteStreaming, discardInHandler, collectInHandler}
