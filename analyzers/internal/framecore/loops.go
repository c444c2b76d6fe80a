package framecore

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file holds the queries the loop, budget and async checks (FA301,
// FA302, FA602–FA604, FA701, FA702) need beyond the lifecycle facts: the
// key of a handle value, and keys made comparable across a function and
// the func literals nested in it.

// IsCaptured reports whether the key is rooted at a free variable of its
// function: a handle captured by a func literal from outside.
func (k LocalKey) IsCaptured() bool { return k.Root == rootFreeVar }

// Param returns the index of the parameter the key denotes when it denotes
// a parameter itself (not a field reached from it).
func (k LocalKey) Param() (int, bool) {
	if k.Root == rootParam && k.Path == "" {
		return k.Index, true
	}
	return 0, false
}

// IsGlobal reports whether the key is rooted at a package-level variable.
func (k LocalKey) IsGlobal() bool { return k.Root == rootGlobal }

// RootValue returns the SSA value a key of another kind is rooted at (a
// call result such as a.NewLocal(), or a local variable's cell), or nil.
func (k LocalKey) RootValue() ssa.Value {
	if k.Root != rootValue {
		return nil
	}
	return k.Value
}

// Field returns the field selections after the root (".world.local"),
// without the leading "*" of a captured or address-taken variable.
func (k LocalKey) Field() string { return strings.TrimPrefix(k.Path, "*") }

// A ScopedKey is a LocalKey together with the function it is relative to,
// so that keys of different functions can be compared. Keys rooted at
// package-level variables have no function.
type ScopedKey struct {
	Fn  *ssa.Function
	Key LocalKey
}

// Known reports whether the key identifies a handle.
func (s ScopedKey) Known() bool { return s.Key.Known() }

// LiftOnce expresses the key k of the func literal fn, rooted at one of
// its free variables, in the function that made the closure. ok is false
// when k is not rooted at a free variable or cannot be expressed there.
func (r *Result) LiftOnce(fn *ssa.Function, k LocalKey) (LocalKey, bool) {
	if k.Root != rootFreeVar {
		return LocalKey{}, false
	}
	mc := closureOf(fn)
	if fn.Parent() == nil || mc == nil || k.Index < 0 || k.Index >= len(mc.Bindings) {
		return LocalKey{}, false
	}
	b := mc.Bindings[k.Index]
	var up LocalKey
	if strings.HasPrefix(k.Path, "*") {
		// A captured variable: the binding is the variable's cell.
		up = addrKey(b, 0)
		if !up.Known() {
			return LocalKey{}, false
		}
		up.Path += k.Path[1:]
	} else {
		up = localKeyOf(b)
		if !up.Known() {
			return LocalKey{}, false
		}
		up.Path += k.Path
	}
	return up, true
}

// Lift expresses the key k of function fn in the outermost function it
// can be expressed in: a key rooted at a free variable of a func literal
// becomes the key of the captured value (or variable) in the function
// that made the closure, repeatedly. Two lifted keys are equal exactly
// when they denote the same handle as far as the core can tell.
func (r *Result) Lift(fn *ssa.Function, k LocalKey) ScopedKey {
	for depth := 0; depth < 16; depth++ {
		switch k.Root {
		case rootGlobal:
			return ScopedKey{Key: k}
		case rootFreeVar:
		default:
			return ScopedKey{Fn: fn, Key: k}
		}
		up, ok := r.LiftOnce(fn, k)
		if !ok {
			return ScopedKey{Fn: fn, Key: k}
		}
		fn, k = fn.Parent(), up
	}
	return ScopedKey{Fn: fn, Key: k}
}

// closureOf returns the MakeClosure instruction that makes the func
// literal fn in its parent, or nil (a literal without free variables is
// used as a plain function value).
func closureOf(fn *ssa.Function) *ssa.MakeClosure {
	refs := fn.Referrers()
	if refs == nil {
		return nil
	}
	for _, ref := range *refs {
		if mc, ok := ref.(*ssa.MakeClosure); ok && mc.Fn == fn {
			return mc
		}
	}
	return nil
}

// ClosureOf returns the MakeClosure instruction that makes the func
// literal fn, or nil when fn is not a closure.
func ClosureOf(fn *ssa.Function) *ssa.MakeClosure { return closureOf(fn) }

// Outermost returns the declared function a func literal is nested in (fn
// itself for a declared function).
func Outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}
