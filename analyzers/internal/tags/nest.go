package tags

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/framecore"
)

// This file decides which tag use each tag use of the package is nested
// in: the tag contexts every function runs in.
//
// A function runs in the contexts of the places that call it: a call runs
// the callee in the caller's context (or in the EnterTag region around
// the call), a WithTag call runs its closure under its own use, a go
// statement runs its function untagged. Exported functions and methods of
// exported types may also be called from outside the package, untagged.
//
// Func values are followed from where they are made (a func literal, a
// bound method value, a declared function used as a value) through local
// variables, phis, closures capturing them and the parameters of the
// package's functions they are passed to, to where they are called or
// given to WithTag; the context travels with the value, so a callback made
// in an untagged function and passed to a helper that runs it inside a
// WithTag closure (or passes it to WithTag) runs under that tag. The other
// calls are resolved by class hierarchy analysis over the package alone: a
// method call through an interface may run every method of the package of
// that name whose receiver type implements the interface, and a call of a
// func value loaded from memory (a field, a slice, a map, a package
// variable) may run every func value of the package that is stored
// somewhere (the walk loses it there) and has the same signature. A func
// literal called nowhere the analysis can see (passed to another package,
// stored and never called here) runs where it is made, as a callback run
// synchronously would.
//
// The call graph packages of golang.org/x/tools were measured for this
// and not kept: on an allocator-heavy module of 8 packages of 1,500
// functions each (interfaces, callbacks kept in fields, WithTag in every
// function), the core's own analysis costs 1.66 s of CPU, a VTA call
// graph of each package (callgraph/vta, restricted to its functions) 0.69 s
// more and cha.CallGraph (which walks every function of the program,
// dependencies included) 0.37 s more, where this whole file costs about
// 0.04 s (the tag resolution 0.1 s, against 0.06 s when it followed
// neither func values nor interfaces). Call sites are grouped by what
// they may call, so a callee's contexts are merged once per group, not
// once per site and callee.

// nester computes the tag contexts of a package's functions.
type nester struct {
	r     *resolver
	funcs []*ssa.Function
	inPkg map[*ssa.Function]bool
	// decl maps a declared function of the package (its origin object) to
	// its body.
	decl map[*types.Func]*ssa.Function
	// useAt maps a WithTag or EnterTag call to its use.
	useAt map[ssa.CallInstruction]*Use
	// dynamic maps a call site through an interface or a func value to
	// its group: the sites that may call the same functions.
	dynamic map[ssa.CallInstruction]*group
	// in lists the static call sites of each function of the package, by
	// function key, and groups the groups of dynamic call sites that may
	// call it.
	in     map[any][]ssa.CallInstruction
	groups map[any][]*group
	// values lists where each function is used as a value, by key.
	values map[any][]valueSite
	// maker is the instruction that makes each func literal.
	maker map[*ssa.Function]ssa.Instruction
	// sym holds the contexts of func literals (inherit standing for their
	// maker's), ctx those of declared functions.
	sym map[*ssa.Function]*ctxs
	ctx map[*types.Func]*ctxs
	// traces caches the walks of func values that do not depend on the
	// contexts of closures (which grow while solving).
	traces map[[2]any]traced
	// round counts the rounds of solve.
	round int
}

// group is a class of dynamic call sites that may call the same
// functions: the calls of one interface method, or the calls of func
// values of one signature loaded from memory. Every site may call every
// callee, so a callee runs in the contexts of all the sites.
type group struct {
	sites   []ssa.CallInstruction
	callees []*ssa.Function
	// ctx caches the contexts of the sites for one round of solve.
	ctx   ctxs
	round int
}

// valueSite is one place a function is used as a value.
type valueSite struct {
	v    ssa.Value         // the literal, its MakeClosure, a bound method value, a declared function
	refs []ssa.Instruction // the instructions that use v
	at   ssa.Instruction   // where the value is made
}

