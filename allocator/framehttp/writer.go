package framehttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// writerState wraps the server's ResponseWriter to record whether the
// response has started (so a budget exceedance can still be answered 503)
// or the connection was hijacked. The handler sees it as one of four
// types, so that it implements http.Flusher and http.Hijacker exactly when
// the server's writer does.
type writerState struct {
	rw       http.ResponseWriter
	started  bool
	hijacked bool
}

type (
	plainWriter       struct{ writerState }
	flushWriter       struct{ writerState }
	hijackWriter      struct{ writerState }
	flushHijackWriter struct{ writerState }
)

// wrap returns the ResponseWriter the handler sees.
func (p *plainWriter) wrap() http.ResponseWriter {
	_, fl := p.rw.(http.Flusher)
	_, hj := p.rw.(http.Hijacker)
	switch {
	case fl && hj:
		return (*flushHijackWriter)(p)
	case fl:
		return (*flushWriter)(p)
	case hj:
		return (*hijackWriter)(p)
	}
	return p
}

// Header returns the server writer's header map.
func (s *writerState) Header() http.Header { return s.rw.Header() }

// Write writes to the server's writer; the response has started.
func (s *writerState) Write(b []byte) (int, error) {
	s.started = true
	return s.rw.Write(b)
}

// WriteString writes to the server's writer without a conversion when it
// can.
func (s *writerState) WriteString(str string) (int, error) {
	s.started = true
	return io.WriteString(s.rw, str)
}

// WriteHeader sends the status; informational codes (1xx other than 101)
// do not start the response.
func (s *writerState) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		s.started = true
	}
	s.rw.WriteHeader(code)
}

// ReadFrom copies src into the response through the server writer's
// ReadFrom when it has one (sendfile for files), io.Copy otherwise.
func (s *writerState) ReadFrom(src io.Reader) (int64, error) {
	s.started = true
	if rf, ok := s.rw.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(writerOnly{s.rw}, src)
}

// writerOnly hides every method but Write, so io.Copy does not call back
// into ReadFrom.
type writerOnly struct{ io.Writer }

// Unwrap returns the server's ResponseWriter, for http.ResponseController.
func (s *writerState) Unwrap() http.ResponseWriter { return s.rw }

func (s *writerState) flush() error {
	s.started = true
	return http.NewResponseController(s.rw).Flush()
}

func (s *writerState) hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(s.rw).Hijack()
	if err == nil {
		s.hijacked = true
	}
	return c, rw, err
}

// Flush sends buffered data to the client; the response has started.
func (w *flushWriter) Flush() { _ = w.flush() }

// FlushError is Flush returning the error, used by http.ResponseController.
func (w *flushWriter) FlushError() error { return w.flush() }

// Flush sends buffered data to the client; the response has started.
func (w *flushHijackWriter) Flush() { _ = w.flush() }

// FlushError is Flush returning the error, used by http.ResponseController.
func (w *flushHijackWriter) FlushError() error { return w.flush() }

// Hijack takes over the connection (see http.Hijacker).
func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) { return w.hijack() }

// Hijack takes over the connection (see http.Hijacker).
func (w *flushHijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) { return w.hijack() }
