// Package goroutines is the goroutine-launch model shared by the threading
// checks (FA202–FA206).
//
// It finds every place a package starts a goroutine (go statements with a
// named function, a method or a func literal; WaitGroup.Go and errgroup's
// Go; helpers whose facts say they run a func parameter on a goroutine or
// hand a parameter to one), what each launched goroutine is given
// (arguments and captured variables, with their handle keys in the
// spawner and the parameter or free variable that receives them in the
// body), and how many times each launch runs per call of the spawner when
// that is static (goroutines started in loops with constant bounds count
// that many times).
package goroutines

import (
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// Unknown is the Count of a launch whose number of executions is not
// static.
const Unknown = -1

// Model is the goroutine-launch model of one package.
type Model struct {
	Core *framecore.Result
	// Launches lists every launch in the package, in function and
	// instruction order.
	Launches []*Launch

	bySpawner map[*ssa.Function][]*Launch
	byBody    map[*ssa.Function][]*Launch
	byInstr   map[ssa.Instruction]*Launch
	calls     map[*ssa.Function]int // static calls (not launches) of each function

	// mu guards the answers computed on demand: the checks sharing the
	// model run concurrently.
	mu    sync.Mutex
	loops map[*ssa.Function][]*Loop
	only  map[*ssa.Function]bool
}

// Launch is one place a goroutine is started.
type Launch struct {
	// Instr is the go statement, or the call of WaitGroup.Go, errgroup's
	// Go or a launching helper.
	Instr ssa.CallInstruction
	// Site is the core's description of the launch.
	Site framecore.LaunchSite
	// Spawner is the function containing Instr.
	Spawner *ssa.Function
	// Body is the function started on the goroutine when it is static and
	// has a body in this package's SSA (a func literal, or a named
	// function or method of this package); nil otherwise.
	Body *ssa.Function
	// Callee is the function started when it is static, even without a
	// body (a function of another package); nil otherwise.
	Callee *ssa.Function
	// Given lists what the goroutine receives: arguments, captured
	// variables and values a helper hands over.
	Given []Given
	// Count is how many times the launch runs per execution of the
	// spawner (loops with constant bounds multiply it), or Unknown.
	Count int
	// Waited reports whether the spawner waits for the goroutine
	// (framecore.Result.Waited): it then runs inside the spawner's frame.
	Waited bool
}

// Pos returns the position of the launch (the go statement or call).
func (l *Launch) Pos() token.Pos { return l.Instr.Pos() }

// Given is one value a launched goroutine receives.
type Given struct {
	// Outer is the value in the spawner: the argument, or the captured
	// variable's cell.
	Outer ssa.Value
	// Key canonicalises the handle the goroutine receives, in the
	// spawner's key space: for a captured variable, the key of the
	// variable's content.
	Key framecore.LocalKey
	// Inner is the parameter or free variable that receives the value in
	// Body, or nil.
	Inner ssa.Value
	// Captured reports whether the value is a captured variable (Inner is
	// then the address of the variable).
	Captured bool
	// Type is the type of the handle (the variable's type when captured).
	Type types.Type
	// Field is set for a value the goroutine reaches through a field of
	// a local struct it is given (w := &Worker{local: l}; go w.Run()):
	// the field path from the given struct, such as ".local". Outer is
	// then the value stored into that field, Key its key in the spawner,
	// Inner nil, and Holder the index in Launch.Given of the struct it is
	// reached through.
	Field  string
	Holder int
}

// Analyzer computes the goroutine-launch model of a package once for every
// check that needs it. Its result is nil for packages that do not reach
// the allocator.
var Analyzer = &analysis.Analyzer{
	Name:       "fagoroutines",
	Doc:        "goroutine-launch model shared by the fa threading checks; reports nothing",
	URL:        "https://pkg.go.dev/github.com/framealloc/fa/analyzers",
	Requires:   []*analysis.Analyzer{framecore.Analyzer},
	ResultType: reflect.TypeFor[*Model](),
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		if !core.Reaches {
			return (*Model)(nil), nil
		}
		return New(core), nil
	},
}

// New builds the model of the package the core analysed.
func New(core *framecore.Result) *Model {
	m := &Model{
		Core:      core,
		bySpawner: map[*ssa.Function][]*Launch{},
		byBody:    map[*ssa.Function][]*Launch{},
		byInstr:   map[ssa.Instruction]*Launch{},
		loops:     map[*ssa.Function][]*Loop{},
		calls:     map[*ssa.Function]int{},
		only:      map[*ssa.Function]bool{},
	}
	inPkg := map[*ssa.Function]bool{}
	for _, fn := range core.Funcs {
		inPkg[fn] = true
	}
	for _, fn := range core.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				site, ok := core.Launch(ci)
				if !ok {
					if callee := ci.Common().StaticCallee(); callee != nil {
						m.calls[canonical(callee)]++
					}
					continue
				}
				l := m.newLaunch(fn, ci, site, inPkg)
				m.Launches = append(m.Launches, l)
				m.bySpawner[fn] = append(m.bySpawner[fn], l)
				if l.Body != nil {
					m.byBody[l.Body] = append(m.byBody[l.Body], l)
				}
				m.byInstr[ci] = l
			}
		}
	}
	return m
}

