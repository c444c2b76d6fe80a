package sharedlocal_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/sharedlocal"
)

func TestSharedLocal(t *testing.T) {
	fatest.Run(t, sharedlocal.Analyzer, "fa206")
}
