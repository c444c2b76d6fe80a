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
// upward.
const ConfigFlag = "config"

func newFlags() flag.FlagSet {
	var fs flag.FlagSet
	fs.String(ConfigFlag, "", "path of the .fa.toml configuration (default: found from the package directory upward)")
	return fs
}

// Result is what the core knows about one package.
type Result struct {
	Pkg    *types.Package
	API    *allocapi.API
	Config *config.Config
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
	frameLoop    map[*ssa.Function]bool
}

func run(pass *analysis.Pass) (any, error) { return analyze(pass, nil) }

// analyze is the core pass. inject, when not nil, runs before each
// function's flow step; tests use it to make the analysis of one function
// fail.
func analyze(pass *analysis.Pass, inject func(*ssa.Function)) (any, error) {
	cfg, err := loadConfig(pass)
	if err != nil {
		return nil, err
	}
	api := allocapi.New(cfg.Allocator.Packages)
	res := &Result{Pkg: pass.Pkg, API: api, Config: cfg, facts: map[any]*FuncFact{}}
	if api.IsAllocatorPackage(pass.Pkg.Path()) || !reachesAllocator(pass.Pkg, api.IsAllocatorPackage) {
		return res, nil
	}
	res.Reaches = true
	res.Suppressions = report.ParseSuppressions(pass.Fset, pass.Files)
	for _, d := range res.Suppressions.Problems {
		report.Report(pass, nil, cfg, d)
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

// loadConfig reads the configuration named by the config flag, or found
// from the package's directory upward, or the default.
func loadConfig(pass *analysis.Pass) (*config.Config, error) {
	path := pass.Analyzer.Flags.Lookup(ConfigFlag).Value.String()
	if path == "" {
		dir := ""
		for _, f := range pass.Files {
			if name := pass.Fset.File(f.Pos()).Name(); name != "" {
				dir = filepath.Dir(name)
				break
			}
		}
		if dir == "" {
			return config.Default(), nil
		}
		found, err := config.Find(dir)
		if err != nil {
			return nil, fmt.Errorf("finding %s: %w", config.FileName, err)
		}
		if found == "" {
			return config.Default(), nil
		}
		path = found
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, fmt.Errorf("loading configuration: %w", err)
	}
	return cfg, nil
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
// package's suppressions and the configured levels.
func (r *Result) Report(pass *analysis.Pass, d report.Diag) {
	report.Report(pass, r.Suppressions, r.Config, d)
}
