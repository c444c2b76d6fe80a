package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
	"github.com/framealloc/fa/internal/driver"
)

// checkFlags are the flags of the check command (fa [flags] [packages]).
type checkFlags struct {
	all, threading, budgets, dirtymem, async, architecture bool

	deny, allow        []string
	denyWarnings       bool
	minSeverity        string
	only, skip         []string
	exclude            []string
	failFast           bool
	configPath         string
	tags               []string
	fix, dryRun        bool
	format, outputPath string
	driverName         string
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func newRootCmd(st *state) *cobra.Command {
	f := &checkFlags{}
	root := &cobra.Command{
		Use:   "fa [flags] [packages]",
		Short: "Check Go code that uses the frame allocator",
		Long: "fa checks Go packages (default ./..., test files included) for misuse of\n" +
			"github.com/framealloc/fa/allocator. Exit codes: 0 nothing fails the run,\n" +
			"1 diagnostics fail the run, 2 the run could not be done.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(st, f, args, "")
		},
	}
	fl := root.Flags()
	fl.BoolVarP(&f.all, "all", "a", false, "enable every category (the default when no category flag is given)")
	fl.BoolVar(&f.threading, "threading", false, "threading checks (FA2xx)")
	fl.BoolVar(&f.budgets, "budgets", false, "budget checks (FA3xx)")
	fl.BoolVar(&f.dirtymem, "dirtymem", false, "lifetime checks (FA6xx)")
	fl.BoolVar(&f.async, "async-safety", false, "async checks (FA7xx)")
	fl.BoolVar(&f.architecture, "architecture", false, "architecture checks (FA8xx)")
	fl.StringSliceVarP(&f.deny, "deny", "D", nil, "report CODE as an error that fails the run (repeatable, comma-separated)")
	fl.StringSliceVarP(&f.allow, "allow", "A", nil, "do not report CODE (repeatable, comma-separated)")
	fl.BoolVarP(&f.denyWarnings, "deny-warnings", "W", false, "warnings fail the run too")
	fl.StringVar(&f.minSeverity, "min-severity", "", "report only diagnostics at least this severe: hint|warning|error")
	fl.StringSliceVar(&f.only, "only", nil, "report only these CODES")
	fl.StringSliceVar(&f.skip, "skip", nil, "do not report these CODES")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "skip files matching GLOB (slash paths relative to the working directory; repeatable)")
	fl.BoolVar(&f.failFast, "fail-fast", false, "stop the report at the first diagnostic that fails the run")
	fl.StringVar(&f.configPath, "config", "", "configuration file (default: .fa.toml found from the working directory upward)")
	fl.StringSliceVar(&f.tags, "tags", nil, "build tags (comma-separated)")
	fl.BoolVar(&f.fix, "fix", false, "apply suggested fixes")
	fl.BoolVar(&f.dryRun, "dry-run", false, "with --fix, print the unified diff instead of writing files")
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(formatNames(), "|"))
	fl.StringVarP(&f.outputPath, "output", "o", "", "write the report to FILE instead of standard output")
	fl.StringVar(&f.driverName, "driver", "packages", "how packages are analysed: packages (in process) or vet (go vet -vettool, cached; for very large repositories)")

	root.AddCommand(newExplainCmd(st), newShowCmd(st, f), newListCmd(st), newInitCmd(st), newVersionCmd(st))
	return root
}

// selection is the effective filter of one run.
type selection struct {
	categories   map[diagnostics.Category]bool // nil: all
	deny, allow  map[string]bool
	only, skip   map[string]bool
	minSeverity  diagnostics.Severity
	denyWarnings bool
	exclude      []string
	cfg          *config.Config
	wd           string
}

// parseCodes validates codes given on the command line.
func parseCodes(flagName string, vals []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, v := range vals {
		for _, c := range strings.Split(v, ",") {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			info, ok := diagnostics.Lookup(c)
			if !ok {
				return nil, fmt.Errorf("--%s: unknown code %q (see fa list)", flagName, c)
			}
			out[info.Code] = true
		}
	}
	return out, nil
}

