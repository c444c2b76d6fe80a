package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// servers returns a test server of each variant.
func servers(t *testing.T) map[string]*httptest.Server {
	t.Helper()
	out := map[string]*httptest.Server{}
	for name, heap := range map[string]bool{"frame": false, "heap": true} {
		a := allocator.New(allocator.Config{})
		ts := httptest.NewServer(newHandler(a, options{frameBudget: 1 * allocator.MiB, heap: heap}))
		t.Cleanup(func() { ts.Close(); a.Close() })
		out[name] = ts
	}
	return out
}

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestQuote(t *testing.T) {
	const req = `{"customer":"acme \u00e9\"","currency":"EUR","coupon":"SPRING10","extra":{"a":[1,true,null]},
		"items":[{"sku":"A-100","qty":3,"price":9.99},{"sku":"B-7","qty":1,"price":120,"note":"x"},{"sku":"A-099","qty":1,"price":29.97}]}`
	const want = `{"customer":"acme é\"","currency":"EUR","lines":[` +
		`{"sku":"B-7","qty":1,"unit":"120.00","amount":"120.00"},` +
		`{"sku":"A-099","qty":1,"unit":"29.97","amount":"29.97"},` +
		`{"sku":"A-100","qty":3,"unit":"9.99","amount":"29.97"}],` +
		`"subtotal":"179.94","discount":"17.99","tax":"32.39","total":"194.34","coupon_applied":true}`
	for name, ts := range servers(t) {
		code, body := post(t, ts.URL+"/v1/quote", req)
		if code != 200 || body != want {
			t.Errorf("%s: %d %s\nwant %s", name, code, body, want)
		}
		if !json.Valid([]byte(body)) {
			t.Errorf("%s: invalid JSON", name)
		}
	}
}

func TestStats(t *testing.T) {
	for name, ts := range servers(t) {
		code, body := post(t, ts.URL+"/v1/stats", `{"values":[3,1,4,1,5,9,2,6,5,3.5e-9]}`)
		want := `{"count":10,"min":3.5e-9,"max":9,"mean":3.6000000003499997,"p50":3,"p90":6,"p99":9}`
		if code != 200 || body != want {
			t.Errorf("%s: %d %s, want %s", name, code, body, want)
		}
	}
}

func TestBadRequests(t *testing.T) {
	for _, c := range []struct {
		path, body string
		code       int
	}{
		{"/v1/quote", `{"customer":"a","currency":"EUR","items":[{"sku":"x","qty":1,"price":1}`, 400},
		{"/v1/quote", `{"customer":"a","currency":"EUR","items":[{"sku":"x","qty":1.5,"price":1}]}`, 400},
		{"/v1/quote", `{"customer":"a","currency":"EUR","items":[]}`, 422},
		{"/v1/quote", `{"customer":"a","currency":"EUR","items":[{"sku":"x","qty":-1,"price":1}]}`, 422},
		{"/v1/quote", `{"customer":"a\x01","currency":"EUR","items":[{"sku":"x","qty":1,"price":1}]}`, 400},
		{"/v1/quote", `{"customer":"a","currency":"EUR","items":[{"sku":"x","qty":1,"price":1}]} x`, 400},
		{"/v1/quote", `{"customer":"` + strings.Repeat("a", maxBody) + `"}`, 413},
		{"/v1/stats", `{"values":[]}`, 422},
		{"/v1/stats", `{"values":[1e308,1e308]}`, 422},
		{"/v1/stats", `{"values":[1,]}`, 400},
		{"/v1/stats", `{"values":[01]}`, 400},
	} {
		for name, ts := range servers(t) {
			if code, body := post(t, ts.URL+c.path, c.body); code != c.code {
				t.Errorf("%s %s %.60s: %d %q, want %d", name, c.path, c.body, code, body, c.code)
			}
		}
	}
}

// randomQuote returns a random quote request body.
func randomQuote(rng *rand.Rand) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"customer":"c%d","currency":"USD","coupon":%q,"items":[`, rng.Intn(1000), []string{"", "VIP25", "SPRING10", "NONE"}[rng.Intn(4)])
	for i, n := 0, 1+rng.Intn(30); i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"sku":"S-%d\u00fc","qty":%d,"price":%d.%02d}`, rng.Intn(100), 1+rng.Intn(9), rng.Intn(500), rng.Intn(100))
	}
	b.WriteString("]}")
	return b.String()
}

