package crossmoduleallocation_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/crossmoduleallocation"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestCrossModuleAllocation(t *testing.T) {
	fatest.Run(t, crossmoduleallocation.Analyzer, "fa803")
}
