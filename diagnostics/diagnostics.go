// Package diagnostics defines what fa reports: the catalogue of diagnostic
// codes (name, category, default severity, documentation) and the
// Diagnostic record that every output format writes.
//
// It is the one place that knows what FA601 means. The analyzers take their
// documentation from it, the fa command prints it with `fa explain`, and the
// SARIF writer turns it into rules.
package diagnostics

import (
	"fmt"
	"strings"
)

// Severity is how serious a diagnostic is. The zero value is SeverityHint.
type Severity int

// Severities, from least to most serious.
const (
	SeverityHint Severity = iota
	SeverityWarning
	SeverityError
)

// String returns "hint", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case SeverityHint:
		return "hint"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "hint", "warning" (or "warn") and "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "hint":
		return SeverityHint, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want hint, warning or error)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Category groups codes; each category has a command-line flag.
type Category string

// The categories of DESIGN.md section 2.
const (
	CategoryThreading    Category = "threading"    // FA2xx, --threading
	CategoryBudgets      Category = "budgets"      // FA3xx, --budgets
	CategoryLifetime     Category = "lifetime"     // FA6xx, --dirtymem
	CategoryAsync        Category = "async"        // FA7xx, --async-safety
	CategoryArchitecture Category = "architecture" // FA8xx, --architecture
)

// Categories lists every category in code order.
func Categories() []Category {
	return []Category{CategoryThreading, CategoryBudgets, CategoryLifetime, CategoryAsync, CategoryArchitecture}
}

// Diagnostic is one finding as fa reports it (JSON schema version 1).
// Paths are slash-separated and relative to the working directory.
type Diagnostic struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Category  Category  `json:"category"`
	Severity  Severity  `json:"severity"`
	Message   string    `json:"message"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"end_line"`
	EndColumn int       `json:"end_column"`
	Package   string    `json:"package"`
	Related   []Related `json:"related"`
	Fixes     []Fix     `json:"fixes"`
}

// Related is a secondary position, such as where a frame value was allocated.
type Related struct {
	Message string `json:"message"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// Fix is a suggested fix: a set of edits applied together.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces the bytes [StartOffset, EndOffset) of File with NewText.
type Edit struct {
	File        string `json:"file"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
	NewText     string `json:"new_text"`
}
