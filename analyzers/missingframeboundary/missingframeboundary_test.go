package missingframeboundary_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/missingframeboundary"
)

func TestFA603(t *testing.T) {
	fatest.Run(t, missingframeboundary.Analyzer, "fa603")
}
