package discardstoredbeyondframe_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/discardstoredbeyondframe"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA605(t *testing.T) {
	fatest.Run(t, discardstoredbeyondframe.Analyzer, "fa605")
}