func newNester(r *resolver) *nester {
	n := &nester{
		r:      r,
		funcs:  r.core.Funcs,
		inPkg:  map[*ssa.Function]bool{},
		decl:   map[*types.Func]*ssa.Function{},
		useAt:  map[ssa.CallInstruction]*Use{},
		in:     map[any][]ssa.CallInstruction{},
		groups: map[any][]*group{},
		values: map[any][]valueSite{},
		maker:  map[*ssa.Function]ssa.Instruction{},
		sym:    map[*ssa.Function]*ctxs{},
		ctx:    map[*types.Func]*ctxs{},
		traces: map[[2]any]traced{},
	}
	for _, fn := range n.funcs {
		n.inPkg[fn] = true
		if fn.Parent() == nil {
			if obj := declared(fn); obj != nil {
				n.decl[obj] = fn
			}
		}
	}
	for _, u := range r.uses {
		n.useAt[u.Instr] = u
	}
	n.index()
	return n
}

// key returns the key of a function of the package: the literal itself,
// or the origin object of a declared function (also for its wrappers,
// bound method values and instances); nil for other functions.
func (n *nester) key(fn *ssa.Function) any {
	if fn.Parent() != nil {
		if n.inPkg[fn] {
			return fn
		}
		return nil
	}
	if obj := declared(fn); obj != nil && n.decl[obj] != nil {
		return obj
	}
	return nil
}

// body returns the function of the package whose parameters receive the
// arguments of a call of fn (a wrapper's target), or nil.
func (n *nester) body(fn *ssa.Function) *ssa.Function {
	switch k := n.key(fn).(type) {
	case *ssa.Function:
		return k
	case *types.Func:
		return n.decl[k]
	}
	return nil
}

func isBound(fn *ssa.Function) bool { return strings.HasPrefix(fn.Synthetic, "bound method wrapper") }

// index records the call sites and value uses of the package's functions
// and resolves the calls through interfaces and func values.
func (n *nester) index() {
	var invokes, funcValues []ssa.CallInstruction
	seenLit := map[*ssa.Function]bool{}
	var ops []*ssa.Value
	for _, fn := range n.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var skip *ssa.Value
				if ci, ok := instr.(ssa.CallInstruction); ok {
					common := ci.Common()
					switch g := common.StaticCallee(); {
					case g != nil:
						if k := n.key(g); k != nil {
							n.in[k] = append(n.in[k], ci)
						}
						if _, ok := common.Value.(*ssa.Function); ok {
							skip = &common.Value
						}
					case common.IsInvoke():
						invokes = append(invokes, ci)
					default:
						if _, builtin := common.Value.(*ssa.Builtin); !builtin {
							funcValues = append(funcValues, ci)
						}
					}
				}
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					g := mc.Fn.(*ssa.Function)
					skip = &mc.Fn
					if g.Parent() != nil {
						n.maker[g] = mc
						n.values[g] = append(n.values[g], valueSite{v: mc, refs: refs(mc), at: mc})
					} else if k := n.key(g); k != nil {
						n.values[k] = append(n.values[k], valueSite{v: mc, refs: refs(mc), at: mc})
					}
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					g, ok := (*op).(*ssa.Function)
					if !ok || op == skip {
						continue
					}
					if g.Parent() != nil {
						// A func literal that captures nothing is used as
						// the function itself.
						if n.inPkg[g] && !seenLit[g] {
							seenLit[g] = true
							n.maker[g] = instr
							n.values[g] = append(n.values[g], valueSite{v: g, refs: refs(g), at: instr})
						}
					} else if k := n.key(g); k != nil {
						n.values[k] = append(n.values[k], valueSite{v: g, refs: []ssa.Instruction{instr}, at: instr})
					}
				}
			}
		}
	}
	n.dynamic = map[ssa.CallInstruction]*group{}
	if len(invokes) > 0 {
		n.resolveInvokes(invokes)
	}
	if len(funcValues) > 0 {
		n.resolveFuncValues(funcValues)
	}
}

// resolveInvokes resolves method calls through interfaces to the methods
// of the package's types that implement the interface.
func (n *nester) resolveInvokes(sites []ssa.CallInstruction) {
	// Only the types the package turns into interface values can be the
	// dynamic types of its interface values (a value of another package's
	// type runs no method of this package).
	boxed := n.boxedTypes()
	byID := map[string][]*types.Func{}
	for obj := range n.decl {
		if recv := obj.Signature().Recv(); recv != nil && boxed.holds(recv.Type()) {
			byID[obj.Id()] = append(byID[obj.Id()], obj)
		}
	}
	type imethod struct {
		iface *types.Interface
		id    string
	}
	groups := map[imethod]*group{}
	for _, ci := range sites {
		common := ci.Common()
		iface, ok := common.Value.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		key := imethod{iface, common.Method.Id()}
		g, ok := groups[key]
		if !ok {
			g = &group{}
			for _, m := range byID[key.id] {
				if implements(m.Signature().Recv().Type(), iface) {
					g.callees = append(g.callees, n.decl[m])
				}
			}
			groups[key] = g
			for _, fn := range g.callees {
				n.groups[n.key(fn)] = append(n.groups[n.key(fn)], g)
			}
		}
		g.sites = append(g.sites, ci)
		n.dynamic[ci] = g
	}
}

