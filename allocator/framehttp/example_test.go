package framehttp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// A handler that builds its response in frame memory: the buffer is gone
// when the handler returns, the Local goes back to the middleware's pool.
func Example() {
	a := allocator.New(allocator.Config{FrameBudget: 64 * allocator.KiB})
	defer a.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /square/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		buf := allocator.FrameBytes(framehttp.Local(r), 32)[:0]
		buf = strconv.AppendInt(buf, int64(n*n), 10)
		w.Write(buf)
	})
	h := framehttp.Middleware(a, framehttp.Options{TagFunc: framehttp.PatternTag(mux)})(mux)

	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, n := range []string{"3", "12"} {
		resp, err := http.Get(srv.URL + "/square/" + n)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(n, "squared is", string(body))
	}
	fmt.Println("frame bytes under the route's tag:", a.TagStats("GET /square/{n}").FrameBytes)
	// Output:
	// 3 squared is 9
	// 12 squared is 144
	// frame bytes under the route's tag: 64
}

// A streaming handler ends its frame after each message with Cycle, so a
// long response never holds more than one message's frame memory.
func ExampleCycle() {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	stream := framehttp.Middleware(a, framehttp.Options{FrameBudget: 4 * allocator.KiB})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			rc := http.NewResponseController(w)
			for i := 1; i <= 3; i++ {
				msg := allocator.FrameBytes(framehttp.Local(r), 3*allocator.KiB)[:0]
				msg = append(msg, "data: tick "...)
				msg = strconv.AppendInt(msg, int64(i), 10)
				msg = append(msg, "\n\n"...)
				w.Write(msg)
				rc.Flush()
				framehttp.Cycle(r) // msg is gone; the next message starts a new frame
			}
		}))
	rec := httptest.NewRecorder()
	stream.ServeHTTP(rec, httptest.NewRequest("GET", "/events", nil))
	fmt.Print(strings.ReplaceAll(rec.Body.String(), "\n\n", "\n"))
	// Output:
	// data: tick 1
	// data: tick 2
	// data: tick 3
}
