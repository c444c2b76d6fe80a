package tagmismatch

import "github.com/framealloc/fa/analyzers/internal/tags"

// Analyzer is the FA801 tag-mismatch check: an allocation under a tag
// other than the one .fa.toml maps its package to (tags.ReportPlacement,
// which FA803 shares).
var Analyzer = tags.NewCheck("FA801", tags.ReportPlacement)