// TestVariantsAgree checks that the frame and heap handlers answer random
// requests identically, and the quote against a computation with
// encoding/json.
func TestVariantsAgree(t *testing.T) {
	srv := servers(t)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		req := randomQuote(rng)
		c1, frame := post(t, srv["frame"].URL+"/v1/quote", req)
		c2, heap := post(t, srv["heap"].URL+"/v1/quote", req)
		if c1 != 200 || c2 != 200 || frame != heap {
			t.Fatalf("request %s:\nframe %d %s\nheap  %d %s", req, c1, frame, c2, heap)
		}
		var in struct {
			Items []struct {
				Qty   int64
				Price float64
			}
		}
		var out struct{ Subtotal string }
		if err := json.Unmarshal([]byte(req), &in); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(frame), &out); err != nil {
			t.Fatalf("response %s: %v", frame, err)
		}
		var sub int64
		for _, it := range in.Items {
			sub += it.Qty * int64(math.Round(it.Price*100))
		}
		if want := fmt.Sprintf("%d.%02d", sub/100, sub%100); out.Subtotal != want {
			t.Fatalf("subtotal %s, want %s", out.Subtotal, want)
		}
	}
}

func TestFrameBudget(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	ts := httptest.NewServer(newHandler(a, options{frameBudget: 2 * allocator.KiB}))
	defer ts.Close()
	big := `{"values":[` + strings.TrimSuffix(strings.Repeat("1,", 400), ",") + `]}`
	if code, _ := post(t, ts.URL+"/v1/stats", big); code != http.StatusServiceUnavailable {
		t.Errorf("request over the frame budget: %d, want 503", code)
	}
	if code, _ := post(t, ts.URL+"/v1/stats", `{"values":[1,2]}`); code != 200 {
		t.Errorf("small request after it: %d", code)
	}
	if ts := a.TagStats("POST /v1/stats"); ts.FrameBytes == 0 {
		t.Errorf("no frame bytes under the route's tag: %+v", ts)
	}
}

// rewindBody is a request body that can be read again.
type rewindBody struct{ bytes.Reader }

func (*rewindBody) Close() error { return nil }

// discardWriter is a ResponseWriter that keeps nothing but its header map.
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { d.n += len(b); return len(b), nil }
func (d *discardWriter) WriteHeader(code int)        { d.code = code }

// allocsPerRequest serves the same request through h repeatedly and
// returns the heap allocations of one.
func allocsPerRequest(t *testing.T, h http.Handler, path, body string) float64 {
	t.Helper()
	rb := &rewindBody{}
	r := httptest.NewRequest("POST", path, rb)
	r.ContentLength = int64(len(body))
	w := &discardWriter{h: http.Header{}}
	b := []byte(body)
	return testing.AllocsPerRun(200, func() {
		rb.Reset(b)
		w.code, w.n = 200, 0
		h.ServeHTTP(w, r)
		if w.code != 200 || w.n == 0 {
			t.Fatalf("%s: status %d, %d bytes", path, w.code, w.n)
		}
	})
}

// TestHandlersAllocateNothing measures the handlers' own heap allocations:
// a request through the middleware to the frame handler allocates exactly
// what the middleware allocates around an empty handler (the request's
// context and http.Request copy), and the heap handler allocates its
// buffers.
func TestHandlersAllocateNothing(t *testing.T) {
	a := allocator.New(allocator.Config{})
	defer a.Close()
	mw := framehttp.Middleware(a, framehttp.Options{FrameBudget: 1 * allocator.MiB})
	braces := []byte("{}")
	empty := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allocator.FrameBytes(framehttp.Local(r), 1)
		w.Write(braces)
	}))
	quote := randomQuote(rand.New(rand.NewSource(2)))
	stats := `{"values":[3,1,4,1,5,9,2,6,5,3,5,8,9,7,9]}`
	base := allocsPerRequest(t, empty, "/", "")
	for _, c := range []struct {
		path, body  string
		frame, heap http.HandlerFunc
	}{
		{"/v1/quote", quote, quoteHandler, quoteHeap},
		{"/v1/stats", stats, statsHandler, statsHeap},
	} {
		if got := allocsPerRequest(t, mw(c.frame), c.path, c.body); got != base {
			t.Errorf("%s: %v allocations per request under the middleware, %v for an empty handler: the handler allocates %v", c.path, got, base, got-base)
		}
		heap := allocsPerRequest(t, c.heap, c.path, c.body)
		if heap < 3 {
			t.Errorf("%s heap variant: %v allocations, want its buffers", c.path, heap)
		}
		t.Logf("%s: heap variant %v allocations per request", c.path, heap)
	}
	t.Logf("middleware: %v allocations per request", base)
}

