// Package budget is the budget model shared by the checks FA203
// (budget-not-configured) and FA301 (unbounded-allocation): which budgets
// can reach a *Local, an *Allocator, a *Scratch or a Config value. It also
// says how the error of a Try* allocation is handled (ErrorOf), which FA302
// reports and FA301 counts as a guard.
//
// A Local is budgeted by SetFrameBudget or SetPoolBudget on it (in the
// function that uses it, a func literal of that function, or a helper of
// any package whose facts say so), or by the Config its Allocator was made
// with. The model follows a value back to every place it can come from:
// local variables and phis, captured variables, parameters (the arguments
// of every call of the function in the package; the parameters of an
// exported function, or of one used as a func value, also come from out of
// sight), results of the package's functions, package-level variables
// (every store of the package) and struct fields (every store of the
// package into that field and, for a field of another package, the
// FieldFact that package exported). A Local stored into a field by a
// constructor that budgets it, or that creates it from an Allocator with a
// budgeted Config, is thus budgeted wherever the field is used, in this
// package or another. The Local framehttp.Local gives a handler comes from
// the package's framehttp.Middleware calls (their Options.FrameBudget, else
// their Allocator), or from out of sight when there are none.
//
// The answer is a set of Sources, one kind per place the value can come
// from; each check reads it with its own ruling (Sources.Guarded for FA301,
// Sources.FrameBudgeted for FA203).
package budget

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/required"
)

// Sources is the set of kinds of place a Local, an Allocator, a Scratch or
// a Config can come from, as far as its budget goes.
type Sources uint8

// The kinds of source.
const (
	// Unseen: an Allocator, Scratch or Config from out of sight (a
	// parameter of an exported function, a package-level variable of
	// another package, a dynamic call), whose Config is assumed budgeted;
	// or any value loaded from a place whose stores the model cannot
	// name (a container's element, a variable whose address escapes).
	Unseen Sources = 1 << iota
	// UnseenLocal: a Local from out of sight (a parameter of an exported
	// function, a field no store of which is seen, a function of another
	// package) that nothing in sight gives a budget.
	UnseenLocal
	// NoBudget: a visible Config with neither FrameBudget nor PoolBudget
	// (or set to 0), and no budget set on the Local.
	NoBudget
	// PoolBudget: a pool budget (Config.PoolBudget or SetPoolBudget) and
	// no frame budget.
	PoolBudget
	// FrameBudget: a frame budget (Config.FrameBudget or SetFrameBudget).
	FrameBudget
)

// Guarded reports whether every source bounds allocation (FA301): a frame
// or pool budget, or an Allocator whose Config is out of sight. A Local
// from out of sight with no budget set on it is not guarded.
func (s Sources) Guarded() bool { return s != 0 && s&(NoBudget|UnseenLocal) == 0 }

// FrameBudgeted reports whether every source that can be seen sets a
// frame budget (FA203): an Allocator reaching a goroutine body is budgeted
// only if every Config that can reach it in the package sets FrameBudget,
// and counts as budgeted when none can be seen.
func (s Sources) FrameBudgeted() bool { return s&(NoBudget|PoolBudget) == 0 }

// String renders the set for tests and debugging, such as "frame+unseen".
func (s Sources) String() string {
	var parts []string
	for _, k := range []struct {
		s    Sources
		name string
	}{{FrameBudget, "frame"}, {PoolBudget, "pool"}, {NoBudget, "none"}, {Unseen, "unseen"}, {UnseenLocal, "unseen-local"}} {
		if s&k.s != 0 {
			parts = append(parts, k.name)
		}
	}
	if len(parts) == 0 {
		return "empty"
	}
	return strings.Join(parts, "+")
}

// withBudget adds the budgets set on a value to its sources: a frame
// budget makes every source a frame budget; a pool budget makes an
// unbudgeted source a pool budget.
func withBudget(s Sources, frame, pool bool) Sources {
	switch {
	case frame:
		return FrameBudget
	case pool:
		if s == 0 {
			s = UnseenLocal
		}
		if s&(NoBudget|UnseenLocal) != 0 {
			s = s&^(NoBudget|UnseenLocal) | PoolBudget
		}
	}
	return s
}

