package driver

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/lint"
)

// stub returns testdata/cli/stub: one FA601, and one FA601 under a
// reasonless suppression that is itself FA001. The fixture is a module
// outside the repository's go.work, hence GOWORK=off for the test.
func stub(t *testing.T) string {
	t.Helper()
	t.Setenv("GOWORK", "off")
	_, file, _, _ := runtime.Caller(0)
	dir, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "cli", "stub"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func summary(ds []diagnostics.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s:%d %s %s", d.File, d.Line, d.Code, d.Severity))
	}
	return strings.Join(out, ", ")
}

// TestConcurrentRuns runs the in-process driver many times at once in one
// process with configurations that disagree about FA601 and FA001: each
// run gets the diagnostics of its own configuration, and the package-level
// analyzers keep their settings. Run it with -race.
func TestConcurrentRuns(t *testing.T) {
	dir := stub(t)
	cfgs := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(cfgs, name)
		body = "[allocator]\npackages = [\"example.com/stub/alloc\"]\n" + body
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	runs := []struct {
		settings lint.Settings
		want     string
	}{
		{lint.Settings{Config: write("deny.toml", "[lints.FA601]\nlevel = \"deny\"\n")},
			"game/update.go:17 FA601 error, game/update.go:19 FA001 warning, game/update.go:20 FA601 error"},
		{lint.Settings{Config: write("allow.toml", "[lints.FA601]\nlevel = \"allow\"\n")},
			"game/update.go:19 FA001 warning"},
		{lint.Settings{Config: write("hint.toml", "[lints.FA601]\nlevel = \"hint\"\n"), Skip: []string{"FA001"}},
			"game/update.go:17 FA601 hint, game/update.go:20 FA601 hint"},
		{lint.Settings{Config: write("min.toml", "[global]\nmin_severity = \"error\"\n")}, ""},
	}
	// Three rounds of the four runs, all at once.
	const rounds = 3
	n := rounds * len(runs)
	got := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := Run(Options{Dir: dir, Settings: runs[i%len(runs)].settings})
			if err != nil {
				errs[i] = err
				return
			}
			got[i] = summary(res.Diagnostics)
		})
	}
	wg.Wait()
	for i := range n {
		r := runs[i%len(runs)]
		if errs[i] != nil {
			t.Errorf("run %d (%s): %v", i, filepath.Base(r.settings.Config), errs[i])
			continue
		}
		if got[i] != r.want {
			t.Errorf("run %d (%s):\n got %s\nwant %s", i, filepath.Base(r.settings.Config), got[i], r.want)
		}
		if i < len(runs) {
			t.Logf("%-10s %s", filepath.Base(r.settings.Config), got[i])
		}
	}
	analyzers.Core.Flags.VisitAll(func(f *flag.Flag) {
		if f.Value.String() != f.DefValue {
			t.Errorf("package-level core flag %s = %q, want its default", f.Name, f.Value)
		}
	})
}
