// Package lint is fa's lint policy: which diagnostics a run reports, at
// which severity, and which of them fail it.
//
// The policy is the .fa.toml configuration ([lints.CODE] levels,
// [global].min_severity and exclude) combined with a driver's Settings (fa's
// --deny, --allow, --only, --skip, category flags, --min-severity and
// --exclude; the same settings as analyzer flags under go vet). It is
// applied in one place, the analyzers' reporting path (Policy.Grade): a
// diagnostic the policy drops is never reported, so fa, go vet -vettool=fa
// and golangci-lint see the same diagnostics. The fa command then only asks
// the same policy for each reported diagnostic's severity and whether it
// fails the run (FailRule); it filters nothing itself.
//
// Drivers differ in one way the policy cannot change: go vet and
// golangci-lint fail (exit 1) on any diagnostic they print, while fa fails
// only on errors (and warnings under -W). With the same configuration the
// three report the same diagnostics, and exit alike whenever an error is
// reported or nothing is; when only hints and warnings remain, fa exits 0
// and the other two exit 1 (fa -W agrees with them when no hint remains).
package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
)

// Policy is the effective policy for the packages that share one
// configuration. It is immutable and safe for concurrent use.
type Policy struct {
	cfg         *config.Config
	settings    Settings
	minSeverity diagnostics.Severity
	root        string // absolute ExcludeRoot
}

// New combines a configuration (nil means the defaults) with settings.
func New(cfg *config.Config, s Settings) (*Policy, error) {
	s, err := s.Normalize()
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		cfg = config.Default()
	}
	p := &Policy{cfg: cfg, settings: s, minSeverity: cfg.Global.MinSeverity}
	if s.MinSeverity != "" {
		p.minSeverity, _ = diagnostics.ParseSeverity(s.MinSeverity) // validated by Normalize
	}
	if len(s.Exclude) > 0 {
		root := s.ExcludeRoot
		if root == "" {
			if root, err = os.Getwd(); err != nil {
				return nil, fmt.Errorf("exclude root: %w", err)
			}
		}
		if p.root, err = filepath.Abs(root); err != nil {
			return nil, fmt.Errorf("exclude root %s: %w", root, err)
		}
	}
	return p, nil
}

// Resolve returns the policy of the packages in directory dir: the
// configuration named by s.Config, else the nearest .fa.toml from dir
// upward, else the defaults.
func Resolve(s Settings, dir string) (*Policy, error) {
	return NewResolver(s).Policy(dir)
}

// Config returns the configuration the policy applies.
func (p *Policy) Config() *config.Config { return p.cfg }

// extension reports whether code is outside the five categories (FA001):
// category and --only selections do not apply to it.
func extension(info diagnostics.Info) bool {
	return !slices.Contains(diagnostics.Categories(), info.Category)
}

// Level returns the effective level of code: LevelAllow when it is not
// reported at all (not selected, skipped, allowed by flag or by
// configuration), LevelDeny when it is denied by flag or configuration,
// else the configured level, or "" for the code's default severity.
func (p *Policy) Level(code string) config.Level {
	info, ok := diagnostics.Lookup(code)
	if !ok {
		return ""
	}
	s := p.settings
	if !extension(info) {
		if len(s.Categories) > 0 && !slices.Contains(s.Categories, info.Category) {
			return config.LevelAllow
		}
		if len(s.Only) > 0 && !slices.Contains(s.Only, info.Code) {
			return config.LevelAllow
		}
	}
	if slices.Contains(s.Skip, info.Code) || slices.Contains(s.Allow, info.Code) {
		return config.LevelAllow
	}
	if slices.Contains(s.Deny, info.Code) {
		return config.LevelDeny
	}
	lvl, _ := p.cfg.Level(info.Code)
	return lvl
}

// Enabled reports whether code can be reported at all; a check whose code
// is not enabled need not run.
func (p *Policy) Enabled(code string) bool { return p.Level(code) != config.LevelAllow }

// Severity returns the severity code is reported with: its default
// severity, changed by a hint, warn or deny level.
func (p *Policy) Severity(code string) diagnostics.Severity {
	info, _ := diagnostics.Lookup(code)
	switch p.Level(code) {
	case config.LevelHint:
		return diagnostics.SeverityHint
	case config.LevelWarn:
		return diagnostics.SeverityWarning
	case config.LevelDeny:
		return diagnostics.SeverityError
	}
	return info.Severity
}

