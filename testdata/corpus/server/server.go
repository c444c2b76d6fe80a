// Command server is a small HTTP API that runs each request in a frame of a
// Local taken from a fixed set, by hand (begin the frame when the handler
// starts, end it when it returns).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/framealloc/fa/allocator"
)

// Request is a decoded API request.
type Request struct {
	Path  string
	Query []byte
	Items []Item
}

// Item is one item of a request (no pointers).
type Item struct {
	ID    int64
	Price float64
	Qty   int32
}

// Response is the answer to a request.
type Response struct {
	Status int
	Body   []byte
	Req    *Request
}

// Summary is what the server keeps of a response (no pointers).
type Summary struct {
	Status int
	Size   int
}

// Server is the long-lived API server.
type Server struct {
	a        *allocator.Allocator
	locals   chan *allocator.Local
	mu       sync.Mutex
	last     *Request
	cache    map[string]*Response
	recent   []*Request
	summary  map[string]Summary
	lastPath string
	hits     sync.Map
	latest   atomic.Pointer[Response]
	audit    chan *Request
	handles  chan *allocator.TransferHandle[Item]
	backend  chan int
	served   int
}

// lastBody is the body of the last request, for the debug page.
var lastBody []byte

// NewServer creates a server with n Locals, each budgeted.
func NewServer(n int) *Server {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	s := &Server{
		a: a, locals: make(chan *allocator.Local, n),
		cache: map[string]*Response{}, summary: map[string]Summary{},
		audit: make(chan *Request, 64), handles: make(chan *allocator.TransferHandle[Item], 64),
		backend: make(chan int, 1),
	}
	for i := 0; i < n; i++ {
		s.locals <- a.NewLocal()
	}
	return s
}

// decode reads the request into frame memory of l.
func decode(l *allocator.Local, r *http.Request) *Request {
	req := allocator.Frame[Request](l)
	req.Path = r.URL.Path
	req.Query = allocator.FrameBytes(l, len(r.URL.RawQuery))
	copy(req.Query, r.URL.RawQuery)
	req.Items = allocator.FrameSlice[Item](l, 4)
	return req
}

// respond builds a frame response for req.
func respond(l *allocator.Local, req *Request) *Response {
	resp := allocator.Frame[Response](l)
	resp.Status = http.StatusOK
	resp.Body = allocator.FrameBytes(l, 64)
	resp.Req = req
	return resp
}

func main() {
	s := NewServer(8)
	mux := http.NewServeMux()
	mux.HandleFunc("/keep", s.handleKeep)
	mux.HandleFunc("/cache", s.handleCache)
	mux.HandleFunc("/async", s.handleAsync)
	mux.HandleFunc("/ok", s.handleOK)
	mux.HandleFunc("/early", s.handleEarly)
	mux.HandleFunc("/share", s.handleShare)
	mux.HandleFunc("/wait", s.handleWait)
	go s.auditor()
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", mux))
}

// auditor prints audited requests.
func (s *Server) auditor() {
	for req := range s.audit {
		fmt.Println("audit", req.Path)
	}
}

// handleKeep keeps frame memory on the server in every wrong way.
func (s *Server) handleKeep(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	defer l.EndFrame()
	req := decode(l, r)
	resp := respond(l, req)
	s.mu.Lock()
	s.last = req                     //corpus:want FA601
	s.recent = append(s.recent, req) //corpus:want FA601
	s.mu.Unlock()
	s.latest.Store(resp)              //corpus:want FA601
	s.hits.Store(req.Path, req.Items) //corpus:want FA601
	lastBody = resp.Body              //corpus:want FA601
	w.Write(resp.Body)
}

// handleCache caches responses: the frame response by mistake, a summary
// and a copy correctly.
func (s *Server) handleCache(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	defer l.EndFrame()
	req := decode(l, r)
	resp := respond(l, req)
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.URL.Query().Has("keep") {
		s.cache[req.Path] = resp //corpus:want FA601
		return
	}
	s.summary[req.Path] = Summary{Status: resp.Status, Size: len(resp.Body)} //corpus:clean FA601
	s.lastPath = string(req.Query)                                           //corpus:clean FA601
	s.served += len(req.Items)                                               //corpus:clean FA601
	kept := &Response{Status: resp.Status, Body: append([]byte(nil), resp.Body...)}
	s.cache[req.Path] = kept //corpus:clean FA601
	w.Write(resp.Body)       //corpus:clean FA601
}

// handleAsync hands frame memory to work that outlives the request.
func (s *Server) handleAsync(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	defer l.EndFrame()
	req := decode(l, r)
	go s.index(req) //corpus:want FA201
	go func() {     //corpus:want FA703
		log.Println("served", req.Path)
	}()
	time.AfterFunc(time.Second, func() { //corpus:want FA703
		log.Println("slow request", len(req.Query))
	})
	h := allocator.Transfer(l, &req.Items[0])
	w.WriteHeader(http.StatusAccepted)
	s.audit <- req //corpus:want FA201
	s.handles <- h //corpus:clean FA201
}

// index indexes a request in the background.
func (s *Server) index(req *Request) { fmt.Println(req.Path) }

// handleOK is a correct handler: frame memory stays in the request.
func (s *Server) handleOK(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }() //corpus:clean FA703 FA201
	l.BeginFrame()
	defer l.EndFrame()
	req := decode(l, r)
	resp := respond(l, req)
	if err := json.NewEncoder(w).Encode(resp.Status); err != nil { //corpus:clean FA601
		log.Println(err)
	}
	path := req.Path
	parts := make([]*Item, 0, len(req.Items))
	for i := range req.Items {
		parts = append(parts, &req.Items[i]) //corpus:clean FA601
	}
	var wg sync.WaitGroup
	for _, it := range parts {
		wg.Go(func() { //corpus:clean FA703
			it.Price *= 1.2
		})
	}
	wg.Wait()
	go func() { //corpus:clean FA703
		log.Println("served", path)
	}()
}

// handleEarly ends the frame before writing the response.
func (s *Server) handleEarly(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	req := decode(l, r)
	resp := respond(l, req)
	status := resp.Status
	l.EndFrame()
	w.WriteHeader(status) //corpus:clean FA606
	w.Write(resp.Body)    //corpus:want FA606
}

// handleShare starts a goroutine on the request's Local and keeps using it.
func (s *Server) handleShare(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	go s.prefetch(l) //corpus:want FA206
	req := decode(l, r)
	w.Write(req.Query)
	l.EndFrame()
}

// prefetch warms the Local's pools.
func (s *Server) prefetch(l *allocator.Local) {
	p := allocator.Pool[Item](l)
	allocator.PoolFree(l, p)
}

// handleWait waits for the backend while the request's frame values are
// live.
func (s *Server) handleWait(w http.ResponseWriter, r *http.Request) {
	l := <-s.locals
	defer func() { s.locals <- l }()
	l.BeginFrame()
	defer l.EndFrame()
	req := decode(l, r)
	n := <-s.backend //corpus:want FA702
	req.Items[0].Qty = int32(n)
	buf, _ := allocator.TryFrameSlice[byte](l, 128) //corpus:want FA302
	w.Write(buf[:copy(buf, req.Path)])
}
