package unboundedallocation_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/unboundedallocation"
)

func TestFA301(t *testing.T) {
	fatest.Run(t, unboundedallocation.Analyzer, "fa301")
}
