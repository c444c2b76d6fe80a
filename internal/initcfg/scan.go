package initcfg

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/framealloc/fa/analyzers"
)

// scanModule loads the packages of the module at dir (./... from dir,
// test files included) and collects, with the tag resolution of the FA8xx
// checks, every name of their constant tag paths and the module tags
// (outermost) they allocate under.
func scanModule(dir string) (*moduleScan, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: abs, Tests: true}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, fmt.Errorf("loading the packages of %s: %w", dir, err)
	}
	if err := loadErrors(pkgs); err != nil {
		return nil, err
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzers.Tags}, pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("scanning %s: %w", dir, err)
	}

	s := &moduleScan{Packages: map[string][]string{}}
	known := map[string]bool{}
	for _, p := range pkgs {
		if p.Module != nil && s.Module == "" {
			s.Module = p.Module.Path
		}
	}
	for _, act := range graph.Roots {
		if act.Analyzer != analyzers.Tags || strings.HasSuffix(act.Package.PkgPath, ".test") {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("scanning %s: %w", act.Package.PkgPath, rootCause(act))
		}
		path, _, allocating := analyzers.ModuleTags(act.Result)
		for _, t := range analyzers.TagNames(act.Result) {
			known[t] = true
		}
		if len(allocating) > 0 {
			tags := append(s.Packages[path], allocating...)
			slices.Sort(tags)
			s.Packages[path] = slices.Compact(tags)
		}
	}
	for t := range known {
		s.Tags = append(s.Tags, t)
	}
	slices.Sort(s.Tags)
	return s, nil
}

// rootCause returns the error of the first failed prerequisite of act
// (such as an invalid .fa.toml found by the core), or act's own.
func rootCause(act *checker.Action) error {
	for _, d := range act.Deps {
		if d.Err != nil {
			return rootCause(d)
		}
	}
	return act.Err
}

// loadErrors returns the errors of packages that did not load or type-check:
// a configuration proposed from part of the module would be misleading.
func loadErrors(pkgs []*packages.Package) error {
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if len(errs) < 10 {
				errs = append(errs, e)
			}
		}
	})
	if len(pkgs) == 0 {
		return errors.New("no Go packages found")
	}
	if len(errs) > 0 {
		return fmt.Errorf("packages do not load:\n%w", errors.Join(errs...))
	}
	return nil
}
