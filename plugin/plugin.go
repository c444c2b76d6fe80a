// Package plugin is fa's golangci-lint v2 module plugin: it registers every
// fa analyzer under the linter name "fa".
//
// Build a golangci-lint binary that includes it with `golangci-lint custom`
// and a .custom-gcl.yml such as
//
//	version: v2.15.0
//	name: custom-gcl
//	destination: ./bin
//	plugins:
//	  - module: github.com/framealloc/fa
//	    import: github.com/framealloc/fa/plugin
//	    version: v0.1.0
//
// then enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable: [fa]
//	  settings:
//	    custom:
//	      fa:
//	        type: module
//	        description: frame allocation lifetime, threading and budget checks
//	        original-url: https://github.com/framealloc/fa
//	        settings:
//	          config: .fa.toml   # optional; default: found from each package upward
//	issues:
//	  uniq-by-line: false        # fa may report two codes on one line
//	  max-same-issues: 0
//
// The .fa.toml policy (levels, min_severity, exclude) applies inside the
// analyzers, so golangci-lint reports what fa and go vet report. See
// docs/integrations.md.
package plugin

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers"
)

// Name is the linter name golangci-lint knows the plugin by.
const Name = "fa"

func init() { register.Plugin(Name, New) }

// Settings are decoded from linters.settings.custom.fa.settings in
// .golangci.yml. Unknown keys are an error.
type Settings struct {
	// Config is the path of the .fa.toml file. Empty means: found from
	// each package's directory upward, as fa itself does.
	Config string `json:"config"`
}

// Plugin is the golangci-lint linter plugin for fa.
type Plugin struct {
	settings Settings
}

// New decodes the settings and returns the plugin; golangci-lint calls it
// through the registry.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("fa plugin settings: %w", err)
	}
	return &Plugin{settings: s}, nil
}

// Settings returns the decoded settings.
func (p *Plugin) Settings() Settings { return p.settings }

// BuildAnalyzers returns a copy of every fa analyzer (analyzers.New) for
// this plugin instance: the shared core (which also reports invalid
// suppression comments as FA001) and one analyzer per diagnostic code. A
// configured path is the copy's config setting, as
// `go vet -vettool=fa -framecore.config=PATH` sets it; a relative path is
// relative to the working directory golangci-lint runs in. Nothing global
// changes, so two plugin instances with different settings do not
// interfere.
//
// The analyzers apply the .fa.toml policy (levels, min_severity, exclude)
// as they report, so golangci-lint shows what fa and go vet show.
// golangci-lint already shows the analyzer's name (the code) next to each
// message, so the per-code analyzers given to it report their messages
// without the "FA601: " prefix that go vet needs.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	opts := analyzers.Options{Config: p.settings.Config}
	if opts.Config != "" {
		abs, err := filepath.Abs(opts.Config)
		if err != nil {
			return nil, fmt.Errorf("fa plugin: config %s: %w", opts.Config, err)
		}
		opts.Config = abs
	}
	all := analyzers.New(opts)
	for i, a := range all[1:] {
		all[i+1] = WithoutCodePrefix(a)
	}
	return all, nil
}

// GetLoadMode asks for type information: the analyzers build SSA and
// exchange facts across packages.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// WithoutCodePrefix returns a copy of the check a whose diagnostics'
// messages do not start with its code and ": ". It requires the same
// analyzers as a, so the shared core still runs once.
func WithoutCodePrefix(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	prefix := a.Name + ": "
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Message = strings.TrimPrefix(d.Message, prefix)
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &c
}