// boxed is the set of named types of the package made into interface
// values, as values or as pointers.
type boxed map[boxedType]bool

type boxedType struct {
	named *types.Named
	ptr   bool
}

func boxedKey(t types.Type) (boxedType, bool) {
	t = types.Unalias(t)
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = types.Unalias(p.Elem()), true
	}
	named, ok := t.(*types.Named)
	if !ok {
		return boxedType{}, false
	}
	return boxedType{named.Origin(), ptr}, true
}

// holds reports whether a method with receiver type recv may be called
// through an interface: its type, or a pointer to it, is boxed (a pointer
// in an interface has the value receiver's methods too).
func (b boxed) holds(recv types.Type) bool {
	k, ok := boxedKey(recv)
	if !ok {
		return false
	}
	if b[boxedType{k.named, true}] {
		return true
	}
	return !k.ptr && b[k]
}

// boxedTypes returns the types the package's functions (and its
// initializer) make interface values of.
func (n *nester) boxedTypes() boxed {
	b := boxed{}
	funcs := n.funcs
	if init := n.r.core.SSA.Pkg.Func("init"); init != nil {
		funcs = append(funcs[:len(funcs):len(funcs)], init)
	}
	for _, fn := range funcs {
		for _, blk := range fn.Blocks {
			for _, instr := range blk.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					if k, ok := boxedKey(mi.X.Type()); ok {
						b[k] = true
					}
				}
			}
		}
	}
	return b
}

// implements reports whether values of the receiver type recv, or
// pointers to them, may be held by the interface.
func implements(recv types.Type, iface *types.Interface) bool {
	if types.Implements(recv, iface) {
		return true
	}
	if _, ptr := types.Unalias(recv).(*types.Pointer); !ptr {
		return types.Implements(types.NewPointer(recv), iface)
	}
	return false
}

// resolveFuncValues resolves calls of func values loaded from memory to
// the package's func values that are stored (where the walk loses them)
// with the same signature. A call of a value the walk follows (a
// parameter, a captured variable) is left to the walk.
func (n *nester) resolveFuncValues(sites []ssa.CallInstruction) {
	type stored struct {
		fn  *ssa.Function // what a call of the value runs: the literal, the bound method wrapper, the function
		sig *types.Signature
	}
	var kept []stored
	for k, vss := range n.values {
		for _, vs := range vss {
			if !n.trace(vs).escaped {
				continue
			}
			sig, ok := vs.v.Type().Underlying().(*types.Signature)
			if !ok {
				continue
			}
			if fn := framecore.FuncOf(vs.v); fn != nil && n.key(fn) == k {
				kept = append(kept, stored{fn, sig})
			}
		}
	}
	if len(kept) == 0 {
		return
	}
	o := &opacity{n: n, memo: map[ssa.Value]bool{}}
	var groups []*group // by signature
	for _, ci := range sites {
		common := ci.Common()
		if !o.opaque(common.Value) {
			continue
		}
		sig := common.Signature()
		var g *group
		for _, h := range groups {
			if types.Identical(h.callees[0].Signature, sig) {
				g = h
				break
			}
		}
		if g == nil {
			g = &group{}
			seen := map[*ssa.Function]bool{}
			for _, s := range kept {
				if !seen[s.fn] && types.Identical(s.sig, sig) {
					seen[s.fn] = true
					g.callees = append(g.callees, s.fn)
				}
			}
			if len(g.callees) == 0 {
				continue
			}
			groups = append(groups, g)
			for _, fn := range g.callees {
				n.groups[n.key(fn)] = append(n.groups[n.key(fn)], g)
			}
		}
		g.sites = append(g.sites, ci)
		n.dynamic[ci] = g
	}
}

