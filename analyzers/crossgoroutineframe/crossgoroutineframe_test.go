package crossgoroutineframe_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/crossgoroutineframe"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA201(t *testing.T) {
	fatest.Run(t, crossgoroutineframe.Analyzer, "fa201")
}
