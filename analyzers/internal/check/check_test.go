package check_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

// recorder collects what analysistest reports instead of failing.
type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestPanicBecomesError checks that a check that panics fails the
// package's analysis with an error naming the code and the package,
// instead of crashing the process.
func TestPanicBecomesError(t *testing.T) {
	boom := check.New("FA605", func(*check.Pass) error { panic("boom") })
	var r recorder
	analysistest.Run(&r, fatest.Dir(t, "fa605"), boom, "example.com/fa605")
	all := strings.Join(r.msgs, "\n")
	for _, want := range []string{"FA605: internal error on package example.com/fa605", "boom"} {
		if !strings.Contains(all, want) {
			t.Errorf("reports %q do not contain %q", all, want)
		}
	}
}
