package insight

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/framealloc/fa/internal/insight/model"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

// maxSnapshotBytes bounds one snapshot read from a live endpoint.
const maxSnapshotBytes = 64 << 20

// endpoint is a running program's live endpoint (package
// allocator/framelive).
type endpoint struct {
	base   *url.URL // ends with "/"
	client *http.Client
	n      int // snapshots received, for their names
}

// isURL reports whether a SOURCE argument is a URL rather than a path.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// newEndpoint parses the URL of a live endpoint: its base, or its
// snapshot or events URL.
func newEndpoint(raw string) (*endpoint, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not the URL of a live endpoint (http://HOST:PORT/PATH/)", raw)
	}
	u.RawQuery, u.Fragment = "", ""
	switch path.Base(u.Path) {
	case "snapshot", "snapshot.json", "events":
		u.Path = path.Dir(u.Path)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return &endpoint{base: u, client: &http.Client{}}, nil
}

func (e *endpoint) String() string { return e.base.String() }

func (e *endpoint) url(name string) string { return e.base.JoinPath(name).String() }

func (e *endpoint) entry(data []byte) (model.Entry, error) {
	s, err := snapfile.Decode(data)
	if err != nil {
		return model.Entry{}, err
	}
	e.n++
	return model.Entry{Name: fmt.Sprintf("live #%d (frame %d)", e.n, s.Frame), Snap: s}, nil
}

// first reads the current snapshot; it fails when the endpoint does not
// answer with one.
func (e *endpoint) first(ctx context.Context) (model.Entry, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.url("snapshot"), nil)
	if err != nil {
		return model.Entry{}, err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return model.Entry{}, fmt.Errorf("live endpoint %s: %w", e, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return model.Entry{}, fmt.Errorf("live endpoint %s: %s", e.url("snapshot"), resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSnapshotBytes))
	if err != nil {
		return model.Entry{}, fmt.Errorf("live endpoint %s: %w", e, err)
	}
	en, err := e.entry(data)
	if err != nil {
		return model.Entry{}, fmt.Errorf("live endpoint %s: %w", e.url("snapshot"), err)
	}
	return en, nil
}

// follow reads the event stream until ctx is done, adding each new
// snapshot to h; it reconnects after a lost connection, reporting it on
// the page.
func (e *endpoint) follow(ctx context.Context, h *history) {
	for ctx.Err() == nil {
		err := e.stream(ctx, h)
		if ctx.Err() != nil {
			return
		}
		h.problem(e.String(), "event stream: %v; reconnecting", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// stream reads one connection of the event stream.
func (e *endpoint) stream(ctx context.Context, h *history) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.url("events"), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := e.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	r := bufio.NewReaderSize(resp.Body, 1<<16)
	var data strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				return fmt.Errorf("the program closed the stream")
			}
			return err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if data.Len() > 0 {
				e.receive(h, []byte(data.String()))
				data.Reset()
			}
		case strings.HasPrefix(line, "data:"):
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
			if data.Len() > maxSnapshotBytes {
				return fmt.Errorf("an event larger than %d bytes", maxSnapshotBytes)
			}
		}
	}
}

// receive adds one event's snapshot, unless it is the one already last
// (the stream starts with the current snapshot).
func (e *endpoint) receive(h *history, data []byte) {
	en, err := e.entry(data)
	if err != nil {
		h.problem(e.String(), "skipped an event: %v", err)
		return
	}
	if last, ok := h.last(); ok && last.Snap.TakenAt.Equal(en.Snap.TakenAt) {
		e.n--
		return
	}
	h.add(en)
}