// opacity decides which func values may come from memory, where the walk
// of func values does not follow them.
type opacity struct {
	n    *nester
	memo map[ssa.Value]bool
}

// opaque reports whether the func value v may be one loaded from memory
// (a field, an element, a package variable, a call result): not only the
// literals, functions and parameters the walk follows.
func (o *opacity) opaque(v ssa.Value) bool {
	if r, ok := o.memo[v]; ok {
		return r
	}
	o.memo[v] = false // cycles (phis, recursion) add nothing
	r := o.compute(v)
	o.memo[v] = r
	return r
}

func (o *opacity) compute(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Function, *ssa.MakeClosure, *ssa.Const:
		return false
	case *ssa.ChangeType:
		return o.opaque(v.X)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if o.opaque(e) {
				return true
			}
		}
		return false
	case *ssa.FreeVar:
		b := o.n.binding(v)
		return b == nil || o.opaque(b)
	case *ssa.Parameter:
		return o.param(v)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return o.variable(v.X)
		}
	}
	return true
}

// param reports whether a call of the parameter's function may pass a
// value from memory for it.
func (o *opacity) param(p *ssa.Parameter) bool {
	fn := p.Parent()
	k := o.n.key(fn)
	if k == nil {
		return true
	}
	idx := -1
	for i, q := range fn.Params {
		if q == p {
			idx = i
		}
	}
	type call struct {
		ci     ssa.CallInstruction
		callee *ssa.Function // what the call runs: fn, a wrapper of it, a bound method value
	}
	var calls []call
	for _, ci := range o.n.in[k] {
		calls = append(calls, call{ci, ci.Common().StaticCallee()})
	}
	for _, g := range o.n.groups[k] {
		for _, callee := range g.callees {
			if o.n.key(callee) == k {
				for _, ci := range g.sites {
					calls = append(calls, call{ci, callee})
				}
			}
		}
	}
	for _, vs := range o.n.values[k] {
		callee := framecore.FuncOf(vs.v)
		for ci := range o.n.trace(vs).handled {
			calls = append(calls, call{ci, callee})
		}
	}
	for _, c := range calls {
		common := c.ci.Common()
		i := idx
		if common.IsInvoke() || (c.callee != nil && isBound(c.callee)) {
			i-- // the receiver is not among the arguments
		}
		if i >= 0 && i < len(common.Args) && o.opaque(common.Args[i]) {
			return true
		}
	}
	return false
}

// variable reports whether a local variable (an Alloc, or a captured one
// through a FreeVar) may hold a value from memory.
func (o *opacity) variable(addr ssa.Value) bool {
	switch a := addr.(type) {
	case *ssa.FreeVar:
		b := o.n.binding(a)
		return b == nil || o.variable(b)
	case *ssa.Alloc:
		return o.stores(a, map[ssa.Value]bool{})
	}
	return true
}

// stores reports whether a value from memory is stored into the variable
// addr, here or in a closure capturing it.
func (o *opacity) stores(addr ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[addr] {
		return false
	}
	seen[addr] = true
	for _, ref := range refs(addr) {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr == addr && o.opaque(ref.Val) {
				return true
			}
		case *ssa.MakeClosure:
			k, ok := ref.Fn.(*ssa.Function)
			if !ok {
				return true
			}
			for i, b := range ref.Bindings {
				if b == addr && i < len(k.FreeVars) && o.stores(k.FreeVars[i], seen) {
					return true
				}
			}
		}
	}
	return false
}

// binding returns the value a closure's free variable is bound to where
// the closure is made, or nil.
func (n *nester) binding(fv *ssa.FreeVar) ssa.Value {
	mc, _ := n.maker[fv.Parent()].(*ssa.MakeClosure)
	if mc == nil {
		return nil
	}
	for i, v := range fv.Parent().FreeVars {
		if v == fv && i < len(mc.Bindings) {
			return mc.Bindings[i]
		}
	}
	return nil
}

func refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// callees returns the functions of the package a call may run.
func (n *nester) callees(ci ssa.CallInstruction) []*ssa.Function {
	if g := ci.Common().StaticCallee(); g != nil {
		if n.key(g) != nil {
			return []*ssa.Function{g}
		}
		return nil
	}
	if g := n.dynamic[ci]; g != nil {
		return g.callees
	}
	return nil
}

