package framecore

import (
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestStdFactsResolve checks every entry of the standard-library table
// against the standard library itself: the function exists under that
// full name, and every argument index the fact names exists and can hold
// memory (a pointer, slice, map, interface...).
func TestStdFactsResolve(t *testing.T) {
	pkgSet := map[string]bool{}
	for name := range stdFacts {
		pkgSet[stdPackage(name)] = true
	}
	var paths []string
	for p := range pkgSet {
		paths = append(paths, p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.PkgPath, p.Errors)
		}
		byPath[p.PkgPath] = p.Types
	}
	for name, fact := range stdFacts {
		fn := lookupStd(byPath[stdPackage(name)], name)
		if fn == nil {
			t.Errorf("%s: no such function in the standard library", name)
			continue
		}
		if fn.FullName() != name {
			t.Errorf("%s resolves to %s", name, fn.FullName())
		}
		sig := fn.Signature()
		arg := func(i int) types.Type {
			if sig.Recv() != nil {
				if i == 0 {
					return sig.Recv().Type()
				}
				i--
			}
			if i >= sig.Params().Len() {
				return nil
			}
			return sig.Params().At(i).Type()
		}
		check := func(what string, i int) {
			typ := arg(i)
			if typ == nil {
				t.Errorf("%s: %s names argument %d, which does not exist", name, what, i)
			} else if !hasPointers(typ) {
				t.Errorf("%s: %s names argument %d of type %s, which holds no memory", name, what, i, typ)
			}
		}
		for ri, r := range fact.Results {
			if ri >= sig.Results().Len() {
				t.Errorf("%s: fact for result %d, which does not exist", name, ri)
			}
			for _, h := range append(append([]ParamRef(nil), r.Is...), r.Held...) {
				check("a result", h.Param)
			}
		}
		for _, s := range fact.Stores {
			check("a stored value", s.Param)
			check("a store destination", s.Into)
		}
	}
}

// stdPackage returns the package path of a full function name such as
// "strconv.AppendInt" or "(*sync/atomic.Pointer[T]).Store".
func stdPackage(name string) string {
	name = strings.TrimLeft(name, "(*")
	if i := strings.IndexAny(name, ")["); i >= 0 {
		name = name[:i]
	}
	return name[:strings.LastIndex(name, ".")]
}

// lookupStd finds a function or method by full name in pkg.
func lookupStd(pkg *types.Package, name string) *types.Func {
	if pkg == nil {
		return nil
	}
	if !strings.HasPrefix(name, "(") {
		f, _ := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.Func)
		return f
	}
	recv := strings.TrimLeft(name[1:strings.Index(name, ")")], "*")
	if i := strings.Index(recv, "["); i >= 0 {
		recv = recv[:i]
	}
	tn, ok := pkg.Scope().Lookup(recv[strings.LastIndex(recv, ".")+1:]).(*types.TypeName)
	if !ok {
		return nil
	}
	method := name[strings.LastIndex(name, ".")+1:]
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, method)
	f, _ := obj.(*types.Func)
	return f
}
