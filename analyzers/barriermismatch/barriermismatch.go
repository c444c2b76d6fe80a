package barriermismatch

import (
	"fmt"
	"go/constant"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/framealloc/fa/analyzers/internal/allocapi"
	"github.com/framealloc/fa/analyzers/internal/check"
	"github.com/framealloc/fa/analyzers/internal/framecore"
	"github.com/framealloc/fa/analyzers/internal/goroutines"
)

// Analyzer is the FA202 barrier-mismatch check.
var Analyzer = check.New("FA202", run, goroutines.Analyzer)

func run(p *check.Pass) error {
	m := p.Goroutines()
	for _, fn := range p.Core.Funcs {
		for _, c := range m.Calls(fn, allocapi.OpNewFrameBarrier) {
			checkCount(p, m, fn, c)
		}
	}
	for _, l := range m.Launches {
		checkSignals(p, m, l)
	}
	return nil
}

// checkCount compares a NewFrameBarrier's constant count with the
// goroutines started with the barrier (plus the spawner if it signals).
func checkCount(p *check.Pass, m *goroutines.Model, fn *ssa.Function, c allocapi.Call) {
	call, ok := c.Instr.(*ssa.Call)
	if !ok || len(c.Args) != 1 {
		return
	}
	k, ok := c.Args[0].(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return
	}
	want, exact := constant.Int64Val(k.Value)
	if !exact {
		return
	}
	u, ok := barrierUses(m, call)
	if !ok {
		return
	}
	started := 0
	for _, l := range u.launches {
		if l.Count == goroutines.Unknown || handsOnBarrier(m, l) {
			return
		}
		started += l.Count
	}
	total := started
	if u.selfSignals {
		total++
	}
	if int64(total) == want {
		return
	}
	name := u.name
	if name == "" {
		name = goroutines.AssignedName(p.Files, call.Pos())
	}
	if name == "" {
		name = "made here"
	}
	msg := fmt.Sprintf("FrameBarrier %s is created for %d participants but %d %s started with it",
		name, want, started, plural(started, "goroutine is", "goroutines are"))
	if u.selfSignals {
		msg += " and the spawner signals it itself"
	}
	p.Reportf(call.Pos(), 0, "%s (%d in all)", msg, total)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type uses struct {
	launches    []*goroutines.Launch
	selfSignals bool
	name        string
}

// barrierUses follows the barrier made by call within its function: it
// may be kept in local variables, signalled, waited on, and given to
// launched goroutines; any other use (a field, a package-level variable,
// another function, a closure that is not started as a goroutine) makes
// the participants unknown and ok false.
func barrierUses(m *goroutines.Model, call *ssa.Call) (u uses, ok bool) {
	seenLaunch := map[*goroutines.Launch]bool{}
	addLaunch := func(l *goroutines.Launch) bool {
		if l == nil || isHelper(l) {
			return false
		}
		if !seenLaunch[l] {
			seenLaunch[l] = true
			u.launches = append(u.launches, l)
		}
		return true
	}
	values := []ssa.Value{call}
	cells := map[ssa.Value]bool{}
	for i := 0; i < len(values); i++ {
		v := values[i]
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if cells[ref.Addr] && ref.Val == call {
					continue // the variable's initialisation, seen from the cell
				}
				a, isAlloc := ref.Addr.(*ssa.Alloc)
				if v != call || ref.Val != call || !isAlloc {
					return u, false
				}
				if !cells[a] {
					cells[a] = true
					if u.name == "" {
						u.name = goroutines.Name(a)
					}
					values = append(values, a)
				}
			case *ssa.UnOp:
				if ref.Op != token.MUL || !cells[v] {
					return u, false
				}
				values = append(values, ref)
			case *ssa.MakeClosure:
				if !addLaunch(launchOf(m, ref)) {
					return u, false
				}
			case ssa.CallInstruction:
				if l := m.LaunchAt(ref); l != nil {
					if l.Site.Func == v || !slices.Contains(l.Site.Args, v) || !addLaunch(l) {
						return u, false
					}
					continue
				}
				cc, isAlloc := m.Core.API.Classify(ref)
				if !isAlloc || len(cc.Args) == 0 || cc.Args[0] != v || slices.Contains(cc.Args[1:], v) {
					return u, false
				}
				switch cc.Op {
				case allocapi.OpSignalFrameComplete:
					if _, isCall := ref.(*ssa.Call); !isCall {
						return u, false
					}
					u.selfSignals = true
				case allocapi.OpWaitAll:
				default:
					return u, false
				}
			default:
				return u, false
			}
		}
	}
	return u, true
}

