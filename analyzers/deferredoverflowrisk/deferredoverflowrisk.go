package deferredoverflowrisk

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA204 deferred-overflow-risk check.
var Analyzer = check.New("FA204", run, goroutines.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	for _, fn := range p.Core.Funcs {
		for _, c := range m.Calls(fn, allocapi.OpPoolFree) {
			call, ok := c.Instr.(*ssa.Call)
			if !ok || len(c.Args) != 2 || !m.InLoop(call.Block()) {
				continue
			}
			t := &tracer{p: p, m: m, fn: fn, local: c.Args[0], seen: map[ssa.Value]bool{}}
			why, ok := t.foreign(c.Args[1], 0)
			if !ok {
				continue
			}
			obj := goroutines.Name(c.Args[1])
			if obj == "" {
				obj = goroutines.ArgText(p.Files, call, 1)
			}
			p.Reportf(call.Pos(), 0, "loop frees pool object %s owned by another goroutine's Local (%s): each free goes through the owner's bounded deferred queue", obj, why)
		}
	}
	return nil
}

type tracer struct {
	p     *check.Pass
	m     *goroutines.Model
	fn    *ssa.Function
	local ssa.Value // the Local passed to PoolFree
	seen  map[ssa.Value]bool
}

func (t *tracer) line(pos token.Pos) int { return t.p.Fset.Position(pos).Line }

// foreign reports whether v is (part of) an object owned by another
// goroutine's Local, and why.
func (t *tracer) foreign(v ssa.Value, depth int) (string, bool) {
	if depth > 10 || t.seen[v] {
		return "", false
	}
	t.seen[v] = true
	switch v := v.(type) {
	case *ssa.UnOp:
		switch v.Op {
		case token.ARROW:
			return fmt.Sprintf("received over a channel at line %d", t.line(v.Pos())), true
		case token.MUL:
			return t.loaded(v.X, depth+1)
		}
	case *ssa.Extract:
		switch tup := v.Tuple.(type) {
		case *ssa.UnOp:
			if tup.Op == token.ARROW {
				return fmt.Sprintf("received over a channel at line %d", t.line(tup.Pos())), true
			}
		case *ssa.Select:
			return fmt.Sprintf("received in a select case at line %d", t.line(tup.Pos())), true
		case *ssa.Call:
			return t.allocated(tup)
		}
	case *ssa.Field:
		return t.foreign(v.X, depth+1)
	case *ssa.FieldAddr:
		// An element of an array field of a received struct: the
		// address is part of the struct.
		return t.foreign(v.X, depth+1)
	case *ssa.IndexAddr:
		return t.foreign(v.X, depth+1)
	case *ssa.Index:
		return t.foreign(v.X, depth+1)
	case *ssa.ChangeType:
		return t.foreign(v.X, depth+1)
	case *ssa.Convert:
		return t.foreign(v.X, depth+1)
	case *ssa.TypeAssert:
		return t.foreign(v.X, depth+1)
	case *ssa.MakeInterface:
		return t.foreign(v.X, depth+1)
	case *ssa.Slice:
		return t.foreign(v.X, depth+1)
	case *ssa.Phi:
		why := ""
		for _, e := range v.Edges {
			if c, ok := e.(*ssa.Const); ok && c.IsNil() {
				continue
			}
			if e == v {
				continue
			}
			w, ok := t.foreign(e, depth+1)
			if !ok {
				return "", false
			}
			if why == "" {
				why = w
			}
		}
		return why, why != ""
	case *ssa.Alloc:
		// A local variable whose fields are read: what was stored in it.
		return t.loaded(v, depth+1)
	case *ssa.Parameter, *ssa.FreeVar:
		return t.handedIn(v, false)
	case *ssa.Call:
		return t.allocated(v)
	}
	return "", false
}

// loaded reports whether what is loaded from addr is foreign.
func (t *tracer) loaded(addr ssa.Value, depth int) (string, bool) {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return t.foreign(a.X, depth+1)
	case *ssa.IndexAddr:
		return t.foreign(a.X, depth+1)
	case *ssa.FreeVar:
		return t.handedIn(a, true)
	case *ssa.Alloc:
		// A local variable: foreign when everything stored in it is,
		// and nothing is stored into its fields or elements afterwards.
		if storedInto(a) {
			return "", false
		}
		why := ""
		for _, ref := range *a.Referrers() {
			st, ok := ref.(*ssa.Store)
			if !ok || st.Addr != a {
				continue
			}
			w, ok := t.foreign(st.Val, depth+1)
			if !ok {
				return "", false
			}
			if why == "" {
				why = w
			}
		}
		return why, why != ""
	}
	return "", false
}

// handedIn reports whether v, a parameter or free variable of the
// function, was given to it by the go statement that started it while the
// function frees with a Local that was not handed in by that launch.
func (t *tracer) handedIn(v ssa.Value, captured bool) (string, bool) {
	fn := t.fn
	if !t.m.OnlyGoroutine(fn) {
		return "", false
	}
	launches := t.m.StartedBy(fn)
	localKey := framecore.HandleKey(t.local)
	for _, l := range launches {
		for _, g := range l.Given {
			if g.Inner == nil {
				continue
			}
			// The goroutine frees with a Local it was handed: it acts
			// as that Local's owner.
			if t.m.IsLocal(g.Type) && givenKey(g) == localKey {
				return "", false
			}
		}
	}
	for _, l := range launches {
		for _, g := range l.Given {
			if g.Inner == v && g.Captured == captured {
				return fmt.Sprintf("handed in by the %s at line %d", l.Site.Via, t.line(l.Pos())), true
			}
		}
	}
	return "", false
}

// givenKey is the key, inside the goroutine body, of a given handle.
func givenKey(g goroutines.Given) framecore.LocalKey {
	if g.Captured {
		return framecore.HandleKeyAt(g.Inner)
	}
	return framecore.HandleKey(g.Inner)
}

// allocated reports whether call allocates the object from a different
// Local that this function hands to a goroutine.
func (t *tracer) allocated(call *ssa.Call) (string, bool) {
	c, ok := t.m.Core.API.Classify(call)
	if !ok || (c.Op != allocapi.OpPool && c.Op != allocapi.OpTryPool) {
		return "", false
	}
	owner := framecore.HandleKey(c.Local())
	if !owner.Known() || owner == framecore.HandleKey(t.local) {
		return "", false
	}
	for _, l := range t.m.Spawned(t.fn) {
		for _, g := range t.m.Locals(l) {
			if g.Key == owner {
				name := goroutines.GivenName(t.p.Files, l, g)
				return fmt.Sprintf("allocated with Local %s, which the %s at line %d hands to another goroutine", name, l.Site.Via, t.line(l.Pos())), true
			}
		}
	}
	return "", false
}

// storedInto reports whether a part of the local variable a (a field or
// an element, at any depth) is assigned: the variable then also holds
// values that were not received with it.
func storedInto(a *ssa.Alloc) bool {
	work := []ssa.Value{a}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.FieldAddr:
				work = append(work, ref)
			case *ssa.IndexAddr:
				work = append(work, ref)
			case *ssa.Store:
				if ref.Addr == v && v != ssa.Value(a) {
					return true
				}
			}
		}
	}
	return false
}
