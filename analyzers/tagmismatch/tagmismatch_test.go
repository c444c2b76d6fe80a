package tagmismatch_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/tagmismatch"
)

func TestTagMismatch(t *testing.T) {
	fatest.Run(t, tagmismatch.Analyzer, "fa801")
}
