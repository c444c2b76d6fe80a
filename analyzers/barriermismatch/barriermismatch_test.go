package barriermismatch_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/barriermismatch"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestBarrierMismatch(t *testing.T) {
	fatest.Run(t, barriermismatch.Analyzer, "fa202")
}
