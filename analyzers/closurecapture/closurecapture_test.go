package closurecapture_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/closurecapture"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA703(t *testing.T) {
	fatest.Run(t, closurecapture.Analyzer, "fa703")
}
