package insight

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"time"
)

// heartbeat is how often an idle event stream gets a comment line.
const heartbeat = 15 * time.Second

// server is the viewer's HTTP handler.
type server struct {
	h    *history
	done <-chan struct{} // closed when the viewer stops: streams end
	page []byte
}

func newServer(h *history, done <-chan struct{}) *server {
	return &server{h: h, done: done, page: servedPage()}
}

// ServeHTTP routes: / (the page), /assets/..., /api/view, /api/compare,
// /api/events.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch p := r.URL.Path; {
	case p == "/" || p == "/index.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.page)
	case path.Dir(p) == "/assets" || path.Dir(p) == "/assets/uplot":
		s.serveAsset(w, r, p[len("/assets/"):])
	case p == "/api/view":
		data, err := s.h.viewJSON()
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
	case p == "/api/compare":
		s.serveCompare(w, r)
	case p == "/api/events":
		s.serveEvents(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *server) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	data, err := fs.ReadFile(assets, "assets/"+name)
	if err != nil || name == "index.html" {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}

func (s *server) serveCompare(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err1 := strconv.Atoi(q.Get("from"))
	to, err2 := strconv.Atoi(q.Get("to"))
	if err1 != nil || err2 != nil {
		http.Error(w, "want /api/compare?from=INDEX&to=INDEX", http.StatusBadRequest)
		return
	}
	c, err := s.h.compare(from, to)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(c)
}

// serveEvents streams the history's generation: an event "generation"
// each time it changes (at most one per 200 ms), so that the page fetches
// /api/view again.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead || rc.Flush() != nil {
		return
	}
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	var sent uint64
	for {
		_, _, gen, changed := s.h.snapshot()
		if gen != sent {
			if _, err := fmt.Fprintf(w, "id: %d\nevent: generation\ndata: %d\n\n", gen, gen); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
			sent = gen
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-changed:
			// Coalesce bursts (a folder poll adding many files).
			select {
			case <-time.After(200 * time.Millisecond):
			case <-r.Context().Done():
				return
			case <-s.done:
				return
			}
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