// Grade decides whether a diagnostic of code in file (an absolute path) is
// reported, and with which severity. It is not reported when its level is
// allow, when its severity is below the minimum severity, or when file is
// excluded by the configuration or the settings.
func (p *Policy) Grade(code, file string) (diagnostics.Severity, bool) {
	lvl := p.Level(code)
	if lvl == config.LevelAllow {
		return 0, false
	}
	sev := p.Severity(code)
	if sev < p.minSeverity {
		return 0, false
	}
	if p.Excluded(file) {
		return 0, false
	}
	return sev, true
}

// Excluded reports whether diagnostics in file (an absolute path) are
// dropped by [global].exclude or by the settings' Exclude globs.
func (p *Policy) Excluded(file string) bool {
	if file == "" {
		return false
	}
	if p.cfg.Excluded(file) {
		return true
	}
	if len(p.settings.Exclude) == 0 {
		return false
	}
	rel, err := filepath.Rel(p.root, file)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range p.settings.Exclude {
		if config.MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

// FailRule says which reported diagnostics fail a run of fa.
type FailRule struct {
	// DenyWarnings makes warnings fail the run too (fa -W).
	DenyWarnings bool
	// FailFast stops the report at the first diagnostic that fails the
	// run (fa --fail-fast).
	FailFast bool
}

// Fails reports whether a diagnostic reported with severity sev fails the
// run: errors always (denied codes are errors), warnings under
// DenyWarnings, hints never.
func (r FailRule) Fails(sev diagnostics.Severity) bool {
	return sev == diagnostics.SeverityError || r.DenyWarnings && sev == diagnostics.SeverityWarning
}

// Judge returns the diagnostics a run reports, in order (all of ds, or
// under FailFast those up to the first that fails), and how many of them
// fail the run. The diagnostics carry the severity their policy gave them.
func (r FailRule) Judge(ds []diagnostics.Diagnostic) ([]diagnostics.Diagnostic, int) {
	failing := 0
	for i, d := range ds {
		if r.Fails(d.Severity) {
			failing++
			if r.FailFast {
				return ds[:i+1], failing
			}
		}
	}
	return ds, failing
}

// Count returns the summary counts of ds by severity.
func Count(ds []diagnostics.Diagnostic) (errors, warnings, hints int) {
	for _, d := range ds {
		switch d.Severity {
		case diagnostics.SeverityError:
			errors++
		case diagnostics.SeverityWarning:
			warnings++
		default:
			hints++
		}
	}
	return errors, warnings, hints
}

// FindConfig returns the configuration fa uses from directory dir: the
// file at path when it is given, else the nearest .fa.toml from dir
// upward, else none (""). The file is loaded and validated, so a bad
// configuration fails the run before anything is analysed; the returned
// path is absolute.
func FindConfig(path, dir string) (string, error) {
	if path == "" {
		found, err := config.Find(dir)
		if err != nil || found == "" {
			return "", err
		}
		path = found
	}
	if _, err := config.Load(path); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("config path %s: %w", path, err)
	}
	return abs, nil
}

// Resolver gives the policy of each directory for one run: the settings'
// configuration file, or the nearest .fa.toml of each directory. Each file
// is read once. It is safe for concurrent use.
type Resolver struct {
	settings Settings
	mu       sync.Mutex
	byDir    map[string]*Policy
	byPath   map[string]*Policy
}

// NewResolver returns a Resolver for s.
func NewResolver(s Settings) *Resolver {
	return &Resolver{settings: s, byDir: map[string]*Policy{}, byPath: map[string]*Policy{}}
}

// Policy returns the policy of the packages in dir.
func (r *Resolver) Policy(dir string) (*Policy, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.byDir[dir]; ok {
		return p, nil
	}
	path := r.settings.Config
	if path == "" && dir != "" {
		found, err := config.Find(dir)
		if err != nil {
			return nil, err
		}
		path = found
	}
	p, ok := r.byPath[path]
	if !ok {
		cfg := config.Default()
		if path != "" {
			var err error
			if cfg, err = config.Load(path); err != nil {
				return nil, err
			}
		}
		var err error
		if p, err = New(cfg, r.settings); err != nil {
			return nil, err
		}
		r.byPath[path] = p
	}
	r.byDir[dir] = p
	return p, nil
}