// param returns the parameter of the package function that receives
// argument i (of common.Args) when a call runs callee, or nil.
func (n *nester) param(callee *ssa.Function, common *ssa.CallCommon, i int) *ssa.Parameter {
	body := n.body(callee)
	if body == nil {
		return nil
	}
	if common.IsInvoke() || isBound(callee) {
		i++ // the receiver is the body's first parameter
	}
	if i < len(body.Params) {
		return body.Params[i]
	}
	return nil
}

// region returns the innermost EnterTag region of fn holding instr, or
// nil.
func (n *nester) region(fn *ssa.Function, instr ssa.Instruction) *Use {
	return n.r.regionAt(fn, instr)
}

// ctxOf returns the contexts fn runs in.
func (n *nester) ctxOf(fn *ssa.Function) ctxs {
	if fn.Parent() != nil {
		s := n.sym[fn]
		if s == nil {
			return ctxs{}
		}
		if s.inherit {
			return s.subst(n.ctxAt(fn.Parent(), n.maker[fn]))
		}
		return *s
	}
	if obj := declared(fn); obj != nil {
		if c := n.ctx[obj]; c != nil {
			return *c
		}
	}
	return ctxs{}
}

// ctxAt returns the contexts an instruction of fn runs in.
func (n *nester) ctxAt(fn *ssa.Function, instr ssa.Instruction) ctxs {
	if instr != nil {
		if u := n.region(fn, instr); u != nil {
			return single(u)
		}
	}
	return n.ctxOf(fn)
}

// siteCtx returns the contexts a call site runs its callee in.
func (n *nester) siteCtx(ci ssa.CallInstruction) ctxs {
	if _, ok := ci.(*ssa.Go); ok {
		return ctxs{top: true}
	}
	return n.ctxAt(ci.Parent(), ci)
}

// groupCtx returns the contexts of the sites of a group, computed once
// per round.
func (n *nester) groupCtx(g *group) ctxs {
	if g.round != n.round {
		g.round = n.round
		g.ctx = ctxs{}
		for _, ci := range g.sites {
			g.ctx.add(n.siteCtx(ci))
		}
	}
	return g.ctx
}

// solve computes the contexts of every function, to a fixed point: sets
// only grow.
func (n *nester) solve() {
	for changed := true; changed; {
		changed = false
		n.round++
		for _, fn := range n.funcs {
			if fn.Parent() != nil {
				c := n.literalCtx(fn)
				if n.sym[fn] == nil {
					n.sym[fn] = &ctxs{}
				}
				changed = n.sym[fn].add(c) || changed
				continue
			}
			obj := declared(fn)
			if obj == nil || n.decl[obj] != fn {
				continue
			}
			c := n.declCtx(obj)
			if n.ctx[obj] == nil {
				n.ctx[obj] = &ctxs{}
			}
			changed = n.ctx[obj].add(c) || changed
		}
	}
}

// traced is what the walk of a func value found.
type traced struct {
	// ctx holds the contexts it runs in, inherit standing for those of
	// the place it is made.
	ctx ctxs
	// found: it runs somewhere the walk sees (called, given to WithTag or
	// to another package's function).
	found bool
	// escaped: it is stored, returned or sent where the walk loses it.
	escaped bool
	// handled lists the call sites that call it.
	handled map[ssa.CallInstruction]bool
	// captured: the walk went into closures, whose contexts it used.
	captured bool
}

func (n *nester) traceAll(k any, subst func(valueSite, ctxs) ctxs) traced {
	all := traced{handled: map[ssa.CallInstruction]bool{}}
	for _, vs := range n.values[k] {
		t := n.trace(vs)
		all.ctx.add(subst(vs, t.ctx))
		all.found = all.found || t.found
		all.escaped = all.escaped || t.escaped
		for ci := range t.handled {
			all.handled[ci] = true
		}
	}
	return all
}

// literalCtx returns the contexts of a func literal, inherit standing for
// its maker's.
func (n *nester) literalCtx(lit *ssa.Function) ctxs {
	t := n.traceAll(lit, func(_ valueSite, c ctxs) ctxs { return c })
	c := t.ctx
	other := len(n.groups[lit])
	for _, ci := range n.in[lit] {
		if !t.handled[ci] {
			other++
			c.add(n.siteCtx(ci))
		}
	}
	for _, g := range n.groups[lit] {
		c.add(n.groupCtx(g))
	}
	if !t.found && other == 0 {
		c.inherit = true
	}
	return c
}

