package crossmoduleallocation

import "github.com/framealloc/fa/analyzers/internal/tags"

// Analyzer is the FA803 cross-module-allocation check: an allocation under
// a tag that .fa.toml maps to another package (tags.ReportPlacement, which
// FA801 shares).
var Analyzer = tags.NewCheck("FA803", tags.ReportPlacement)