func newSelection(f *checkFlags, cfg *config.Config, wd string) (*selection, error) {
	s := &selection{cfg: cfg, wd: wd, denyWarnings: f.denyWarnings, minSeverity: cfg.Global.MinSeverity}
	cats := map[diagnostics.Category]bool{}
	if f.threading {
		cats[diagnostics.CategoryThreading] = true
	}
	if f.budgets {
		cats[diagnostics.CategoryBudgets] = true
	}
	if f.dirtymem {
		cats[diagnostics.CategoryLifetime] = true
	}
	if f.async {
		cats[diagnostics.CategoryAsync] = true
	}
	if f.architecture {
		cats[diagnostics.CategoryArchitecture] = true
	}
	if len(cats) > 0 && !f.all {
		s.categories = cats
	}
	var err error
	if s.deny, err = parseCodes("deny", f.deny); err != nil {
		return nil, err
	}
	if s.allow, err = parseCodes("allow", f.allow); err != nil {
		return nil, err
	}
	if s.only, err = parseCodes("only", f.only); err != nil {
		return nil, err
	}
	if s.skip, err = parseCodes("skip", f.skip); err != nil {
		return nil, err
	}
	if f.minSeverity != "" {
		sev, err := diagnostics.ParseSeverity(f.minSeverity)
		if err != nil {
			return nil, fmt.Errorf("--min-severity: %w", err)
		}
		s.minSeverity = sev
	}
	for _, g := range f.exclude {
		if err := config.ValidGlob(g); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", g, err)
		}
	}
	s.exclude = f.exclude
	return s, nil
}

// apply filters and re-grades one diagnostic. It returns false when the
// diagnostic is not reported, and whether it fails the run.
func (s *selection) apply(d *diagnostics.Diagnostic) (keep, fails bool) {
	code := d.Code
	ext := d.Category == diagnostics.CategorySuppression
	if s.categories != nil && !ext && !s.categories[d.Category] {
		return false, false
	}
	if len(s.only) > 0 && !ext && !s.only[code] {
		return false, false
	}
	if s.skip[code] || s.allow[code] {
		return false, false
	}
	denied := s.deny[code]
	if !denied {
		if lvl, ok := s.cfg.Level(code); ok {
			switch lvl {
			case config.LevelAllow:
				return false, false
			case config.LevelHint:
				d.Severity = diagnostics.SeverityHint
			case config.LevelWarn:
				d.Severity = diagnostics.SeverityWarning
			case config.LevelDeny:
				denied = true
			}
		}
	}
	if denied {
		d.Severity = diagnostics.SeverityError
	}
	if !denied && d.Severity < s.minSeverity {
		return false, false
	}
	abs := filepath.Join(s.wd, filepath.FromSlash(d.File))
	if s.cfg.Excluded(abs) {
		return false, false
	}
	for _, g := range s.exclude {
		if config.MatchGlob(g, d.File) {
			return false, false
		}
	}
	fails = denied || d.Severity == diagnostics.SeverityError ||
		(s.denyWarnings && d.Severity == diagnostics.SeverityWarning)
	return true, fails
}

// loadConfig loads the --config file, or the .fa.toml found upward from
// wd, or the defaults. It returns the path ("" for defaults).
func loadConfig(flagPath, wd string) (*config.Config, string, error) {
	path := flagPath
	if path == "" {
		p, err := config.Find(wd)
		if err != nil {
			return nil, "", err
		}
		path = p
	}
	if path == "" {
		return config.Default(), "", nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", fmt.Errorf("config path %s: %w", path, err)
	}
	return cfg, abs, nil
}

