package framehttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// nopWriter is a ResponseWriter that keeps nothing.
type nopWriter struct{ h http.Header }

func (w nopWriter) Header() http.Header         { return w.h }
func (w nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w nopWriter) WriteHeader(int)             {}

// BenchmarkMiddleware is the cost of the middleware around a handler that
// makes one frame allocation: pool, frame, context and writer wrapper.
func BenchmarkMiddleware(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts framehttp.Options
	}{
		{"plain", framehttp.Options{}},
		{"tag", framehttp.Options{Tag: "api"}},
		{"budget+max", framehttp.Options{FrameBudget: 64 * allocator.KiB, MaxLocals: 64}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a := allocator.New(allocator.Config{})
			defer a.Close()
			h := framehttp.Middleware(a, bc.opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				allocator.FrameBytes(framehttp.Local(r), 64)[0] = 1
			}))
			r := httptest.NewRequest("GET", "/", nil)
			w := nopWriter{h: http.Header{}}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					h.ServeHTTP(w, r)
				}
			})
		})
	}
}
