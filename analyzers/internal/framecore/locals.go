package framecore

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
)

// A LocalKey identifies a *Local (or another allocator handle) within one
// function, so that an EndFrame call can be matched with the allocations it
// invalidates. Two SSA values that load the same variable or field get the
// same key: l, w.local and *captured all canonicalise.
type LocalKey struct {
	Root  rootKind
	Index int          // parameter or free-variable index
	Obj   types.Object // package-level variable
	Value ssa.Value    // any other value (a call result, a local cell)
	Path  string       // field selections after the root, such as ".world.local"
}

type rootKind uint8

const (
	rootUnknown rootKind = iota
	rootParam
	rootFreeVar
	rootGlobal
	rootValue
)

// Known reports whether the key identifies a value at all.
func (k LocalKey) Known() bool { return k.Root != rootUnknown }

// String renders the key for debugging.
func (k LocalKey) String() string {
	switch k.Root {
	case rootParam:
		return "param" + strconv.Itoa(k.Index) + k.Path
	case rootFreeVar:
		return "free" + strconv.Itoa(k.Index) + k.Path
	case rootGlobal:
		return k.Obj.Name() + k.Path
	case rootValue:
		return k.Value.Name() + k.Path
	}
	return "?"
}

// localKeyOf canonicalises a value denoting a handle such as a *Local.
func localKeyOf(v ssa.Value) LocalKey {
	return localKeyDepth(v, 0)
}

func localKeyDepth(v ssa.Value, depth int) LocalKey {
	if depth > 8 {
		return LocalKey{}
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		return LocalKey{Root: rootParam, Index: paramIndex(v)}
	case *ssa.FreeVar:
		return LocalKey{Root: rootFreeVar, Index: freeVarIndex(v)}
	case *ssa.ChangeType:
		return localKeyDepth(v.X, depth+1)
	case *ssa.Field:
		// A field of a struct value, such as the Local of a value receiver.
		base := localKeyDepth(v.X, depth+1)
		if !base.Known() {
			return base
		}
		base.Path += "." + fieldName(v.X.Type(), v.Field)
		return base
	case *ssa.Phi:
		var k LocalKey
		for i, e := range v.Edges {
			ek := localKeyDepth(e, depth+1)
			if i == 0 {
				k = ek
			} else if ek != k {
				return LocalKey{}
			}
		}
		return k
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			return addrKey(v.X, depth+1)
		case token.ARROW:
			return LocalKey{Root: rootValue, Value: v} // received from a channel
		}
		return LocalKey{}
	case *ssa.Const:
		return LocalKey{}
	case *ssa.Call:
		if r := requestOf(v); r != nil {
			return requestKey(r, depth+1)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			if r := requestOf(call); r != nil {
				return requestKey(r, depth+1)
			}
		}
	}
	return LocalKey{Root: rootValue, Value: v}
}

// requestPath is the path, after the key of an *http.Request, of the Local
// framehttp runs the request's frames on: every framehttp.Local(r) of one
// request is that one Local, and framehttp.Cycle(r) ends its frame.
const requestPath = ".(framehttp)"

// IsRequestLocal reports whether the key denotes the Local framehttp runs a
// request's frames on (framehttp.Local(r)): the middleware ends its frame
// when the handler returns and hands it to the next request.
func (k LocalKey) IsRequestLocal() bool { return strings.HasSuffix(k.Path, requestPath) }

// requestKey is the key of the Local of request r.
func requestKey(r ssa.Value, depth int) LocalKey {
	k := localKeyDepth(r, depth)
	if !k.Known() {
		return k
	}
	k.Path += requestPath
	return k
}

// requestOf returns the request argument of a call of framehttp.Local or
// framehttp.TryLocal, or nil.
func requestOf(call *ssa.Call) ssa.Value {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg == nil || len(call.Call.Args) != 1 {
		return nil
	}
	if callee.Pkg.Pkg.Name() != allocapi.HTTPPackage || (callee.Name() != "Local" && callee.Name() != "TryLocal") {
		return nil
	}
	return call.Call.Args[0]
}

// frameKeyOf returns the key of the Local whose frame an allocator call
// begins, ends or allocates from: its Local operand, or the request's
// Local for framehttp.Cycle.
func frameKeyOf(c allocapi.Call) LocalKey {
	if c.Op == allocapi.OpCycle {
		if len(c.Args) == 0 {
			return LocalKey{}
		}
		return requestKey(c.Args[0], 0)
	}
	return localKeyOf(c.Local())
}

// addrKey canonicalises the address a handle is loaded from.
func addrKey(addr ssa.Value, depth int) LocalKey {
	switch a := addr.(type) {
	case *ssa.Global:
		return LocalKey{Root: rootGlobal, Obj: a.Object()}
	case *ssa.FreeVar:
		// A captured variable: the cell of the enclosing function.
		return LocalKey{Root: rootFreeVar, Index: freeVarIndex(a), Path: "*"}
	case *ssa.FieldAddr:
		base := localKeyDepth(a.X, depth+1)
		if alloc, ok := a.X.(*ssa.Alloc); ok {
			// A struct parameter spilled to a local (a value receiver
			// whose fields are read): its fields are the parameter's.
			if v := spilledValue(alloc); v != nil {
				base = localKeyDepth(v, depth+1)
			}
		}
		if !base.Known() {
			return base
		}
		base.Path += "." + fieldName(a.X.Type(), a.Field)
		return base
	case *ssa.Alloc:
		// A variable captured by a func literal lives in a cell. When the
		// cell is assigned once (a captured parameter or a local that is
		// never reassigned), it stands for the assigned value.
		if v := singleStore(a); v != nil {
			return localKeyDepth(v, depth+1)
		}
		return LocalKey{Root: rootValue, Value: a, Path: "*"}
	}
	return LocalKey{}
}