// runCheck is the check command; onlyFile, when set, restricts the report
// to one file (fa show) and forces the text format.
func runCheck(st *state, f *checkFlags, patterns []string, onlyFile string) error {
	wd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("working directory: %w", err)
	}
	write, ok := formats()[f.format]
	if !ok {
		return fmt.Errorf("unknown format %q (want %s)", f.format, strings.Join(formatNames(), ", "))
	}
	if write == nil {
		return fmt.Errorf("format %q is not available in this build", f.format)
	}
	if f.dryRun && !f.fix {
		return errors.New("--dry-run needs --fix")
	}
	cfg, cfgPath, err := loadConfig(f.configPath, wd)
	if err != nil {
		return err
	}
	sel, err := newSelection(f, cfg, wd)
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(st.stdout, f.outputPath)
	if err != nil {
		return err
	}
	done := false
	defer func() { closeOut(done) }()

	opts := driver.Options{
		Dir:               wd,
		Patterns:          patterns,
		Tags:              f.tags,
		ConfigPath:        cfgPath,
		AllocatorPackages: cfg.Allocator.Packages,
		Analyzers:         analyzers.All(),
		Core:              analyzers.Core,
	}
	var res *driver.Result
	switch f.driverName {
	case "packages", "":
		res, err = driver.Run(opts)
	case "vet":
		exe, xerr := os.Executable()
		if xerr != nil {
			return fmt.Errorf("locating fa for go vet: %w", xerr)
		}
		res, err = driver.RunVet(driver.VetOptions{Options: opts, Tool: exe})
	default:
		return fmt.Errorf("--driver: unknown driver %q (want packages or vet)", f.driverName)
	}
	if err != nil {
		return err
	}

	rep := &diagnostics.Report{
		Version: diagnostics.SchemaVersion,
		Tool:    diagnostics.Tool{Name: "fa", Version: version()},
		Root:    wd,
		Summary: diagnostics.Summary{Packages: res.Packages, Files: res.Files},
	}
	failing := 0
	for _, d := range res.Diagnostics {
		if onlyFile != "" && d.File != onlyFile {
			continue
		}
		keep, fails := sel.apply(&d)
		if !keep {
			continue
		}
		rep.Diagnostics = append(rep.Diagnostics, d)
		if fails {
			failing++
			if f.failFast {
				break
			}
		}
	}
	if rep.Diagnostics == nil {
		rep.Diagnostics = []diagnostics.Diagnostic{}
	}
	for _, d := range rep.Diagnostics {
		switch d.Severity {
		case diagnostics.SeverityError:
			rep.Summary.Errors++
		case diagnostics.SeverityWarning:
			rep.Summary.Warnings++
		default:
			rep.Summary.Hints++
		}
	}

	if f.fix {
		remaining, err := applyFixes(st, wd, rep, f.dryRun, out)
		if err != nil {
			return err
		}
		done = true
		if remaining > 0 && failing > 0 {
			return &findingsError{n: failing}
		}
		return nil
	}
	var buf bytes.Buffer
	if err := write(&buf, rep); err != nil {
		return fmt.Errorf("writing the %s report: %w", f.format, err)
	}
	if _, err := out.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	done = true
	if failing > 0 {
		return &findingsError{n: failing}
	}
	return nil
}

// openOutput opens --output early so an unwritable path fails before the
// analysis. The returned close function removes a file it created when
// the run did not complete.
func openOutput(stdout io.Writer, path string) (io.Writer, func(ok bool), error) {
	if path == "" {
		return stdout, func(bool) {}, nil
	}
	_, statErr := os.Stat(path)
	existed := statErr == nil
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write output file: %w", err)
	}
	return fh, func(ok bool) {
		fh.Close()
		if !ok && !existed {
			os.Remove(path)
		}
	}, nil
}

// formatWriter writes a report in one format.
type formatWriter func(io.Writer, *diagnostics.Report) error

func formatNames() []string {
	names := []string{"text", "compact", "json", "sarif", "junit", "checkstyle", "github"}
	return slices.Clip(names)
}
