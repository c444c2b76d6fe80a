package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/driver"
	"github.com/framealloc/fa/internal/lint"
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
	cpuProfile         string
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
	fl.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to FILE (go tool pprof FILE; attach it to a report of a slow run)")
	fl.StringVar(&f.driverName, "driver", "packages", "how packages are analysed: packages (in process) or vet (go vet -vettool, cached; for very large repositories)")

	root.AddCommand(newExplainCmd(st), newShowCmd(st, f), newListCmd(st), newInitCmd(st), newVersionCmd(st), newInsightCmd(st))
	return root
}

// settings turns the check flags into the run's lint settings and fail
// rule; wd is the working directory --exclude globs are relative to.
func (f *checkFlags) settings(wd string) (lint.Settings, lint.FailRule, error) {
	cfgPath, err := lint.FindConfig(f.configPath, wd)
	if err != nil {
		return lint.Settings{}, lint.FailRule{}, err
	}
	s := lint.Settings{
		Config:      cfgPath,
		Only:        f.only,
		Skip:        f.skip,
		Allow:       f.allow,
		Deny:        f.deny,
		MinSeverity: f.minSeverity,
		Exclude:     f.exclude,
		ExcludeRoot: wd,
	}
	if !f.all {
		for _, c := range []struct {
			on  bool
			cat diagnostics.Category
		}{
			{f.threading, diagnostics.CategoryThreading},
			{f.budgets, diagnostics.CategoryBudgets},
			{f.dirtymem, diagnostics.CategoryLifetime},
			{f.async, diagnostics.CategoryAsync},
			{f.architecture, diagnostics.CategoryArchitecture},
		} {
			if c.on {
				s.Categories = append(s.Categories, c.cat)
			}
		}
	}
	if s, err = s.Normalize(); err != nil {
		return lint.Settings{}, lint.FailRule{}, fmt.Errorf("--%w", err)
	}
	return s, lint.FailRule{DenyWarnings: f.denyWarnings, FailFast: f.failFast}, nil
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
	if f.dryRun && !f.fix {
		return errors.New("--dry-run needs --fix")
	}
	settings, rule, err := f.settings(wd)
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(st.stdout, f.outputPath)
	if err != nil {
		return err
	}
	done := false
	defer func() { closeOut(done) }()
	if f.cpuProfile != "" {
		stop, err := startCPUProfile(f.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}

	opts := driver.Options{Dir: wd, Patterns: patterns, Tags: f.tags, Settings: settings}
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

	ds := res.Diagnostics
	if onlyFile != "" {
		ds = slices.DeleteFunc(ds, func(d diagnostics.Diagnostic) bool { return d.File != onlyFile })
	}
	ds, failing := rule.Judge(ds)
	rep := &diagnostics.Report{
		Version:     diagnostics.SchemaVersion,
		Tool:        diagnostics.Tool{Name: "fa", Version: version()},
		Root:        wd,
		Diagnostics: append([]diagnostics.Diagnostic{}, ds...),
		Summary:     diagnostics.Summary{Packages: res.Packages, Files: res.Files},
	}
	rep.Summary.Errors, rep.Summary.Warnings, rep.Summary.Hints = lint.Count(rep.Diagnostics)

	if f.fix {
		remaining, err := lint.ApplyFixes(wd, rep.Diagnostics, f.dryRun, out, st.stderr)
		if err != nil {
			return err
		}
		done = true
		if _, n := rule.Judge(remaining); n > 0 {
			return &findingsError{n: n}
		}
		return nil
	}
	var buf bytes.Buffer
	if err := write(&buf, rep); err != nil {
		return fmt.Errorf("writing the %s report: %w", f.format, err)
	}
	if onlyFile != "" && len(rep.Diagnostics) == 0 {
		// fa show is read by a person: say the file was checked.
		fmt.Fprintf(&buf, "%s: no diagnostics\n", onlyFile)
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

// startCPUProfile starts profiling the run into path; stop ends it and
// closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	w, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(w); err != nil {
		w.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		w.Close()
	}, nil
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
