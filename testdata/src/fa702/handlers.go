package fa702

import (
	"net/http"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// A handler runs inside its request's frame: the middleware begins it
// before the handler and ends it when the handler returns (and at each
// framehttp.Cycle).

func sleepWithLiveBuffer(w http.ResponseWriter, r *http.Request) {
	buf := allocator.FrameBytes(framehttp.Local(r), 64)
	time.Sleep(time.Millisecond) // want `FA702: time.Sleep inside the frame of framehttp.Local\(r\) while frame value buf is live \(used again at line \d+\)`
	w.Write(buf)
}

func waitForBackend(w http.ResponseWriter, r *http.Request, results <-chan int) {
	l := framehttp.Local(r)
	row := allocator.Frame[Job](l)
	row.N = <-results // want `FA702: channel receive inside the frame of l while frame value row is live`
	w.Write([]byte{byte(row.N)})
}

// --- negatives ---

func sleepBeforeAllocating(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Millisecond)
	buf := allocator.FrameBytes(framehttp.Local(r), 64)
	w.Write(buf)
}

func sleepAfterLastUse(w http.ResponseWriter, r *http.Request) {
	buf := allocator.FrameBytes(framehttp.Local(r), 64)
	w.Write(buf)
	time.Sleep(time.Millisecond)
}

func sleepAfterCycle(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	for range 3 {
		buf := allocator.FrameBytes(l, 64)
		w.Write(buf)
		framehttp.Cycle(r)
		time.Sleep(time.Millisecond) // the previous buf's frame has ended
	}
}
