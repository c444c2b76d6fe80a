package loopallocation_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/loopallocation"
)

func TestFA602(t *testing.T) {
	fatest.Run(t, loopallocation.Analyzer, "fa602")
}