// isHelper reports whether a launch goes through a helper function, which
// may start any number of goroutines.
func isHelper(l *goroutines.Launch) bool {
	return strings.HasPrefix(l.Site.Via, "helper ")
}

// launchOf returns the launch that starts the func literal mc, when mc is
// used by nothing else.
func launchOf(m *goroutines.Model, mc *ssa.MakeClosure) *goroutines.Launch {
	var launch *goroutines.Launch
	for _, ref := range *mc.Referrers() {
		if _, ok := ref.(*ssa.DebugRef); ok {
			continue
		}
		l := m.LaunchAt(ref)
		if l == nil || l.Site.Func != mc || launch != nil && launch != l {
			return nil
		}
		launch = l
	}
	return launch
}

// handsOnBarrier reports whether the goroutine of launch l may hand a
// barrier on to other goroutines (or is not visible), so that the
// participants cannot be counted.
func handsOnBarrier(m *goroutines.Model, l *goroutines.Launch) bool {
	if l.Body == nil {
		return false
	}
	for _, fn := range append([]*ssa.Function{l.Body}, nested(l.Body)...) {
		for _, inner := range m.Spawned(fn) {
			if len(m.Barriers(inner)) > 0 {
				return true
			}
		}
	}
	return false
}

func nested(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, anon := range fn.AnonFuncs {
		out = append(out, anon)
		out = append(out, nested(anon)...)
	}
	return out
}

// checkSignals reports a goroutine that runs a frame loop with a barrier
// it was given and never signals it.
func checkSignals(p *check.Pass, m *goroutines.Model, l *goroutines.Launch) {
	if l.Body == nil || !m.RunsFrameLoop(l.Body) {
		return
	}
	for _, g := range m.Barriers(l) {
		if g.Inner == nil {
			continue
		}
		if signals, known := signalsInner(m, l.Body, g); known && !signals {
			name := goroutines.GivenName(p.Files, l, g)
			if name == "" {
				name = "b"
			}
			p.Reportf(l.Pos(), 0, "goroutine runs a frame loop with FrameBarrier %s but never signals it (SignalFrameComplete): the other participants' WaitAll never returns", name)
			return
		}
	}
}

// signalsInner reports whether body signals the barrier it receives as g
// (directly or through helpers); known is false when the barrier goes
// somewhere the check cannot follow.
func signalsInner(m *goroutines.Model, body *ssa.Function, g goroutines.Given) (signals, known bool) {
	values := []ssa.Value{g.Inner}
	seen := map[ssa.Value]bool{g.Inner: true}
	keys := map[framecore.LocalKey]bool{}
	if g.Captured {
		keys[framecore.HandleKeyAt(g.Inner)] = true
	} else {
		keys[framecore.HandleKey(g.Inner)] = true
	}
	for i := 0; i < len(values); i++ {
		v := values[i]
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if ref.Op != token.MUL || !(g.Captured && v == g.Inner || cellOf(v)) {
					return false, false
				}
				if !seen[ref] {
					seen[ref] = true
					values = append(values, ref)
				}
			case *ssa.Store:
				a, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != v || ref.Val == ref.Addr {
					return false, false
				}
				keys[framecore.HandleKeyAt(a)] = true
				if !seen[a] {
					seen[a] = true
					values = append(values, a)
				}
			case ssa.CallInstruction:
				if ref.Common().IsInvoke() || ref.Common().StaticCallee() == nil {
					return false, false
				}
				if _, ok := ref.(*ssa.Call); !ok {
					return false, false
				}
				for _, k := range m.Core.SignalsBarrier(ref) {
					if keys[k] {
						signals = true
					}
				}
			default:
				// A nested closure, an interface, a send, a field...
				return false, false
			}
		}
	}
	return signals, true
}

// cellOf reports whether v is a local variable's cell.
func cellOf(v ssa.Value) bool {
	_, ok := v.(*ssa.Alloc)
	return ok
}