// FieldFact is exported for a struct field of type *Local, *Allocator,
// *Scratch or Config into which its package stores only guarded values
// (Sources.Guarded): what those values' sources are. A package using the
// field, such as a method of another package reading w.local, knows its
// budget through it. It is a single byte, so its encoding is
// deterministic.
type FieldFact struct {
	Sources Sources
}

// AFact marks FieldFact as an analysis fact.
func (*FieldFact) AFact() {}

// String renders the fact for tests.
func (f *FieldFact) String() string { return "budget:" + f.Sources.String() }

// Analyzer computes the budget model of a package once for every check
// that needs it, and exports a FieldFact for the fields of the package
// that hold guarded Locals or Allocators. Its result is nil for packages
// that do not reach the allocator.
var Analyzer = &analysis.Analyzer{
	Name:       "fabudget",
	Doc:        "budget model shared by the fa budget checks (FA203, FA301): which frame and pool budgets can reach a Local or an Allocator; reports nothing",
	URL:        "https://pkg.go.dev/github.com/framealloc/fa/analyzers",
	Requires:   []*analysis.Analyzer{framecore.Analyzer},
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{new(FieldFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		core := required.Result[*framecore.Result](pass)
		if !core.Reaches {
			return (*Model)(nil), nil
		}
		m := New(pass, core)
		m.exportFacts()
		return m, nil
	},
}

// kind is the kind of allocator value the model follows.
type kind uint8

const (
	kindNone kind = iota
	kindLocal
	kindAllocator
	kindScratch
	kindConfig
)

// unseen is the source of a value of kind k from out of sight.
func (k kind) unseen() Sources {
	if k == kindLocal {
		return UnseenLocal
	}
	return Unseen
}

// Model is the budget model of one package.
type Model struct {
	core *framecore.Result
	pass *analysis.Pass
	// main: in package main nothing is called from another package.
	main bool

	inPkg    map[*ssa.Function]bool
	callers  map[*ssa.Function][]ssa.CallInstruction // static calls, by callee (generic origin)
	opaque   map[*ssa.Function]bool                  // used as a value, or called through an interface
	closures map[*ssa.Function][]*ssa.MakeClosure
	scopes   map[*ssa.Function][]ssa.Value // the Scratch of each Scope a func literal is given to
	fields   map[*types.Var][]store        // stores into each field (origin)
	globals  map[*ssa.Global][]store
	escaped  map[*ssa.Global]bool // the variable's address is taken
	// globalFields lists the field addresses of struct variables.
	globalFields map[*ssa.Global][]*ssa.FieldAddr
	settings     map[*ssa.Function][]setting // budgets set, by outermost function
	// middlewares are the package's framehttp.Middleware calls: they
	// make the Locals framehttp.Local gives handlers.
	middlewares []ssa.CallInstruction

	// mu guards memo and busy: the checks sharing one model call Of
	// concurrently.
	mu   sync.Mutex
	memo map[any]Sources
	busy map[any]bool
}

type store struct {
	fn *ssa.Function
	st *ssa.Store
}

// setting is a SetFrameBudget or SetPoolBudget call (direct or through a
// helper) on the Local of key.
type setting struct {
	key   framecore.ScopedKey
	frame bool
}

// Keys of the memo besides values.
type (
	fieldKey  struct{ v *types.Var }
	globalKey struct{ g *ssa.Global }
	cellKey   struct{ a *ssa.Alloc }
)

// maxDepth bounds how far back a value is followed.
const maxDepth = 48

// New builds the budget model of the package the core analysed.
func New(pass *analysis.Pass, core *framecore.Result) *Model {
	m := &Model{
		core:         core,
		pass:         pass,
		main:         pass.Pkg.Name() == "main",
		inPkg:        map[*ssa.Function]bool{},
		callers:      map[*ssa.Function][]ssa.CallInstruction{},
		opaque:       map[*ssa.Function]bool{},
		closures:     map[*ssa.Function][]*ssa.MakeClosure{},
		scopes:       map[*ssa.Function][]ssa.Value{},
		fields:       map[*types.Var][]store{},
		globals:      map[*ssa.Global][]store{},
		escaped:      map[*ssa.Global]bool{},
		globalFields: map[*ssa.Global][]*ssa.FieldAddr{},
		settings:     map[*ssa.Function][]setting{},
		memo:         map[any]Sources{},
		busy:         map[any]bool{},
	}
	funcs := core.Funcs
	if init := core.SSA.Pkg.Func("init"); init != nil && init.Blocks != nil {
		// Package-level variables are initialised in the synthetic init.
		funcs = append([]*ssa.Function{init}, funcs...)
	}
	for _, fn := range funcs {
		m.inPkg[fn] = true
	}
	invoked := map[string]bool{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				m.index(fn, instr, invoked)
			}
		}
	}
	for lit, mcs := range m.closures {
		for _, mc := range mcs {
			if !calledOnly(mc) {
				m.opaque[lit] = true
			}
		}
	}
	for _, fn := range funcs {
		if fn.Signature.Recv() != nil && invoked[fn.Name()] {
			m.opaque[canonical(fn)] = true
		}
	}
	return m
}