// lockedBuffer is an io.Writer read while another goroutine writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var liveRE = regexp.MustCompile(`live snapshots on (http://\S+/debug/framealloc/)`)

// TestRunServesLiveSnapshots runs the command with -live: the snapshot
// endpoint answers, an open event stream does not hold up the shutdown,
// and run returns when its context ends.
func TestRunServesLiveSnapshots(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, options{addr: "127.0.0.1:0", frameBudget: allocator.MiB, live: "127.0.0.1:0"}, out)
	}()
	var live string
	for end := time.Now().Add(10 * time.Second); live == "" && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if m := liveRE.FindStringSubmatch(out.String()); m != nil {
			live = m[1]
		}
	}
	if live == "" {
		t.Fatalf("no live address in %q", out.String())
	}
	resp, err := http.Get(live + "snapshot")
	if err != nil {
		t.Fatal(err)
	}
	var snap struct {
		Version int `json:"version"`
	}
	err = json.NewDecoder(resp.Body).Decode(&snap)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || snap.Version == 0 {
		t.Fatalf("snapshot: %s, %v, version %d", resp.Status, err, snap.Version)
	}
	stream, err := http.Get(live + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return with an event stream open")
	}
	if !strings.Contains(out.String(), "frames") {
		t.Errorf("output %q", out.String())
	}
}

func TestDecoderSkipsAndRejects(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{`{"a":{"b":[1,2,{"c":"d"}],"e":true,"f":false,"g":null},"values":[1]}`, true},
		{`{"values":[1],}`, false},
		{`{"values":[1] "x":1}`, false},
		{`{"values":[1],"x":tru}`, false},
		{`{"values":[1],"x":"\q"}`, false},
		{`{"values":[1],"x":"\u12"}`, false},
		{`{"values":[-0.5e+3]}`, true},
		{`{"values":[.5]}`, false},
		{`{"values":[1.]}`, false},
		{`{"val\u0075es":[7]}`, true},
	} {
		d := decoder{data: []byte(c.in)}
		vs := decodeValues(&d, func(n int) []float64 { return make([]float64, n) })
		if (d.err == nil) != c.ok {
			t.Errorf("%s: error %v, want ok=%v", c.in, d.err, c.ok)
		}
		if c.ok && len(vs) != 1 {
			t.Errorf("%s: values %v", c.in, vs)
		}
	}
}

func FuzzFloat(f *testing.F) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-6, 9.99e-7, 1e21, 123456789012345680000, 3.5e-9, 1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return
		}
		want, _ := json.Marshal(v)
		got := appendFloat(nil, v)
		if string(got) != string(want) || len(got) > numberBound {
			t.Fatalf("appendFloat(%v) = %s, encoding/json %s", v, got, want)
		}
	})
}

func FuzzStrings(f *testing.F) {
	for _, s := range []string{"plain", `q"b\s`, "\x00\x1f\n\t", "é\u2028", "\xff\xfe", `\ud83d\ude00`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := appendString(nil, []byte(s))
		if len(enc) > stringBound([]byte(s)) {
			t.Fatalf("%q: %d bytes, bound %d", s, len(enc), stringBound([]byte(s)))
		}
		var viaJSON string
		if err := json.Unmarshal(enc, &viaJSON); err != nil {
			t.Fatalf("appendString(%q) = %s: %v", s, enc, err)
		}
		// Each invalid byte becomes U+FFFD, as in a conversion to []rune.
		if want := string([]rune(s)); viaJSON != want {
			t.Fatalf("appendString(%q) decodes to %q", s, viaJSON)
		}
		// Our decoder reads back what encoding/json reads.
		d := decoder{data: enc}
		raw := d.rawString()
		d.end()
		if d.err != nil {
			t.Fatalf("decoder on %s: %v", enc, d.err)
		}
		if got := appendUnescaped(nil, raw); string(got) != viaJSON {
			t.Fatalf("decoded %q, encoding/json %q", got, viaJSON)
		}
		// And strings encoding/json writes.
		std, _ := json.Marshal(s)
		d = decoder{data: std}
		raw = d.rawString()
		if d.err != nil || len(appendUnescaped(nil, raw)) > len(raw) {
			t.Fatalf("decoder on %s: %v", std, d.err)
		}
		var back string
		json.Unmarshal(std, &back)
		if got := appendUnescaped(nil, raw); string(got) != back {
			t.Fatalf("decoded %s as %q, encoding/json %q", std, got, back)
		}
	})
}
