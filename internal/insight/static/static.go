// Package static gives `fa insight` fa's own diagnostics of the program
// whose snapshots it shows: read from `fa --format json` output, or
// computed by running fa's analyzers the way the fa command does.
package static

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
	"github.com/framealloc/fa/internal/driver"
	"github.com/framealloc/fa/internal/insight/model"
	"github.com/framealloc/fa/internal/lint"
	"github.com/framealloc/fa/internal/output"
)

// ReadReport reads a report written by `fa --format json` (JSON schema
// version 1).
func ReadReport(path string) (*diagnostics.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--diagnostics: %w", err)
	}
	var rep struct {
		Version     *int                      `json:"version"`
		Diagnostics *[]diagnostics.Diagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("--diagnostics %s: not fa --format json output: %w", path, err)
	}
	switch {
	case rep.Version == nil || rep.Diagnostics == nil:
		return nil, fmt.Errorf("--diagnostics %s: not fa --format json output (no version or diagnostics)", path)
	case *rep.Version != diagnostics.SchemaVersion:
		return nil, fmt.Errorf("--diagnostics %s: JSON schema version %d is not supported (want %d)", path, *rep.Version, diagnostics.SchemaVersion)
	}
	return &diagnostics.Report{Version: *rep.Version, Diagnostics: *rep.Diagnostics}, nil
}

// Analyze runs fa's analyzers on the packages matching patterns in dir,
// with the policy the fa command applies (cfg's lint levels, min_severity
// and excludes; cfg.Path empty: the nearest .fa.toml of each package).
func Analyze(dir string, patterns []string, cfg *config.Config) (*diagnostics.Report, error) {
	res, err := driver.Run(driver.Options{
		Dir:      dir,
		Patterns: patterns,
		Settings: lint.Settings{Config: cfg.Path, ExcludeRoot: dir},
	})
	if err != nil {
		return nil, fmt.Errorf("--analyze: %w", err)
	}
	ds := res.Diagnostics
	if ds == nil {
		ds = []diagnostics.Diagnostic{}
	}
	return &diagnostics.Report{Version: diagnostics.SchemaVersion, Root: dir, Diagnostics: ds}, nil
}

// LoadConfig loads the .fa.toml found from dir upward, or the defaults.
func LoadConfig(dir string) (*config.Config, error) {
	path, err := config.Find(dir)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return config.Default(), nil
	}
	return config.Load(path)
}

// Model returns what the viewer needs of a report: the package-to-tag
// mapping of cfg, and each diagnostic rendered as `fa show` renders it
// from the source files under root.
func Model(rep *diagnostics.Report, cfg *config.Config, root, source string) *model.Static {
	return &model.Static{
		Source:         source,
		Diagnostics:    rep.Diagnostics,
		TagFor:         cfg.TagFor,
		PackagesForTag: cfg.PackagesForTag,
		Snippet: func(d diagnostics.Diagnostic) string {
			var b bytes.Buffer
			if err := output.WriteDiagnostic(&b, root, d); err != nil {
				return ""
			}
			return strings.TrimRight(b.String(), "\n")
		},
	}
}