// declCtx returns the contexts of a declared function of the package.
func (n *nester) declCtx(obj *types.Func) ctxs {
	t := n.traceAll(obj, func(vs valueSite, c ctxs) ctxs { return c.subst(n.ctxAt(vs.at.Parent(), vs.at)) })
	c := t.ctx
	c.top = c.top || callableFromOutside(obj)
	for _, ci := range n.in[obj] {
		if !t.handled[ci] {
			c.add(n.siteCtx(ci))
		}
	}
	for _, g := range n.groups[obj] {
		c.add(n.groupCtx(g))
	}
	if t.escaped && len(n.groups[obj]) == 0 {
		// Stored where no call of the package finds it: anyone may call it.
		c.top = true
	}
	return c
}

// callableFromOutside reports whether other packages may call fn
// directly: an exported function, or an exported method of an exported
// type.
func callableFromOutside(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return true
	}
	t := types.Unalias(recv.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if named, ok := t.(*types.Named); ok {
		return named.Obj().Exported()
	}
	return true
}

// trace follows one func value to where it runs.
type trace struct {
	n    *nester
	out  traced
	seen map[ssa.Value]*ctxs
	work []traceItem
}

type traceItem struct {
	v    ssa.Value
	refs []ssa.Instruction
	c    ctxs
	addr bool // v is the address of a variable holding the value
}

func (n *nester) trace(vs valueSite) traced {
	key := [2]any{vs.v, vs.at}
	if r, ok := n.traces[key]; ok {
		return r
	}
	r := n.walk(vs)
	if !r.captured {
		n.traces[key] = r
	}
	return r
}

func (n *nester) walk(vs valueSite) traced {
	t := &trace{n: n, out: traced{handled: map[ssa.CallInstruction]bool{}}, seen: map[ssa.Value]*ctxs{}}
	t.push(vs.v, vs.refs, ctxs{inherit: true}, false)
	for len(t.work) > 0 {
		it := t.work[len(t.work)-1]
		t.work = t.work[:len(t.work)-1]
		for _, ref := range it.refs {
			if it.addr {
				t.stepAddr(ref, it.v, it.c)
			} else {
				t.step(ref, it.v, it.c)
			}
		}
	}
	return t.out
}

func (t *trace) push(v ssa.Value, refs []ssa.Instruction, c ctxs, addr bool) {
	s := t.seen[v]
	if s == nil {
		s = &ctxs{}
		t.seen[v] = s
	}
	if !s.add(c) {
		return
	}
	t.work = append(t.work, traceItem{v: v, refs: refs, c: ctxs{top: s.top, inherit: s.inherit, uses: append([]uint64(nil), s.uses...)}, addr: addr})
}

// at returns the context at instr of a function running in c: the
// EnterTag region around instr, else c.
func (t *trace) at(instr ssa.Instruction, c ctxs) ctxs {
	if u := t.n.region(instr.Parent(), instr); u != nil {
		return single(u)
	}
	return c
}

// run records that the value runs in c.
func (t *trace) run(c ctxs) {
	t.out.found = true
	t.out.ctx.add(c)
}

// step follows the value v, seen in a function running in c, through one
// instruction using it.
func (t *trace) step(instr ssa.Instruction, v ssa.Value, c ctxs) {
	here := t.at(instr, c)
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		t.call(instr, v, here)
	case *ssa.MakeClosure:
		t.captured(instr, v, here, false)
	case *ssa.Phi:
		t.push(instr, refs(instr), c, false)
	case *ssa.ChangeType:
		t.push(instr, refs(instr), c, false)
	case *ssa.Store:
		if instr.Val != v {
			return
		}
		if a, ok := instr.Addr.(*ssa.Alloc); ok {
			t.push(a, refs(a), c, true)
		} else {
			t.out.escaped = true
		}
	case *ssa.DebugRef, *ssa.BinOp:
		// f != nil does not run f.
	default:
		t.out.escaped = true
	}
}

