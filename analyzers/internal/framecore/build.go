package framecore

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"
)

// reachesAllocator reports whether pkg imports an allocator package,
// directly or through any of its imports. Packages for which it is false
// cannot hold frame memory and are never converted to SSA.
func reachesAllocator(pkg *types.Package, isAllocator func(path string) bool) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			if isAllocator(imp.Path()) || visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

// buildSSA constructs the SSA form of the package exactly as the buildssa
// pass does, and returns it in buildssa's result type. It is called only for
// packages that reach the allocator: requiring buildssa.Analyzer from an
// analyzer that has facts would build SSA for every dependency, the
// standard library included, whether or not it can hold frame memory.
func buildSSA(pass *analysis.Pass) *buildssa.SSA {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(noReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	ssapkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	ssapkg.Build()

	var funcs []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				add(f)
			}
		}
	}
	return &buildssa.SSA{Pkg: ssapkg, SrcFuncs: funcs}
}

// noReturnFuncs lists standard-library functions that never return, so
// that paths through them do not produce spurious control flow.
var noReturnFuncs = map[string]bool{
	"os.Exit": true, "syscall.Exit": true, "runtime.Goexit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
	"(*log.Logger).Fatal": true, "(*log.Logger).Fatalf": true, "(*log.Logger).Fatalln": true,
	"(*log.Logger).Panic": true, "(*log.Logger).Panicf": true, "(*log.Logger).Panicln": true,
	"(*testing.common).FailNow": true, "(*testing.common).Fatal": true, "(*testing.common).Fatalf": true,
	"(*testing.common).SkipNow": true, "(*testing.common).Skip": true, "(*testing.common).Skipf": true,
}

func noReturn(fn *types.Func) bool { return noReturnFuncs[fn.FullName()] }