// index records what one instruction tells the model.
func (m *Model) index(fn *ssa.Function, instr ssa.Instruction, invoked map[string]bool) {
	switch instr := instr.(type) {
	case *ssa.Store:
		switch a := instr.Addr.(type) {
		case *ssa.FieldAddr:
			if v := framecore.FieldVar(a.X.Type(), a.Field); v != nil {
				m.fields[v] = append(m.fields[v], store{fn, instr})
			}
		case *ssa.Global:
			m.globals[a] = append(m.globals[a], store{fn, instr})
		}
	case *ssa.MakeClosure:
		lit := instr.Fn.(*ssa.Function)
		m.closures[lit] = append(m.closures[lit], instr)
		if lit.Synthetic != "" {
			// A method value (w.run): the method may be called anywhere.
			for _, b := range lit.Blocks {
				for _, in := range b.Instrs {
					if ci, ok := in.(ssa.CallInstruction); ok && ci.Common().StaticCallee() != nil {
						m.opaque[canonical(ci.Common().StaticCallee())] = true
					}
				}
			}
			if obj, ok := lit.Object().(*types.Func); ok {
				if target := fn.Prog.FuncValue(obj); target != nil {
					m.opaque[canonical(target)] = true
				}
			}
		}
	}
	if ci, ok := instr.(ssa.CallInstruction); ok {
		m.indexCall(fn, ci, invoked)
	}
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops) {
		switch v := (*op).(type) {
		case *ssa.Function:
			if ci, ok := instr.(ssa.CallInstruction); ok && op == &ci.Common().Value {
				continue // a static call
			}
			if mc, ok := instr.(*ssa.MakeClosure); ok && op == &mc.Fn {
				continue // judged by how the closure is used
			}
			if m.scopeArg(instr, v) {
				continue
			}
			m.opaque[canonical(v)] = true
		case *ssa.Global:
			switch in := instr.(type) {
			case *ssa.Store:
				if in.Addr == v {
					continue
				}
			case *ssa.UnOp:
				if in.Op == token.MUL {
					continue
				}
			case *ssa.FieldAddr:
				m.globalFields[v] = append(m.globalFields[v], in)
				continue
			case *ssa.IndexAddr:
				continue
			}
			m.escaped[v] = true
		}
	}
}

// indexCall records a call: the budgets it sets, the func literal it
// gives a Scratch scope, and its callee.
func (m *Model) indexCall(fn *ssa.Function, ci ssa.CallInstruction, invoked map[string]bool) {
	core := m.core
	top := framecore.Outermost(fn)
	if c, ok := core.API.Classify(ci); ok {
		switch c.Op {
		case allocapi.OpSetFrameBudget, allocapi.OpSetPoolBudget:
			if l := c.Local(); l != nil {
				m.settings[top] = append(m.settings[top], setting{core.Lift(fn, framecore.HandleKey(l)), c.Op == allocapi.OpSetFrameBudget})
			}
		case allocapi.OpScratchScope:
			if len(c.Args) == 2 {
				if lit := framecore.FuncOf(c.Args[1]); lit != nil {
					m.scopes[lit] = append(m.scopes[lit], c.Args[0])
				}
			}
		}
	} else {
		for _, k := range core.SetsFrameBudget(ci) {
			m.settings[top] = append(m.settings[top], setting{core.Lift(fn, k), true})
		}
		for _, k := range core.SetsPoolBudget(ci) {
			m.settings[top] = append(m.settings[top], setting{core.Lift(fn, k), false})
		}
	}
	common := ci.Common()
	if common.IsInvoke() {
		invoked[common.Method.Name()] = true
		return
	}
	if callee := common.StaticCallee(); callee != nil {
		if callee.Pkg != nil && callee.Name() == "Middleware" && core.API.IsHTTPPackage(callee.Pkg.Pkg.Path()) {
			m.middlewares = append(m.middlewares, ci)
		}
		c := canonical(callee)
		m.callers[c] = append(m.callers[c], ci)
	}
}

