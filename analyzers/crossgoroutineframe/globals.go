package crossgoroutineframe

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// globalReaders maps each package-level variable that a goroutine started
// in this package uses (in its body or in the functions of this package it
// calls) to the first launch that starts such a goroutine, together with
// the functions that goroutine runs.
type globalReaders struct {
	launches []*goroutines.Launch // in the model's order
	launch   map[*ssa.Global]*goroutines.Launch
	runs     map[*goroutines.Launch]map[*ssa.Function]bool
}

func newGlobalReaders(m *goroutines.Model, inPkg map[*ssa.Function]bool) *globalReaders {
	gr := &globalReaders{
		launch: map[*ssa.Global]*goroutines.Launch{},
		runs:   map[*goroutines.Launch]map[*ssa.Function]bool{},
	}
	for _, l := range m.Launches {
		if l.Body == nil {
			continue
		}
		runs := map[*ssa.Function]bool{}
		var visit func(fn *ssa.Function)
		visit = func(fn *ssa.Function) {
			if runs[fn] || !inPkg[fn] {
				return
			}
			runs[fn] = true
			for _, anon := range fn.AnonFuncs {
				visit(anon)
			}
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if ci, ok := instr.(ssa.CallInstruction); ok {
						if callee := ci.Common().StaticCallee(); callee != nil {
							if callee.Origin() != nil {
								callee = callee.Origin()
							}
							visit(callee)
						}
					}
					var ops []*ssa.Value
					for _, op := range instr.Operands(ops) {
						if g, ok := (*op).(*ssa.Global); ok {
							if _, seen := gr.launch[g]; !seen {
								gr.launch[g] = l
							}
						}
					}
				}
			}
		}
		visit(l.Body)
		gr.runs[l] = runs
		gr.launches = append(gr.launches, l)
	}
	return gr
}

// reader returns a launch whose goroutine uses g and does not run fn
// itself (a goroutine storing into a variable only it reads hands nothing
// over), or nil.
func (gr *globalReaders) reader(g *ssa.Global, fn *ssa.Function) *goroutines.Launch {
	l := gr.launch[g]
	if l == nil {
		return nil
	}
	if gr.runs[l][fn] {
		for _, other := range gr.launches {
			if runs := gr.runs[other]; !runs[fn] && usesGlobal(runs, g) {
				return other
			}
		}
		return nil
	}
	return l
}

func usesGlobal(runs map[*ssa.Function]bool, g *ssa.Global) bool {
	for fn := range runs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var ops []*ssa.Value
				for _, op := range instr.Operands(ops) {
					if *op == g {
						return true
					}
				}
			}
		}
	}
	return false
}

// launchPos is the position of a launch, for messages.
func launchPos(l *goroutines.Launch) token.Pos { return l.Pos() }