func paramIndex(p *ssa.Parameter) int {
	for i, q := range p.Parent().Params {
		if q == p {
			return i
		}
	}
	return -1
}

func freeVarIndex(fv *ssa.FreeVar) int {
	for i, q := range fv.Parent().FreeVars {
		if q == fv {
			return i
		}
	}
	return -1
}

// fieldName returns the name of field i of the struct ptr points to (its
// index when ptr is no struct pointer).
func fieldName(ptr types.Type, i int) string {
	if v := FieldVar(ptr, i); v != nil {
		return v.Name()
	}
	return strconv.Itoa(i)
}

// FieldVar returns the (origin) field i of the struct t points to or is,
// or nil.
func FieldVar(t types.Type, i int) *types.Var {
	t = t.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if s, ok := t.(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Origin()
	}
	return nil
}

// LocalPath is a LocalKey expressed relative to a function's parameters or
// package-level variables, so that it can be carried in a fact and mapped
// onto a caller's arguments.
type LocalPath struct {
	Param  int    // parameter index (receiver first), or -1
	Global string // full name of a package-level variable when Param < 0
	Path   string // field selections, such as ".local"
}

// pathOf converts a key to a LocalPath; ok is false for keys that have no
// meaning outside the function.
func pathOf(k LocalKey) (LocalPath, bool) {
	switch k.Root {
	case rootParam:
		return LocalPath{Param: k.Index, Path: k.Path}, true
	case rootGlobal:
		return LocalPath{Param: -1, Global: globalName(k.Obj), Path: k.Path}, true
	}
	return LocalPath{}, false
}

func globalName(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// keyAt maps a LocalPath of a callee onto the caller's key space, given the
// call's arguments (receiver first).
func keyAt(p LocalPath, args []ssa.Value, pkg *types.Package) LocalKey {
	if p.Param < 0 {
		// A package-level variable: only meaningful if it is one of ours
		// or an exported one we can name; compare by name.
		k := LocalKey{Root: rootGlobal, Obj: globalByName(pkg, p.Global), Path: p.Path}
		if k.Obj == nil {
			return LocalKey{}
		}
		return k
	}
	if p.Param >= len(args) {
		return LocalKey{}
	}
	arg := args[p.Param]
	path := p.Path
	// A struct value built in the caller (Maker{l: l}.New()): its field
	// stands for what was stored in it.
	if v, rest, ok := literalField(arg, path); ok {
		arg, path = v, rest
	}
	k := localKeyOf(arg)
	if !k.Known() {
		return k
	}
	k.Path += path
	return k
}

// literalField resolves the first field selection of path on v when v is
// a load of a local struct variable whose field was stored exactly once:
// it returns the stored value and the rest of the path.
func literalField(v ssa.Value, path string) (ssa.Value, string, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || !strings.HasPrefix(path, ".") {
		return nil, "", false
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil, "", false
	}
	name, rest := path[1:], ""
	if i := strings.IndexAny(name, ".*"); i >= 0 {
		name, rest = name[:i], name[i:]
	}
	var val ssa.Value
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			if fieldName(alloc.Type(), ref.Field) != name {
				continue
			}
			v, ok := fieldStore(ref)
			if !ok || (v != nil && val != nil) {
				return nil, "", false
			}
			if v != nil {
				val = v
			}
		case *ssa.Store:
			return nil, "", false // the whole struct is reassigned
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil, "", false // its address escapes
		}
	}
	if val == nil {
		return nil, "", false
	}
	return val, rest, true
}

// globalByName finds a package-level variable by full name among pkg and
// its imports.
func globalByName(pkg *types.Package, full string) types.Object {
	i := strings.LastIndex(full, ".")
	if i < 0 {
		return nil
	}
	path, name := full[:i], full[i+1:]
	if pkg.Path() == path {
		return pkg.Scope().Lookup(name)
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return imp.Scope().Lookup(name)
		}
	}
	return nil
}

// singleStore returns the value stored into a cell that is stored exactly
// once and otherwise only loaded or captured, or nil.
func singleStore(a *ssa.Alloc) ssa.Value {
	var val ssa.Value
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != a || val != nil {
				return nil
			}
			val = ref.Val
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	return val
}

// spilledValue returns the value a struct variable was initialised with
// when the variable is only ever read afterwards: one store of the whole
// value, then loads of it or of its fields. It returns nil otherwise.
func spilledValue(a *ssa.Alloc) ssa.Value {
	var val ssa.Value
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != a || val != nil {
				return nil
			}
			val = ref.Val
		case *ssa.FieldAddr:
			if v, ok := fieldStore(ref); !ok || v != nil {
				return nil
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil
		}
	}
	if _, ok := val.(*ssa.Parameter); !ok {
		return nil
	}
	return val
}

// fieldStore returns the value stored through the field address fa when
// fa is only stored through once and otherwise read (nil when it is only
// read); ok is false when fa is stored through more than once or used in
// any other way.
func fieldStore(fa *ssa.FieldAddr) (val ssa.Value, ok bool) {
	for _, r := range *fa.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != fa || val != nil {
				return nil, false
			}
			val = r.Val
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return val, true
}