// scopeArg reports whether v is the func literal passed to Scratch.Scope
// by instr.
func (m *Model) scopeArg(instr ssa.Instruction, v *ssa.Function) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c, ok := m.core.API.Classify(ci)
	return ok && c.Op == allocapi.OpScratchScope && len(c.Args) == 2 && c.Args[1] == v
}

// calledOnly reports whether a closure is only called (directly, with go
// or defer) or given to Scratch.Scope, never kept or passed on.
func calledOnly(mc *ssa.MakeClosure) bool {
	for _, ref := range *mc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			common := ref.Common()
			if common.Value != mc {
				return false
			}
			for _, a := range common.Args {
				if a == mc {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func canonical(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// kindOf returns the kind of allocator value t is.
func (m *Model) kindOf(t types.Type) kind {
	elem, ptr := types.Unalias(t), false
	if p, ok := elem.Underlying().(*types.Pointer); ok {
		elem, ptr = types.Unalias(p.Elem()), true
	}
	n, ok := elem.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || !m.core.API.IsAllocatorPackage(n.Obj().Pkg().Path()) {
		return kindNone
	}
	switch name := n.Obj().Name(); {
	case ptr && name == "Local":
		return kindLocal
	case ptr && name == "Allocator":
		return kindAllocator
	case ptr && name == "Scratch":
		return kindScratch
	case !ptr && name == "Config":
		return kindConfig
	}
	return kindNone
}

// Of returns the sources of the budget of v, a *Local, *Allocator,
// *Scratch or Config value: for a Local, the budgets set on it in its
// function (and the functions it comes from) and the Configs of the
// Allocators it can be created from. A value of another type is Unseen.
func (m *Model) Of(v ssa.Value) Sources {
	k := m.kindOf(v.Type())
	if k == kindNone {
		return Unseen
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.of(v, 0); s != 0 {
		return s
	}
	return k.unseen()
}

// memoize computes f once for key; a key met again while it is being
// computed (a cycle) contributes nothing.
func (m *Model) memoize(key any, depth int, f func() Sources) Sources {
	if s, ok := m.memo[key]; ok {
		return s
	}
	if m.busy[key] || depth > maxDepth {
		return 0
	}
	m.busy[key] = true
	s := f()
	delete(m.busy, key)
	m.memo[key] = s
	return s
}

// of returns the sources of v (0 when none is found).
func (m *Model) of(v ssa.Value, depth int) Sources {
	k := m.kindOf(v.Type())
	if k == kindNone {
		return Unseen
	}
	return m.memoize(v, depth, func() Sources {
		s := m.trace(v, k, depth+1)
		if k == kindLocal {
			frame, pool := m.own(v)
			s = withBudget(s, frame, pool)
		}
		return s
	})
}

// trace follows v back to where it comes from.
func (m *Model) trace(v ssa.Value, k kind, depth int) Sources {
	switch v := v.(type) {
	case *ssa.Phi:
		var s Sources
		for _, e := range v.Edges {
			s |= m.of(e, depth)
		}
		return s
	case *ssa.ChangeType:
		return m.of(v.X, depth)
	case *ssa.Parameter:
		return m.param(v, k, depth)
	case *ssa.FreeVar:
		var s Sources
		for _, b := range m.bindings(v) {
			s |= m.of(b, depth)
		}
		return s
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return m.load(v.X, k, depth)
		}
	case *ssa.Field:
		return m.field(framecore.FieldVar(v.X.Type(), v.Field), k, depth)
	case *ssa.Call:
		return m.call(v, k, depth)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return m.results(call, v.Index, k, depth)
		}
	case *ssa.Const:
		if k == kindConfig {
			return NoBudget // the zero Config
		}
		return 0 // nil
	}
	return k.unseen()
}

// bindings returns the values bound to a free variable by the closures of
// its function.
func (m *Model) bindings(fv *ssa.FreeVar) []ssa.Value {
	lit := fv.Parent()
	i := -1
	for j, f := range lit.FreeVars {
		if f == fv {
			i = j
		}
	}
	var out []ssa.Value
	for _, mc := range m.closures[lit] {
		if i >= 0 && i < len(mc.Bindings) {
			out = append(out, mc.Bindings[i])
		}
	}
	return out
}

// load returns the sources of the value loaded from addr.
func (m *Model) load(addr ssa.Value, k kind, depth int) Sources {
	switch a := addr.(type) {
	case *ssa.Alloc:
		return m.memoize(cellKey{a}, depth, func() Sources { return m.cell(a, k, depth+1) })
	case *ssa.Global:
		return m.global(a, k, depth)
	case *ssa.FieldAddr:
		return m.field(framecore.FieldVar(a.X.Type(), a.Field), k, depth)
	case *ssa.FreeVar:
		// A captured variable: its cell in the enclosing function.
		var s Sources
		for _, b := range m.bindings(a) {
			s |= m.load(b, k, depth+1)
		}
		return s
	}
	// An element of a slice, array or map, or what a pointer points to:
	// the core cannot name it, so whoever stored it is out of sight.
	return Unseen
}

// cell returns the sources of the values stored in a local variable
// (also through the closures that capture it).
func (m *Model) cell(a *ssa.Alloc, k kind, depth int) Sources {
	if k == kindConfig {
		return m.config(a, depth)
	}
	var s Sources
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr == a {
				s |= m.of(ref.Val, depth)
			}
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.MakeClosure:
			s |= m.capturedStores(ref, a, k, depth)
		default:
			// Its address escapes: whoever sets it is out of sight.
			return Unseen
		}
	}
	return s
}

// capturedStores returns the sources of the values a closure stores into
// the captured variable a.
func (m *Model) capturedStores(mc *ssa.MakeClosure, a *ssa.Alloc, k kind, depth int) Sources {
	lit := mc.Fn.(*ssa.Function)
	var s Sources
	for i, b := range mc.Bindings {
		if b != a || i >= len(lit.FreeVars) {
			continue
		}
		for _, ref := range *lit.FreeVars[i].Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr == lit.FreeVars[i] {
					s |= m.of(ref.Val, depth)
				}
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				return Unseen // captured again, or its address escapes
			}
		}
	}
	return s
}

