package unknowntag_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/unknowntag"
)

func TestUnknownTag(t *testing.T) {
	fatest.RunWithSuggestedFixes(t, unknowntag.Analyzer, "fa802")
}
