package frameallocinasync_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/frameallocinasync"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA701(t *testing.T) {
	fatest.Run(t, frameallocinasync.Analyzer, "fa701")
}