func canonical(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

func (m *Model) newLaunch(spawner *ssa.Function, ci ssa.CallInstruction, site framecore.LaunchSite, inPkg map[*ssa.Function]bool) *Launch {
	l := &Launch{Instr: ci, Site: site, Spawner: spawner}
	var params []*ssa.Parameter
	switch f := site.Func.(type) {
	case *ssa.Function:
		l.Callee = f
	case *ssa.MakeClosure:
		if fn, ok := f.Fn.(*ssa.Function); ok {
			l.Callee = fn
			for i, bind := range f.Bindings {
				g := Given{Outer: bind, Captured: true}
				if i < len(fn.FreeVars) {
					g.Inner = fn.FreeVars[i]
				}
				if p, ok := bind.Type().Underlying().(*types.Pointer); ok && fn.Synthetic == "" {
					g.Key = framecore.HandleKeyAt(bind)
					g.Type = p.Elem()
				} else {
					// A bound method value: the binding is the receiver.
					g.Key = framecore.HandleKey(bind)
					g.Type = bind.Type()
					g.Captured = false
				}
				l.Given = append(l.Given, g)
			}
		}
	}
	if l.Callee != nil && inPkg[l.Callee] {
		l.Body = l.Callee
		params = l.Body.Params
	}
	for i, a := range site.Args {
		g := Given{Outer: a, Key: framecore.HandleKey(a), Type: a.Type()}
		if i < len(params) {
			g.Inner = params[i]
		}
		l.Given = append(l.Given, g)
	}
	for _, a := range site.Handed {
		l.Given = append(l.Given, Given{Outer: a, Key: framecore.HandleKey(a), Type: a.Type()})
	}
	for i, n := 0, len(l.Given); i < n; i++ {
		for _, f := range fieldsGiven(l.Given[i]) {
			f.Holder = i
			l.Given = append(l.Given, f)
		}
	}
	l.Count = m.count(spawner, ci.Block())
	l.Waited = m.Core.Waited(ci)
	if _, isGo := ci.(*ssa.Go); !isGo && site.Func == nil {
		// A helper that starts goroutines itself: how many is not known.
		l.Count = Unknown
	}
	if _, isGo := ci.(*ssa.Go); !isGo && len(site.Handed) > 0 {
		l.Count = Unknown
	}
	return l
}

// Spawned returns the launches in fn.
func (m *Model) Spawned(fn *ssa.Function) []*Launch { return m.bySpawner[fn] }

// LaunchAt returns the launch made by instr, or nil.
func (m *Model) LaunchAt(instr ssa.Instruction) *Launch { return m.byInstr[instr] }

// StartedBy returns the launches that start fn (as their Body).
func (m *Model) StartedBy(fn *ssa.Function) []*Launch { return m.byBody[fn] }

// OnlyGoroutine reports whether fn runs only as a goroutine body: it is
// started by at least one launch of this package and never called or
// referenced otherwise (an unexported named function, or a func literal
// used only by the launch).
func (m *Model) OnlyGoroutine(fn *ssa.Function) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.only[fn]; ok {
		return v
	}
	v := m.onlyGoroutine(fn)
	m.only[fn] = v
	return v
}

func (m *Model) onlyGoroutine(fn *ssa.Function) bool {
	if len(m.byBody[fn]) == 0 {
		return false
	}
	if fn.Parent() != nil {
		// A func literal: its closure must feed launches only.
		for _, b := range fn.Parent().Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
					for _, ref := range *mc.Referrers() {
						if _, ok := ref.(ssa.CallInstruction); !ok || m.byInstr[ref] == nil {
							if _, dbg := ref.(*ssa.DebugRef); !dbg {
								return false
							}
						}
					}
				}
			}
		}
		return true
	}
	if obj := fn.Object(); obj == nil || obj.Exported() || fn.Signature.Recv() != nil {
		return false
	}
	return m.calls[fn] == 0 && !m.referenced(fn)
}

