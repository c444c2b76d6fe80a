package useafterendframe_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/useafterendframe"
)

func TestUseAfterEndFrame(t *testing.T) {
	fatest.Run(t, useafterendframe.Analyzer, "fa606")
}
