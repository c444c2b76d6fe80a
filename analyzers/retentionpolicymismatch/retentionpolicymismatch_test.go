package retentionpolicymismatch_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/internal/fatest"
	"github.com/framealloc/fa/analyzers/retentionpolicymismatch"
)

func TestFA604(t *testing.T) {
	fatest.Run(t, retentionpolicymismatch.Analyzer, "fa604")
}
