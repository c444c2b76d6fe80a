package deferredoverflowrisk_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/deferredoverflowrisk"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestDeferredOverflowRisk(t *testing.T) {
	fatest.Run(t, deferredoverflowrisk.Analyzer, "fa204")
}
