package framesyncrace_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/framesyncrace"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFrameSyncRace(t *testing.T) {
	fatest.Run(t, framesyncrace.Analyzer, "fa205")
}
