package main

import (
	"github.com/framealloc/fa/internal/checkstyle"
	"github.com/framealloc/fa/internal/ghactions"
	"github.com/framealloc/fa/internal/output"
	"github.com/framealloc/fa/junit"
	"github.com/framealloc/fa/sarif"
)

// formats is the format registry: --format name to writer.
func formats() map[string]formatWriter {
	return map[string]formatWriter{
		"text":       output.WriteText,
		"compact":    output.WriteCompact,
		"json":       output.WriteJSON,
		"sarif":      sarif.Write,
		"junit":      junit.Write,
		"checkstyle": checkstyle.Write,
		"github":     ghactions.Write,
	}
}
