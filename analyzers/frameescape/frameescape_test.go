package frameescape_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/frameescape"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFrameEscape(t *testing.T) {
	fatest.Run(t, frameescape.Analyzer, "fa601")
}

// TestSuggestedFixes checks that Frame becomes Heap and FrameSlice and
// FrameBytes become make.
func TestSuggestedFixes(t *testing.T) {
	fatest.RunWithSuggestedFixes(t, frameescape.Analyzer, "fa601fix")
}
