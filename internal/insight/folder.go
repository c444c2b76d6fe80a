package insight

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/framealloc/fa/internal/insight/model"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

// fileState is what the watcher remembers of a file it read, so that a
// file rewritten in place is read again.
type fileState struct {
	size    int64
	modTime time.Time
}

// folder is a snapshot folder: loaded once, then watched.
type folder struct {
	dir  string
	seen map[string]fileState
}

// manyFiles is the number of files from which loading a folder says so on
// the progress writer.
const manyFiles = 1000

// loadFolder reads every snapshot file of dir. It fails when the folder
// cannot be read, has no snapshot file, or holds a file that is not a
// snapshot of a supported version (named in the error).
func loadFolder(dir string, progress io.Writer) (*folder, []model.Entry, error) {
	names, err := snapfile.List(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("snapshot folder: %w", err)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no snapshot files (snapshot-*.json, written by allocator.SnapshotEmitter)", dir)
	}
	f := &folder{dir: dir, seen: make(map[string]fileState, len(names))}
	if len(names) >= manyFiles && progress != nil {
		fmt.Fprintf(progress, "fa insight: reading %d snapshot files from %s\n", len(names), dir)
	}
	entries, errs := f.read(names)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return f, entries, nil
}

// read reads and decodes the named files in parallel, in order; errors
// name their file.
func (f *folder) read(names []string) ([]model.Entry, []error) {
	out := make([]model.Entry, len(names))
	errs := make([]error, len(names))
	states := make([]fileState, len(names))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= len(names) {
					return
				}
				p := filepath.Join(f.dir, names[k])
				if fi, err := os.Stat(p); err == nil {
					states[k] = fileState{fi.Size(), fi.ModTime()}
				}
				s, err := snapfile.ReadFile(p)
				if err != nil {
					errs[k] = err
					continue
				}
				out[k] = model.Entry{Name: names[k], Snap: s}
			}
		}()
	}
	wg.Wait()
	var entries []model.Entry
	var bad []error
	for k := range names {
		f.seen[names[k]] = states[k]
		if errs[k] != nil {
			bad = append(bad, errs[k])
			continue
		}
		entries = append(entries, out[k])
	}
	return entries, bad
}

// poll reads the files that appeared or changed since the last poll.
// Files that cannot be used are reported to h, named, and skipped.
func (f *folder) poll(h *history) {
	names, err := snapfile.List(f.dir)
	if err != nil {
		h.problem(f.dir, "cannot read the folder: %v", err)
		return
	}
	var fresh []string
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(f.dir, n))
		if err != nil {
			continue // removed by the emitter meanwhile
		}
		if st, ok := f.seen[n]; ok && st.size == fi.Size() && st.modTime.Equal(fi.ModTime()) {
			continue
		}
		fresh = append(fresh, n)
	}
	if len(fresh) == 0 {
		return
	}
	entries, errs := f.read(fresh)
	for _, err := range errs {
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		h.problem(f.dir, "skipped: %v", err)
	}
	h.add(entries...)
}

// watch polls the folder every interval until ctx is done.
func (f *folder) watch(ctx context.Context, h *history, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f.poll(h)
		}
	}
}
