package lint

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
)

// Settings are what a driver says about the policy of one run, on top of
// the configuration file: fa's command-line flags, the analyzer flags of go
// vet, the golangci-lint plugin's settings. The zero value means "the
// configuration file alone".
type Settings struct {
	// Config is the .fa.toml file. Empty: the nearest .fa.toml found from
	// each package's directory upward, or the defaults when there is none.
	// A relative path is relative to the process's working directory.
	Config string
	// Categories, when not empty, restricts the checks to these categories
	// (fa --threading, --budgets ...). FA001 is always reported.
	Categories []diagnostics.Category
	// Only, when not empty, restricts the checks to these codes (fa --only).
	// FA001 is always reported.
	Only []string
	// Skip and Allow list codes that are not reported (fa --skip, --allow).
	Skip, Allow []string
	// Deny lists codes reported as errors that fail the run (fa --deny),
	// whatever their configured level.
	Deny []string
	// MinSeverity, when not empty, replaces [global].min_severity: "hint",
	// "warning" or "error".
	MinSeverity string
	// Exclude lists globs of files whose diagnostics are dropped, matched
	// against slash paths relative to ExcludeRoot (fa --exclude).
	Exclude []string
	// ExcludeRoot is the directory Exclude is relative to; empty means the
	// process's working directory.
	ExcludeRoot string
}

// The analyzer flags that carry Settings, as go vet shows them under the
// core analyzer's name (-framecore.config, -framecore.deny ...). Lists are
// comma-separated.
const (
	FlagConfig      = "config"
	FlagCategories  = "categories"
	FlagOnly        = "only"
	FlagSkip        = "skip"
	FlagAllow       = "allow"
	FlagDeny        = "deny"
	FlagMinSeverity = "min-severity"
	FlagExclude     = "exclude"
	FlagExcludeRoot = "exclude-root"
)

var flagUsage = []struct{ name, usage string }{
	{FlagConfig, "path of the .fa.toml configuration (default: found from the package directory upward)"},
	{FlagCategories, "report only codes of these categories (comma-separated: threading,budgets,lifetime,async,architecture)"},
	{FlagOnly, "report only these codes (comma-separated)"},
	{FlagSkip, "do not report these codes (comma-separated)"},
	{FlagAllow, "do not report these codes (comma-separated)"},
	{FlagDeny, "report these codes as errors (comma-separated)"},
	{FlagMinSeverity, "report only diagnostics at least this severe: hint, warning or error (default: [global].min_severity)"},
	{FlagExclude, "drop diagnostics in files matching these globs (comma-separated, relative to -exclude-root)"},
	{FlagExcludeRoot, "directory the -exclude globs are relative to (default: the working directory)"},
}

// DefineFlags defines the Settings flags, all strings, on fs. The core
// analyzer declares them, so that go vet -vettool=fa, a cloned analyzer
// graph and fa --driver=vet give the analyzers their settings the same way.
func DefineFlags(fs *flag.FlagSet) {
	for _, f := range flagUsage {
		fs.String(f.name, "", f.usage)
	}
}

// FlagValues returns the flag values that carry s, by flag name; flags
// left at their default are omitted.
func (s Settings) FlagValues() map[string]string {
	out := map[string]string{}
	set := func(name, v string) {
		if v != "" {
			out[name] = v
		}
	}
	cats := make([]string, len(s.Categories))
	for i, c := range s.Categories {
		cats[i] = string(c)
	}
	set(FlagConfig, s.Config)
	set(FlagCategories, strings.Join(cats, ","))
	set(FlagOnly, strings.Join(s.Only, ","))
	set(FlagSkip, strings.Join(s.Skip, ","))
	set(FlagAllow, strings.Join(s.Allow, ","))
	set(FlagDeny, strings.Join(s.Deny, ","))
	set(FlagMinSeverity, s.MinSeverity)
	set(FlagExclude, strings.Join(s.Exclude, ","))
	set(FlagExcludeRoot, s.ExcludeRoot)
	return out
}

// VetArgs returns s as go vet command-line flags of the analyzer named
// analyzer: -framecore.deny=FA601 ...
func (s Settings) VetArgs(analyzer string) []string {
	vals := s.FlagValues()
	var out []string
	for _, f := range flagUsage {
		if v, ok := vals[f.name]; ok {
			out = append(out, "-"+analyzer+"."+f.name+"="+v)
		}
	}
	return out
}

// FromFlags reads Settings back from the flags DefineFlags defined, and
// validates them.
func FromFlags(fs *flag.FlagSet) (Settings, error) {
	get := func(name string) string {
		if f := fs.Lookup(name); f != nil {
			return f.Value.String()
		}
		return ""
	}
	list := func(name string) []string {
		var out []string
		for _, v := range strings.Split(get(name), ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	s := Settings{
		Config:      get(FlagConfig),
		Only:        list(FlagOnly),
		Skip:        list(FlagSkip),
		Allow:       list(FlagAllow),
		Deny:        list(FlagDeny),
		MinSeverity: get(FlagMinSeverity),
		Exclude:     list(FlagExclude),
		ExcludeRoot: get(FlagExcludeRoot),
	}
	for _, c := range list(FlagCategories) {
		s.Categories = append(s.Categories, diagnostics.Category(c))
	}
	return s.Normalize()
}

// Normalize validates s and returns it with codes in canonical form
// ("frame-escape" and "fa601" become "FA601"). Errors name the setting as
// the flag that carries it: "deny: unknown code ...".
func (s Settings) Normalize() (Settings, error) {
	var err error
	for _, l := range []struct {
		name string
		v    *[]string
	}{{FlagOnly, &s.Only}, {FlagSkip, &s.Skip}, {FlagAllow, &s.Allow}, {FlagDeny, &s.Deny}} {
		if *l.v, err = ParseCodes(l.name, *l.v); err != nil {
			return Settings{}, err
		}
	}
	for _, c := range s.Categories {
		if !slices.Contains(diagnostics.Categories(), c) {
			return Settings{}, fmt.Errorf("%s: unknown category %q (want threading, budgets, lifetime, async or architecture)", FlagCategories, c)
		}
	}
	if s.MinSeverity != "" {
		sev, err := diagnostics.ParseSeverity(s.MinSeverity)
		if err != nil {
			return Settings{}, fmt.Errorf("%s: %w", FlagMinSeverity, err)
		}
		s.MinSeverity = sev.String()
	}
	for _, g := range s.Exclude {
		if err := config.ValidGlob(g); err != nil {
			return Settings{}, fmt.Errorf("%s %q: %w", FlagExclude, g, err)
		}
	}
	return s, nil
}

// ParseCodes validates codes or names, each value possibly a
// comma-separated list, and returns their canonical codes in order,
// without repeats. name is the setting or flag named in errors.
func ParseCodes(name string, vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		for _, c := range strings.Split(v, ",") {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			info, ok := diagnostics.Lookup(c)
			if !ok {
				return nil, fmt.Errorf("%s: unknown code %q (see fa list)", name, c)
			}
			if !slices.Contains(out, info.Code) {
				out = append(out, info.Code)
			}
		}
	}
	return out, nil
}
