package framesyncrace_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/framesyncrace"
)

func TestFrameSyncRace(t *testing.T) {
	fatest.Run(t, framesyncrace.Analyzer, "fa205")
}