// config returns the sources of a Config variable: the Configs stored in
// it as a whole (the zero Config when none is) with the budgets set on its
// fields.
func (m *Model) config(a *ssa.Alloc, depth int) Sources {
	var (
		s     Sources
		whole bool
		addrs []*ssa.FieldAddr
	)
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr == a {
				whole = true
				s |= m.of(ref.Val, depth)
			}
		case *ssa.FieldAddr:
			addrs = append(addrs, ref)
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return Unseen // the Config's address escapes: it is set out of sight
		}
	}
	return withFields(s, whole, addrs)
}

// withFields adds to the sources of the Configs stored in a variable as a
// whole (whole reports whether any is; if not, it holds the zero Config)
// the budgets stored through the addresses of its fields.
func withFields(s Sources, whole bool, addrs []*ssa.FieldAddr) Sources {
	frame, pool := false, false
	for _, fa := range addrs {
		v := framecore.FieldVar(fa.X.Type(), fa.Field)
		if v == nil || (v.Name() != "FrameBudget" && v.Name() != "PoolBudget") {
			continue
		}
		for _, r := range *fa.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == fa && !isZero(r.Val) {
					frame = frame || v.Name() == "FrameBudget"
					pool = pool || v.Name() == "PoolBudget"
				}
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				return Unseen // the budget's address escapes: it is set out of sight
			}
		}
	}
	if !whole {
		s |= NoBudget
	}
	if frame {
		return FrameBudget
	}
	if pool && s&NoBudget != 0 {
		s = s&^NoBudget | PoolBudget
	}
	return s
}