// referenced reports whether fn is used as a value other than by a launch.
func (m *Model) referenced(fn *ssa.Function) bool {
	for _, f := range m.Core.Funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if ci, ok := instr.(ssa.CallInstruction); ok && m.byInstr[instr] != nil && ci.Common().Value == fn {
					continue
				}
				var ops []*ssa.Value
				for _, op := range instr.Operands(ops) {
					if *op == fn {
						if ci, ok := instr.(ssa.CallInstruction); ok && ci.Common().Value == fn {
							continue // a static call, counted in calls
						}
						return true
					}
				}
			}
		}
	}
	return false
}

// IsType reports whether t is a pointer to the allocator type name (such
// as "Local" or "FrameBarrier").
func (m *Model) IsType(t types.Type, name string) bool {
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Name() == name && m.Core.API.IsAllocatorPackage(n.Obj().Pkg().Path())
}

// IsLocal reports whether t is *allocator.Local.
func (m *Model) IsLocal(t types.Type) bool { return m.IsType(t, "Local") }

// IsBarrier reports whether t is *allocator.FrameBarrier.
func (m *Model) IsBarrier(t types.Type) bool { return m.IsType(t, "FrameBarrier") }

// Locals returns the Locals a launch gives its goroutine.
func (m *Model) Locals(l *Launch) []Given {
	var out []Given
	for _, g := range l.Given {
		if m.IsLocal(g.Type) && g.Key.Known() {
			out = append(out, g)
		}
	}
	return out
}

// Barriers returns the FrameBarriers a launch gives its goroutine.
func (m *Model) Barriers(l *Launch) []Given {
	var out []Given
	for _, g := range l.Given {
		if m.IsBarrier(g.Type) && g.Key.Known() {
			out = append(out, g)
		}
	}
	return out
}

// RunsFrameLoop reports whether fn has a loop whose body both begins and
// ends a frame (directly or through helpers).
func (m *Model) RunsFrameLoop(fn *ssa.Function) bool {
	for _, lp := range m.Loops(fn) {
		begins, ends := false, false
		for b := range lp.Blocks {
			for _, instr := range b.Instrs {
				if ci, ok := instr.(*ssa.Call); ok {
					if len(m.Core.BeginsFrame(ci)) > 0 {
						begins = true
					}
					if len(m.Core.EndsFrame(ci)) > 0 {
						ends = true
					}
				}
			}
		}
		if begins && ends {
			return true
		}
	}
	return false
}

// Calls returns fn's allocator calls of operation op.
func (m *Model) Calls(fn *ssa.Function, op allocapi.Op) []allocapi.Call {
	var out []allocapi.Call
	for _, c := range m.Core.Calls[fn] {
		if c.Op == op {
			out = append(out, c)
		}
	}
	return out
}

// fieldsGiven returns what a goroutine given g also receives through the
// fields of a local struct: g is (a pointer to, or a captured variable
// holding) a struct built in the spawner, and the values stored into its
// fields are handed over with it.
func fieldsGiven(g Given) []Given {
	v := g.Outer
	if g.Captured {
		// The variable's cell: the struct itself (a captured struct
		// variable) or the one pointer it is assigned.
		cell, ok := v.(*ssa.Alloc)
		if !ok {
			return nil
		}
		if isStruct(g.Type) {
			return fieldStores(cell, "", 0)
		}
		v = storedOnce(cell)
	}
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		v = ld.X // a struct value loaded from a local variable
	}
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return nil
	}
	return fieldStores(a, "", 0)
}

// fieldStores returns the pointer values stored into the fields of the
// local struct at addr (and of the structs nested in it or that its fields
// point to, up to a small depth), with their field paths after prefix.
func fieldStores(addr ssa.Value, prefix string, depth int) []Given {
	pt, ok := addr.Type().Underlying().(*types.Pointer)
	if depth > 2 || !ok || !isStruct(pt.Elem()) {
		return nil
	}
	var out []Given
	for _, ref := range *addr.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
			// A struct value copied in whole (v := T{...}): the fields
			// of the struct it was built in.
			if ld, ok := st.Val.(*ssa.UnOp); ok && ld.Op == token.MUL {
				out = append(out, fieldStores(ld.X, prefix, depth+1)...)
			}
			continue
		}
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.X != addr {
			continue
		}
		path := prefix + "." + fieldName(addr.Type(), fa.Field)
		out = append(out, fieldStores(fa, path, depth+1)...)
		for _, fr := range *fa.Referrers() {
			st, ok := fr.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			if _, ok := st.Val.Type().Underlying().(*types.Pointer); !ok {
				continue
			}
			out = append(out, Given{Outer: st.Val, Key: framecore.HandleKey(st.Val), Type: st.Val.Type(), Field: path})
			if inner, ok := st.Val.(*ssa.Alloc); ok {
				out = append(out, fieldStores(inner, path, depth+1)...)
			}
		}
	}
	return out
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}
