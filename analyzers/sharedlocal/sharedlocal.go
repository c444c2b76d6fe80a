package sharedlocal

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA206 shared-local check.
var Analyzer = check.New("FA206", run, goroutines.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	for _, l := range m.Launches {
		for _, c := range candidates(p, m, l) {
			use := laterUse(m, l, c.g)
			if use == nil {
				continue
			}
			what := "passed to"
			switch {
			case c.g.Field != "":
				what = "given (in field " + strings.TrimPrefix(c.g.Field, ".") + " of a struct) to"
			case c.g.Captured:
				what = "captured by"
			}
			msg := fmt.Sprintf("Local %s is %s a goroutine (%s) and still used by the spawner", c.name, what, l.Site.Via)
			if _, ret := use.(*ssa.Return); ret && c.g.Key.IsRequestLocal() {
				msg = fmt.Sprintf("Local %s of the request is %s a goroutine (%s) that may outlive the handler: the middleware ends its frame when the handler returns and hands it to the next request", c.name, what, l.Site.Via)
			} else if use == ssa.Instruction(l.Instr) {
				msg += ", which starts another goroutine with it in a loop"
			} else if pos := use.Pos(); pos.IsValid() {
				msg += fmt.Sprintf(" at line %d", p.Fset.Position(pos).Line)
			}
			p.Reportf(l.Pos(), 0, "%s", msg)
			break
		}
	}
	return nil
}

type candidate struct {
	g    goroutines.Given
	name string
}

// candidates lists the Locals a launch gives its goroutine: Locals passed
// or captured, and Locals held in fields of a struct the goroutine is
// given when its body uses that field as a Local.
func candidates(p *check.Pass, m *goroutines.Model, l *goroutines.Launch) []candidate {
	var out []candidate
	for _, g := range l.Given {
		if !g.Key.Known() {
			continue
		}
		name := goroutines.GivenName(p.Files, l, g)
		if name == "" {
			name = g.Key.String()
		}
		if m.IsLocal(g.Type) {
			if g.Field != "" && !fieldUsed(m, l, g) {
				continue
			}
			out = append(out, candidate{g, name})
			continue
		}
		if l.Body == nil || g.Inner == nil {
			continue
		}
		inner := framecore.HandleKey(g.Inner)
		if g.Captured {
			inner = framecore.HandleKeyAt(g.Inner)
		}
		for _, suffix := range fieldLocals(m, l.Body, inner) {
			fg := g
			fg.Key.Path += suffix
			out = append(out, candidate{fg, name + strings.ReplaceAll(suffix, "*", "")})
		}
	}
	return out
}

// fieldUsed reports whether the goroutine of l may use the Local g it
// reaches through a field of a struct it is given: its body uses that
// field as a Local, or passes the struct on, or is not visible.
func fieldUsed(m *goroutines.Model, l *goroutines.Launch, g goroutines.Given) bool {
	holder := l.Given[g.Holder]
	if l.Body == nil || holder.Inner == nil || holder.Field != "" {
		return true
	}
	inner := framecore.HandleKey(holder.Inner)
	if holder.Captured {
		inner = framecore.HandleKeyAt(holder.Inner)
	}
	return slices.Contains(fieldLocals(m, l.Body, inner), g.Field) || passesOn(l.Body, inner, g.Field)
}

// passesOn reports whether body passes the struct with key k, or a struct
// on the path to its field field, to a call or stores it, so that the
// callee may use the field.
func passesOn(body *ssa.Function, k framecore.LocalKey, field string) bool {
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			var args []ssa.Value
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				args = framecore.CallArgs(instr.Common())
			case *ssa.Store:
				args = []ssa.Value{instr.Val}
			case *ssa.Send:
				args = []ssa.Value{instr.X}
			case *ssa.MakeClosure:
				args = instr.Bindings
			}
			for _, a := range args {
				ak := framecore.HandleKey(a)
				rest, ok := strings.CutPrefix(ak.Path, k.Path)
				ak.Path = k.Path
				if ok && ak == k && (rest == "" || strings.HasPrefix(field, rest+".")) {
					return true
				}
			}
		}
	}
	return false
}

// fieldLocals returns the field paths below inner (a handle key of body)
// that body uses as Locals, such as ".local".
func fieldLocals(m *goroutines.Model, body *ssa.Function, inner framecore.LocalKey) []string {
	seen := map[string]bool{}
	var out []string
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			for _, a := range framecore.CallArgs(ci.Common()) {
				if !m.IsLocal(a.Type()) {
					continue
				}
				k := framecore.HandleKey(a)
				if suffix, ok := strings.CutPrefix(k.Path, inner.Path); ok && suffix != "" && strings.HasPrefix(suffix, ".") {
					base := k
					base.Path = inner.Path
					if base == inner && !seen[suffix] {
						seen[suffix] = true
						out = append(out, suffix)
					}
				}
			}
		}
	}
	return out
}

// laterUse returns an instruction of the spawner that may use the Local g
// after launch l, or nil.
func laterUse(m *goroutines.Model, l *goroutines.Launch, g goroutines.Given) ssa.Instruction {
	def := g.Key.RootValue()
	var use ssa.Instruction
	goroutines.ReachableAfter(l.Instr, func(instr ssa.Instruction) bool {
		if use != nil {
			return false
		}
		if di, ok := def.(ssa.Instruction); ok && instr == di {
			return false // a new Local (or variable) from here on
		}
		if ci, ok := instr.(ssa.CallInstruction); ok && isWait(ci) {
			return false // the spawner waits for its goroutines first
		}
		if usesLocal(m, instr, g.Key) {
			use = instr
			return false
		}
		if _, ret := instr.(*ssa.Return); ret && g.Key.IsRequestLocal() {
			use = instr // the middleware ends the request's frame after the handler returns
			return false
		}
		return true
	})
	return use
}

// usesLocal reports whether instr uses the Local with key k: an operand of
// Local type with that key (other than plain loads and copies), a closure
// capturing the variable, or a call of a helper that begins or ends its
// frame (s.Step() for a method running a frame of s.l).
func usesLocal(m *goroutines.Model, instr ssa.Instruction, k framecore.LocalKey) bool {
	switch instr.(type) {
	case *ssa.DebugRef, *ssa.Phi, *ssa.ChangeType:
		return false
	case *ssa.UnOp:
		return false
	}
	if ci, ok := instr.(ssa.CallInstruction); ok {
		if slices.Contains(m.Core.EndsFrame(ci), k) || slices.Contains(m.Core.BeginsFrame(ci), k) {
			return true
		}
	}
	var buf [8]*ssa.Value
	for _, op := range instr.Operands(buf[:0]) {
		v := *op
		if v == nil {
			continue
		}
		if m.IsLocal(v.Type()) && framecore.HandleKey(v) == k {
			return true
		}
		if mc, ok := instr.(*ssa.MakeClosure); ok && v != mc.Fn {
			if pt, ok := v.Type().Underlying().(*types.Pointer); ok && m.IsLocal(pt.Elem()) && framecore.HandleKeyAt(v) == k {
				return true
			}
		}
	}
	return false
}

// isWait reports whether a call waits for goroutines to finish.
func isWait(ci ssa.CallInstruction) bool {
	callee := ci.Common().StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return false
	}
	switch obj.FullName() {
	case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
		return true
	}
	return false
}