// stepAddr follows a variable holding the value through one instruction
// using its address.
func (t *trace) stepAddr(instr ssa.Instruction, addr ssa.Value, c ctxs) {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op == token.MUL {
			t.push(instr, refs(instr), c, false)
		} else {
			t.out.escaped = true
		}
	case *ssa.Store:
		if instr.Addr != addr {
			t.out.escaped = true // the variable's address is stored
		}
	case *ssa.MakeClosure:
		t.captured(instr, addr, t.at(instr, c), true)
	case *ssa.DebugRef:
	default:
		t.out.escaped = true
	}
}

// captured follows v into the closures that capture it: they run in their
// own contexts, their maker's being here.
func (t *trace) captured(mc *ssa.MakeClosure, v ssa.Value, here ctxs, addr bool) {
	k, ok := mc.Fn.(*ssa.Function)
	if !ok || !t.n.inPkg[k] {
		t.out.escaped = true
		return
	}
	t.out.captured = true
	kc := ctxs{inherit: true}
	if s := t.n.sym[k]; s != nil {
		kc = *s
	}
	kc = kc.subst(here)
	for j, b := range mc.Bindings {
		if b == v && j < len(k.FreeVars) {
			fv := k.FreeVars[j]
			t.push(fv, refs(fv), kc, addr)
		}
	}
}

// call follows the value into a call using it: as the callee, as the
// closure of an allocator operation, as an argument.
func (t *trace) call(ci ssa.CallInstruction, v ssa.Value, here ctxs) {
	common := ci.Common()
	_, isGo := ci.(*ssa.Go)
	if !common.IsInvoke() && common.Value == v {
		t.out.handled[ci] = true
		if isGo {
			t.run(ctxs{top: true})
		} else {
			t.run(here)
		}
	}
	if c, ok := t.n.r.core.API.Classify(ci); ok {
		for i, a := range c.Args {
			if a != v {
				continue
			}
			switch u := t.n.useAt[ci]; {
			case c.Op == allocapi.OpWithTag && i == 2 && u != nil:
				t.run(single(u))
			case isGo:
				t.run(ctxs{top: true})
			default:
				t.run(here) // Scratch.Scope runs it at once
			}
		}
		return
	}
	args := framecore.CallArgs(common)
	off := len(args) - len(common.Args)
	for j := off; j < len(args); j++ {
		if args[j] != v {
			continue
		}
		i := j - off
		if common.StaticCallee() == nil && !common.IsInvoke() {
			// Passed to a func value: whatever it runs may keep it.
			t.out.escaped = true
			continue
		}
		targets := t.n.callees(ci)
		if len(targets) == 0 {
			// Another package's function: it runs the value before
			// returning, unless it keeps it.
			if isGo || t.n.r.core.KeepsFunc(ci, j) {
				t.run(ctxs{top: true})
			} else {
				t.run(here)
			}
			continue
		}
		enter := here
		if isGo {
			enter = ctxs{top: true}
		}
		for _, g := range targets {
			if p := t.n.param(g, common, i); p != nil {
				t.push(p, refs(p), enter, false)
			} else {
				t.run(enter)
			}
		}
	}
}

// assign sets the Outer use of every use and whether it allocates.
func (n *nester) assign() {
	uses := n.r.uses
	for _, u := range uses {
		c := n.ctxAt(u.Fn, u.Instr)
		if i := c.first(); i >= 0 && !c.top {
			u.Outer = uses[i]
		}
	}
	// A function only reached through its own tag use (recursion and
	// nothing else) would nest its uses in themselves: such uses are
	// outermost.
	for _, u := range uses {
		seen := map[*Use]bool{u: true}
		for v := u.Outer; v != nil; v = v.Outer {
			if seen[v] {
				u.Outer = nil
				break
			}
			seen[v] = true
		}
	}
	// A use allocates when a function running in it allocates, or an
	// allocation of its region, or a use nested in it.
	for _, u := range uses {
		u.Allocates = u.Allocates || n.r.regionAllocates(u)
	}
	for _, fn := range n.funcs {
		if f := n.r.core.FactOf(fn); f != nil && f.Allocates {
			n.ctxOf(fn).each(func(i int) { uses[i].Allocates = true })
		}
	}
	for changed := true; changed; {
		changed = false
		for _, v := range uses {
			if !v.Allocates {
				continue
			}
			n.ctxAt(v.Fn, v.Instr).each(func(i int) {
				if !uses[i].Allocates {
					uses[i].Allocates, changed = true, true
				}
			})
		}
	}
}
