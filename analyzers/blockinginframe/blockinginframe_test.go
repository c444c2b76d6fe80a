package blockinginframe_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/blockinginframe"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA702(t *testing.T) {
	fatest.Run(t, blockinginframe.Analyzer, "fa702")
}
