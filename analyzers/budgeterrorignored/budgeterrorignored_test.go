package budgeterrorignored_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/budgeterrorignored"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestFA302(t *testing.T) {
	fatest.Run(t, budgeterrorignored.Analyzer, "fa302")
}