// isZero reports whether v is the constant 0 (or a zero value).
func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true
	}
	return c.Value.Kind() == constant.Int && constant.Sign(c.Value) == 0
}

// global returns the sources of a package-level variable: what the
// package stores in it, and out of sight when another package can.
func (m *Model) global(g *ssa.Global, k kind, depth int) Sources {
	if g.Pkg == nil || g.Pkg.Pkg != m.pass.Pkg {
		return k.unseen()
	}
	return m.memoize(globalKey{g}, depth, func() Sources {
		var s Sources
		for _, st := range m.globals[g] {
			s |= m.of(st.st.Val, depth+1)
		}
		if m.escaped[g] {
			return Unseen // set out of sight
		}
		if !m.main && g.Object() != nil && g.Object().Exported() {
			s |= Unseen // other packages may set it too
		}
		if k == kindConfig {
			s = withFields(s, len(m.globals[g]) > 0, m.globalFields[g])
		}
		return s
	})
}

// field returns the sources of a struct field: what the package stores
// in it (with the budgets the storing function sets on the field's Local)
// and, for a field of another package, its FieldFact. A field nothing is
// seen stored into is out of sight.
func (m *Model) field(v *types.Var, k kind, depth int) Sources {
	if v == nil {
		return k.unseen()
	}
	return m.memoize(fieldKey{v}, depth, func() Sources {
		var s Sources
		for _, st := range m.fields[v] {
			vs := m.of(st.st.Val, depth+1)
			if k == kindLocal {
				frame, pool := m.ownKey(st.fn, m.core.Lift(st.fn, framecore.HandleKeyAt(st.st.Addr)))
				vs = withBudget(vs, frame, pool)
			}
			s |= vs
		}
		if v.Pkg() != m.pass.Pkg {
			var f FieldFact
			if m.pass.ImportObjectFact(v, &f) {
				s |= f.Sources
			}
		}
		if s == 0 {
			s = k.unseen()
		}
		return s
	})
}

// param returns the sources of a parameter: the arguments of every call
// of its function in the package, and out of sight when the function can
// be called from elsewhere.
func (m *Model) param(p *ssa.Parameter, k kind, depth int) Sources {
	fn := p.Parent()
	i := -1
	for j, q := range fn.Params {
		if q == p {
			i = j
		}
	}
	if scopes := m.scopes[fn]; len(scopes) > 0 && i == 0 {
		// The Scratch of a Scope func literal.
		var s Sources
		for _, sc := range scopes {
			s |= m.of(sc, depth)
		}
		return s
	}
	c := canonical(fn)
	var s Sources
	if m.opaque[c] || m.exported(c) || len(m.callers[c]) == 0 {
		s |= k.unseen()
	}
	for _, ci := range m.callers[c] {
		if args := framecore.CallArgs(ci.Common()); i >= 0 && i < len(args) {
			s |= m.of(args[i], depth)
		} else {
			s |= k.unseen()
		}
	}
	return s
}

// exported reports whether fn can be called from another package.
func (m *Model) exported(fn *ssa.Function) bool {
	if m.main || fn.Parent() != nil {
		return false
	}
	obj := fn.Object()
	return obj == nil || obj.Exported()
}

// call returns the sources of the result of a call: New's Config,
// NewLocal's and NewScratch's Allocator, what a function of the package
// returns.
func (m *Model) call(v *ssa.Call, k kind, depth int) Sources {
	if c, ok := m.core.API.Classify(v); ok {
		switch c.Op {
		case allocapi.OpNew, allocapi.OpNewLocal, allocapi.OpNewScratch:
			if len(c.Args) > 0 {
				return m.of(c.Args[0], depth)
			}
		case allocapi.OpRequestLocal:
			return m.requestLocal(depth)
		}
		return k.unseen()
	}
	return m.results(v, 0, k, depth)
}

