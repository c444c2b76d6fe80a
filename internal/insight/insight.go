// Package insight is `fa insight`: a memory inspector for allocator
// snapshots, in the style of `go tool pprof -http`. It shows a snapshot
// folder (watched: new files appear live, and the viewer keeps its own
// history since the emitter deletes old files) or a running program's live
// endpoint (package allocator/framelive) as a local web page, or writes
// one self-contained HTML file. Beside the snapshots it shows fa's static
// diagnostics of the same program, and which of them the snapshots confirm.
// The history keeps the newest 20,000 snapshots (the page says when older
// ones were dropped).
//
// The numbers come from package model; this package loads, watches,
// serves and exports. The page's assets (assets/, uPlot vendored from npm)
// are embedded: nothing is fetched from the network.
package insight

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/framealloc/fa/internal/insight/model"
	"github.com/framealloc/fa/internal/insight/snapfile"
	"github.com/framealloc/fa/internal/insight/static"
)

// DefaultHTTP is the address the viewer listens on by default: the
// loopback interface, a free port.
const DefaultHTTP = "localhost:0"

// Options configures the viewer.
type Options struct {
	// Source is a snapshot folder, one snapshot file, or the URL of a
	// live endpoint.
	Source string
	// HTTP is the address to serve on (default DefaultHTTP).
	HTTP string
	// HTML, when set, is the file to write the standalone page to instead
	// of serving.
	HTML string
	// Diagnostics is a file of `fa --format json` output to show beside
	// the snapshots; Analyze are package patterns to run fa's analysis on
	// instead (at most one of the two).
	Diagnostics string
	Analyze     []string
	// Open opens the page in a browser once served.
	Open bool
	// Dir is the directory --analyze runs in, .fa.toml is searched from
	// and diagnostics' paths are relative to (default: the working
	// directory).
	Dir string
	// Poll is how often a folder is read for new files (default 500ms).
	Poll time.Duration
	// Stdout receives the URL; Stderr progress messages.
	Stdout, Stderr io.Writer
	// Ready, when set, is called with the page's URL once the server
	// listens (tests).
	Ready func(url string)
}

func (o *Options) defaults() error {
	if o.Source == "" {
		return errors.New("a SOURCE is needed: a snapshot folder or the URL of a live endpoint")
	}
	if o.Diagnostics != "" && len(o.Analyze) > 0 {
		return errors.New("--diagnostics and --analyze exclude each other")
	}
	if o.HTTP == "" {
		o.HTTP = DefaultHTTP
	}
	if o.Poll <= 0 {
		o.Poll = 500 * time.Millisecond
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	if o.Dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return fmt.Errorf("working directory: %w", err)
		}
		o.Dir = wd
	}
	return nil
}

// source is where snapshots come from after the first load.
type source interface {
	follow(ctx context.Context, h *history)
}

type folderSource struct {
	f    *folder
	poll time.Duration
}

func (s folderSource) follow(ctx context.Context, h *history) { s.f.watch(ctx, h, s.poll) }

// open loads the snapshots SOURCE has now and the static diagnostics, and
// returns the history and what keeps it up to date (nil for a single
// file).
func open(ctx context.Context, o *Options) (*history, source, error) {
	st, err := loadStatic(o)
	if err != nil {
		return nil, nil, err
	}
	if isURL(o.Source) {
		ep, err := newEndpoint(o.Source)
		if err != nil {
			return nil, nil, err
		}
		first, err := ep.first(ctx)
		if err != nil {
			return nil, nil, err
		}
		h := newHistory(ep.String(), true, st)
		h.add(first)
		return h, ep, nil
	}
	fi, err := os.Stat(o.Source)
	if err != nil {
		return nil, nil, fmt.Errorf("SOURCE: %w", err)
	}
	if !fi.IsDir() {
		s, err := snapfile.ReadFile(o.Source)
		if err != nil {
			return nil, nil, err
		}
		h := newHistory(o.Source, false, st)
		h.add(model.Entry{Name: filepath.Base(o.Source), Snap: s})
		return h, nil, nil
	}
	f, entries, err := loadFolder(o.Source, o.Stderr)
	if err != nil {
		return nil, nil, err
	}
	h := newHistory(o.Source, true, st)
	h.add(entries...)
	return h, folderSource{f, o.Poll}, nil
}

// loadStatic reads or computes the static diagnostics (nil when neither
// --diagnostics nor --analyze is given).
func loadStatic(o *Options) (*model.Static, error) {
	if o.Diagnostics == "" && len(o.Analyze) == 0 {
		return nil, nil
	}
	cfg, err := static.LoadConfig(o.Dir)
	if err != nil {
		return nil, err
	}
	if o.Diagnostics != "" {
		rep, err := static.ReadReport(o.Diagnostics)
		if err != nil {
			return nil, err
		}
		return static.Model(rep, cfg, o.Dir, "fa --format json output in "+o.Diagnostics), nil
	}
	fmt.Fprintf(o.Stderr, "fa insight: analysing %s\n", strings.Join(o.Analyze, " "))
	rep, err := static.Analyze(o.Dir, o.Analyze, cfg)
	if err != nil {
		return nil, err
	}
	return static.Model(rep, cfg, o.Dir, "fa analysis of "+strings.Join(o.Analyze, " ")), nil
}

// WriteHTML writes the standalone page of SOURCE's snapshots to o.HTML.
func WriteHTML(ctx context.Context, o Options) error {
	if err := o.defaults(); err != nil {
		return err
	}
	h, _, err := open(ctx, &o)
	if err != nil {
		return err
	}
	h.live = false
	data, err := h.viewJSON()
	if err != nil {
		return err
	}
	page, err := standalonePage(data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.HTML, page, 0o644); err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	fmt.Fprintf(o.Stderr, "fa insight: wrote %s (%d snapshots)\n", o.HTML, h.len())
	return nil
}

// Serve serves the viewer until ctx is done. It fails, before serving,
// when SOURCE has no usable snapshot or the address cannot be listened on.
func Serve(ctx context.Context, o Options) error {
	if err := o.defaults(); err != nil {
		return err
	}
	h, src, err := open(ctx, &o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.HTTP)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("--http %s: the address is in use: %w", o.HTTP, err)
		}
		return fmt.Errorf("--http %s: %w", o.HTTP, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{Handler: newServer(h, ctx.Done()), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if src != nil {
		go src.follow(ctx, h)
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(o.Stdout, "fa insight: %d snapshots from %s at %s\n", h.len(), h.source, url)
	if o.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(o.Stderr, "fa insight: could not open a browser: %v\n", err)
		}
	}
	if o.Ready != nil {
		o.Ready(url)
	}
	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	}
	shut, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("stopping the server: %w", err)
	}
	return nil
}

// openBrowser opens url with the platform's opener.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
