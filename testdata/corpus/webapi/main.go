// Command webapi is an order API served with framealloc's net/http
// middleware: each request runs in a frame of a pooled Local, which ends
// when the handler returns (and at each framehttp.Cycle of a stream).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// Order is a decoded order.
type Order struct {
	ID    int64
	Lines []Line
	Note  []byte
}

// Line is one line of an order (no pointers).
type Line struct {
	SKU   int64
	Qty   int32
	Price float64
}

// Total is what the API keeps of an order (no pointers).
type Total struct {
	ID  int64
	Sum float64
}

// API is the long-lived handler state.
type API struct {
	mu      sync.Mutex
	last    *Order
	byID    map[int64]*Order
	totals  map[int64]Total
	recent  []Line
	queue   chan *Order
	handles chan *allocator.TransferHandle[Line]
}

// lastNote is the note of the last order, for the debug page.
var lastNote []byte

// decode reads an order into frame memory of the request's Local.
func decode(r *http.Request) *Order {
	l := framehttp.Local(r)
	o := allocator.Frame[Order](l)
	o.ID, _ = strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	o.Lines = allocator.FrameSlice[Line](l, 4)
	o.Note = allocator.FrameBytes(l, 32)
	return o
}

func sum(o *Order) float64 {
	s := 0.0
	for _, ln := range o.Lines {
		s += float64(ln.Qty) * ln.Price
	}
	return s
}

// keep stores frame orders on the server.
func (api *API) keep(w http.ResponseWriter, r *http.Request) {
	o := decode(r)
	api.mu.Lock()
	api.last = o                                    //corpus:want FA601
	api.byID[o.ID] = o                              //corpus:want FA601
	api.recent = append(api.recent, o.Lines...)     //corpus:clean FA601
	api.totals[o.ID] = Total{ID: o.ID, Sum: sum(o)} //corpus:clean FA601
	api.mu.Unlock()
	lastNote = o.Note //corpus:want FA601
	w.WriteHeader(http.StatusNoContent)
}

// background hands frame orders to work that outlives the request.
func (api *API) background(w http.ResponseWriter, r *http.Request) {
	o := decode(r)
	go index(o) //corpus:want FA201
	go func() { //corpus:want FA703
		log.Println("order", o.ID)
	}()
	time.AfterFunc(time.Second, func() { //corpus:want FA703
		log.Println("slow order", len(o.Lines))
	})
	h := allocator.Transfer(framehttp.Local(r), &o.Lines[0])
	api.queue <- o   //corpus:want FA201
	api.handles <- h //corpus:clean FA201
}

func index(o *Order) { fmt.Println(o.ID) }

// waited fans out over the lines and waits before returning.
func (api *API) waited(w http.ResponseWriter, r *http.Request) {
	o := decode(r)
	json.NewEncoder(w).Encode(Total{ID: o.ID, Sum: sum(o)}) //corpus:clean FA601
	id := o.ID
	var wg sync.WaitGroup
	for i := range o.Lines {
		ln := &o.Lines[i]
		wg.Go(func() { //corpus:clean FA703
			ln.Price *= 1.1
		})
	}
	wg.Wait()
	go func() { //corpus:clean FA703
		log.Println("priced", id)
	}()
}

// share keeps using the request's Local after handing it to a goroutine.
func (api *API) share(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	go warm(l) //corpus:want FA206
	o := decode(r)
	w.Write(o.Note)
}

func warm(l *allocator.Local) {
	p := allocator.Pool[Line](l)
	allocator.PoolFree(l, p)
}

// late allocates from the request's Local on another goroutine, which the
// middleware ends and hands to the next request when late returns.
func (api *API) late(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	done := make(chan struct{})
	go func() { //corpus:want FA206
		buf := allocator.FrameBytes(l, 64) //corpus:want FA701
		buf[0] = 1
		close(done)
	}()
	w.WriteHeader(http.StatusAccepted)
}

// stream sends one event per cycle; the previous event is gone after Cycle.
func (api *API) stream(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	var prev *Line
	for i := 0; i < 10; i++ {
		ev := allocator.Frame[Line](l) //corpus:clean FA602 FA603 FA301
		ev.Qty = int32(i)
		if prev != nil { //corpus:clean FA606
			ev.Price = prev.Price //corpus:want FA606
		}
		fmt.Fprintf(w, "data: %d\n\n", ev.Qty)
		prev = ev
		framehttp.Cycle(r)
	}
}

// cycled uses a frame value after Cycle ended its frame.
func (api *API) cycled(w http.ResponseWriter, r *http.Request) {
	o := decode(r)
	id := o.ID
	framehttp.Cycle(r)
	fmt.Fprintln(w, id)         //corpus:clean FA606
	fmt.Fprintln(w, o.Lines[0]) //corpus:want FA606
	o = decode(r)
	fmt.Fprintln(w, o.ID) //corpus:clean FA606
}

// firehose streams without ever cycling: the request's frame grows until
// the client goes away.
func (api *API) firehose(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	l.SetFrameBudget(1 * allocator.MiB)
	for r.Context().Err() == nil {
		ev := allocator.Frame[Line](l) //corpus:want FA603 FA602 //corpus:clean FA301
		fmt.Fprintf(w, "data: %d\n\n", ev.Qty)
	}
}

// scratch ignores a budget error.
func (api *API) scratch(w http.ResponseWriter, r *http.Request) {
	buf, _ := allocator.TryFrameSlice[byte](framehttp.Local(r), 512) //corpus:want FA302
	w.Write(buf[:0])
}

// logging is a middleware of the chain.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Println(r.URL.Path, time.Since(start))
	})
}

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 256 * allocator.KiB})
	api := &API{
		byID: map[int64]*Order{}, totals: map[int64]Total{},
		queue: make(chan *Order, 16), handles: make(chan *allocator.TransferHandle[Line], 16),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /keep", api.keep)
	mux.HandleFunc("POST /background", api.background)
	mux.HandleFunc("POST /waited", api.waited)
	mux.HandleFunc("GET /share", api.share)
	mux.HandleFunc("GET /late", api.late)
	mux.HandleFunc("GET /stream", api.stream)
	mux.HandleFunc("GET /cycled", api.cycled)
	mux.HandleFunc("GET /firehose", api.firehose)
	mux.HandleFunc("GET /scratch", api.scratch)
	handler := framehttp.Middleware(a, framehttp.Options{})(logging(mux))
	log.Fatal(http.ListenAndServe("127.0.0.1:8081", handler))
}
