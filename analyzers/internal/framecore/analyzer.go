// Package framecore is the shared frame-flow core of the fa analyzers.
//
// It runs once per package, before every check, and answers the questions
// all checks ask: does this package reach the allocator at all (if not,
// nothing else happens and no SSA is built), which calls are allocator
// operations, which helpers (in this package or any other) begin or end a
// frame, allocate, keep a func argument, return or store frame memory
// (exported as FuncFact facts), and — through Flow — which SSA values are
// frame memory of which Local, allocated where.
package framecore

import (
	"flag"
	"fmt"
	"go/types"
	"path/filepath"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/report"
	"github.com/framealloc/fa/internal/config"
	"github.com/framealloc/fa/internal/lint"
)

// Analyzer is the core pass every check requires.
var Analyzer = &analysis.Analyzer{
	Name:       "framecore",
	Doc:        "shared frame-flow analysis of the fa checks (reports invalid //fa: suppression comments as FA001)",
	URL:        "https://github.com/framealloc/fa",
	Run:        run,
	Flags:      newFlags(),
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(FuncFact)},
}

// ConfigFlag is the name of the analyzer flag that names the .fa.toml file.
// When it is empty, the file is looked up from the package's directory
// upward. The other flags of the core carry the rest of a driver's lint
// settings (lint.DefineFlags).
const ConfigFlag = lint.FlagConfig

func newFlags() flag.FlagSet {
	var fs flag.FlagSet
	lint.DefineFlags(&fs)
	return fs
}

// Result is what the core knows about one package.
type Result struct {
	Pkg    *types.Package
	API    *allocapi.API
	Config *config.Config
	// Policy is the lint policy of the package: the configuration and the
	// driver's settings (the core's flags). Every finding is reported
	// through it.
	Policy *lint.Policy
	// Reaches reports whether the package imports the allocator, directly
	// or through its imports. When false, every other field below is empty
	// and checks should return at once.
	Reaches bool
	// SSA is the package in SSA form (nil unless Reaches).
	SSA *buildssa.SSA
	// Funcs lists every function of the package with a body: SSA.SrcFuncs
	// and all functions nested in them, in a deterministic order.
	Funcs []*ssa.Function
	// Calls lists the allocator calls of each function, in instruction order.
	Calls map[*ssa.Function][]allocapi.Call
	// Suppressions holds the package's //fa: directives.
	Suppressions *report.Suppressions
	facts        map[any]*FuncFact // by types.Object for named functions, *ssa.Function for literals
	flow         *Flow
}

func run(pass *analysis.Pass) (any, error) { return analyze(pass, nil) }

// analyze is the core pass. inject, when not nil, runs before each
// function's flow step; tests use it to make the analysis of one function
// fail.
func analyze(pass *analysis.Pass, inject func(*ssa.Function)) (any, error) {
	policy, err := loadPolicy(pass)
	if err != nil {
		return nil, err
	}
	cfg := policy.Config()
	api := allocapi.New(cfg.Allocator.Packages)
	res := &Result{Pkg: pass.Pkg, API: api, Config: cfg, Policy: policy, facts: map[any]*FuncFact{}}
	if api.IsAllocatorPackage(pass.Pkg.Path()) {
		return res, nil
	}
	if !reachesAllocator(pass.Pkg, api.IsAllocatorPackage) {
		// No SSA; helpers may still hand over or keep what callers in
		// packages that use the allocator give them.
		if err := plainFacts(pass); err != nil {
			return nil, err
		}
		return res, nil
	}
	res.Reaches = true
	res.Suppressions = report.ParseSuppressions(pass.Fset, pass.Files)
	for _, d := range res.Suppressions.Problems {
		report.Report(pass, nil, policy, d)
	}
	res.SSA = buildSSA(pass)
	res.Funcs = allFuncs(res.SSA.SrcFuncs)
	res.Calls = make(map[*ssa.Function][]allocapi.Call)
	for _, fn := range res.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ci, ok := instr.(ssa.CallInstruction); ok {
					if c, ok := api.Classify(ci); ok {
						res.Calls[fn] = append(res.Calls[fn], c)
					}
				}
			}
		}
	}
	res.computeSummaries(pass)
	res.flow = newFlow(res)
	res.flow.inject = inject
	res.flow.solve()
	if err := res.flow.failure(pass.Pkg.Path()); err != nil {
		// A partial analysis must never pass for a complete one.
		return nil, err
	}
	res.exportFacts(pass)
	return res, nil
}

// loadPolicy builds the package's lint policy from the analyzer's flags
// (set by go vet, or by analyzers.New on a copy of the analyzer) and the
// configuration they name, or the one found from the package's directory
// upward, or the defaults.
func loadPolicy(pass *analysis.Pass) (*lint.Policy, error) {
	settings, err := lint.FromFlags(&pass.Analyzer.Flags)
	if err != nil {
		return nil, fmt.Errorf("flags of %s: %w", pass.Analyzer.Name, err)
	}
	policy, err := lint.Resolve(settings, packageDir(pass))
	if err != nil {
		return nil, fmt.Errorf("loading configuration: %w", err)
	}
	return policy, nil
}

// packageDir is the directory of the package's source files ("" when it
// has none). The position of the package clause follows //line
// directives, so a cgo package gives its own directory, not the build
// cache's.
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name := pass.Fset.Position(f.Package).Filename; name != "" {
			return filepath.Dir(name)
		}
	}
	return ""
}

// allFuncs returns funcs and, after each, its nested functions.
func allFuncs(funcs []*ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	seen := map[*ssa.Function]bool{}
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		if seen[f] || f.Blocks == nil {
			return
		}
		seen[f] = true
		out = append(out, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, f := range funcs {
		add(f)
	}
	return out
}

// Report reports a finding of a check through its own pass, honouring the
// package's suppressions and lint policy.
func (r *Result) Report(pass *analysis.Pass, d report.Diag) {
	report.Report(pass, r.Suppressions, r.Policy, d)
}