// requestLocal returns the sources of the Local framehttp.Local (or
// TryLocal) gives a handler: for each framehttp.Middleware call of the
// package, its Options.FrameBudget when set (a negative one removes the
// budget), else its Allocator's Config; out of sight when the package
// makes no Middleware call (the handler is served by another package,
// which configures its budget).
func (m *Model) requestLocal(depth int) Sources {
	if len(m.middlewares) == 0 {
		return Unseen
	}
	var s Sources
	for _, ci := range m.middlewares {
		args := ci.Common().Args
		if len(args) < 2 {
			s |= Unseen
			continue
		}
		switch optionsBudget(args[1]) {
		case optSet:
			s |= FrameBudget
		case optRemoved:
			s |= NoBudget
		case optUnknown:
			s |= Unseen
		default:
			s |= m.of(args[0], depth+1)
		}
	}
	return s
}

// optBudget is what a framehttp.Options value says of the frame budget.
type optBudget uint8

const (
	optUnset   optBudget = iota // FrameBudget 0: the Allocator's Config decides
	optSet                      // a positive FrameBudget
	optRemoved                  // a negative FrameBudget: no budget
	optUnknown                  // set out of sight, or to a value not known
)

// optionsBudget reads the FrameBudget of an Options value: the zero
// Options, or a composite literal (a local variable whose fields are
// stored and which is then loaded whole).
func optionsBudget(v ssa.Value) optBudget {
	if _, ok := v.(*ssa.Const); ok {
		return optUnset
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return optUnknown
	}
	a, ok := ld.X.(*ssa.Alloc)
	if !ok {
		return optUnknown
	}
	out := optUnset
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			f := framecore.FieldVar(ref.X.Type(), ref.Field)
			if f == nil || f.Name() != "FrameBudget" {
				continue
			}
			for _, r := range *ref.Referrers() {
				st, ok := r.(*ssa.Store)
				if !ok || st.Addr != ref {
					continue
				}
				c, ok := st.Val.(*ssa.Const)
				if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
					return optUnknown
				}
				switch constant.Sign(c.Value) {
				case 1:
					out = optSet
				case -1:
					out = optRemoved
				}
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return optUnknown // the Options' address escapes
		}
	}
	return out
}

// results returns the sources of result i of a call of a function of the
// package: what its return statements return.
func (m *Model) results(call *ssa.Call, i int, k kind, depth int) Sources {
	callee := call.Call.StaticCallee()
	if callee == nil {
		return k.unseen()
	}
	callee = canonical(callee)
	if !m.inPkg[callee] {
		return k.unseen()
	}
	var s Sources
	for _, b := range callee.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && i < len(ret.Results) {
			s |= m.of(ret.Results[i], depth)
		}
	}
	return s
}

// own reports whether the function of a Local value (or a func literal
// of it, or a helper it calls) sets the Local's frame or pool budget.
func (m *Model) own(v ssa.Value) (frame, pool bool) {
	var fn *ssa.Function
	switch v := v.(type) {
	case *ssa.Parameter:
		fn = v.Parent()
	case *ssa.FreeVar:
		fn = v.Parent()
	case ssa.Instruction:
		fn = v.Parent()
	}
	if fn == nil {
		return false, false
	}
	return m.ownKey(fn, m.core.Lift(fn, framecore.HandleKey(v)))
}

// ownKey reports whether the outermost function of fn sets the frame or
// pool budget of the Local of key (a setting on a Local the core cannot
// name counts for every Local).
func (m *Model) ownKey(fn *ssa.Function, key framecore.ScopedKey) (frame, pool bool) {
	if !key.Known() {
		return false, false
	}
	for _, s := range m.settings[framecore.Outermost(fn)] {
		if !s.key.Known() || s.key == key {
			if s.frame {
				frame = true
			} else {
				pool = true
			}
		}
	}
	return frame, pool
}

// exportFacts exports a FieldFact for each field of the package's struct
// types that holds a Local, Allocator, Scratch or Config, is stored into
// by the package, and is guarded.
func (m *Model) exportFacts() {
	scope := m.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			k := m.kindOf(f.Type())
			if k == kindNone || len(m.fields[f]) == 0 {
				continue
			}
			if s := m.field(f, k, 0); s.Guarded() {
				m.pass.ExportObjectFact(f, &FieldFact{Sources: s})
			}
		}
	}
}
