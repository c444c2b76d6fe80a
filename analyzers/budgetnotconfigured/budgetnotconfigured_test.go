package budgetnotconfigured_test

import (
	"testing"

	"github.com/framealloc/fa/analyzers/budgetnotconfigured"
	"github.com/framealloc/fa/analyzers/internal/fatest"
)

func TestBudgetNotConfigured(t *testing.T) {
	fatest.Run(t, budgetnotconfigured.Analyzer, "fa203")
}
