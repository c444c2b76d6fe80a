package goroutines

import (
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Loop is a natural loop of a function's CFG.
type Loop struct {
	Header  *ssa.BasicBlock
	Blocks  map[*ssa.BasicBlock]bool
	Latches []*ssa.BasicBlock // blocks with a back edge to Header
}

// Loops returns the natural loops of fn (one per header), innermost last
// among loops that nest.
func (m *Model) Loops(fn *ssa.Function) []*Loop {
	m.mu.Lock()
	defer m.mu.Unlock()
	if lps, ok := m.loops[fn]; ok {
		return lps
	}
	byHeader := map[*ssa.BasicBlock]*Loop{}
	var lps []*Loop
	for _, b := range fn.Blocks {
		for _, s := range b.Succs {
			if !s.Dominates(b) {
				continue
			}
			lp := byHeader[s]
			if lp == nil {
				lp = &Loop{Header: s, Blocks: map[*ssa.BasicBlock]bool{s: true}}
				byHeader[s] = lp
				lps = append(lps, lp)
			}
			lp.Latches = append(lp.Latches, b)
			// Blocks reaching the latch without passing the header.
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if lp.Blocks[x] {
					continue
				}
				lp.Blocks[x] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	// Outer loops (more blocks) first.
	slices.SortStableFunc(lps, func(a, b *Loop) int { return len(b.Blocks) - len(a.Blocks) })
	m.loops[fn] = lps
	return lps
}

// LoopsAround returns the loops containing b, outermost first.
func (m *Model) LoopsAround(b *ssa.BasicBlock) []*Loop {
	var out []*Loop
	for _, lp := range m.Loops(b.Parent()) {
		if lp.Blocks[b] {
			out = append(out, lp)
		}
	}
	return out
}

// InLoop reports whether b is inside a loop of its function.
func (m *Model) InLoop(b *ssa.BasicBlock) bool { return len(m.LoopsAround(b)) > 0 }

// count returns how many times block b runs per execution of fn, when
// that is static: b runs on every path through the function (or every
// iteration of each loop around it) and each loop around it has a
// constant trip count.
func (m *Model) count(fn *ssa.Function, b *ssa.BasicBlock) int {
	around := m.LoopsAround(b)
	// At the function level: the outermost loop's header (or b) is reached
	// on every path from the entry to a return.
	target := b
	if len(around) > 0 {
		target = around[0].Header
	}
	if !m.onEveryPath(fn.Blocks[0], target, nil) {
		return Unknown
	}
	n := 1
	for i, lp := range around {
		inner := b
		if i+1 < len(around) {
			inner = around[i+1].Header
		}
		if inner != lp.Header && !m.onEveryPath(lp.Header, inner, lp) {
			return Unknown
		}
		trips := tripCount(lp)
		if trips <= 0 {
			return Unknown
		}
		n *= trips
	}
	return n
}

// onEveryPath reports whether every path from start reaches target: when
// lp is nil, before any return; within loop lp, before leaving the loop
// or going around it again. Branches on constant conditions follow the
// taken edge only.
func (m *Model) onEveryPath(start, target *ssa.BasicBlock, lp *Loop) bool {
	if start == target {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{start: true}
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		succs := takenSuccs(x)
		if lp == nil && len(x.Succs) == 0 {
			if _, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
				return false
			}
		}
		for _, s := range succs {
			if s == target || seen[s] {
				continue
			}
			if lp != nil {
				if s == lp.Header || !lp.Blocks[s] {
					// Around the loop again or out of it without target.
					if !(x == lp.Header && !lp.Blocks[s]) {
						return false
					}
					continue
				}
			}
			seen[s] = true
			stack = append(stack, s)
		}
	}
	return true
}

// takenSuccs returns the successors of b, only the taken one when b ends
// in a branch on a constant comparison.
func takenSuccs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(b.Instrs) == 0 {
		return b.Succs
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || len(b.Succs) != 2 {
		return b.Succs
	}
	if v, ok := constBool(iff.Cond); ok {
		if v {
			return b.Succs[:1]
		}
		return b.Succs[1:]
	}
	return b.Succs
}

func constBool(v ssa.Value) (bool, bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.BinOp:
		x, ok1 := v.X.(*ssa.Const)
		y, ok2 := v.Y.(*ssa.Const)
		if ok1 && ok2 && x.Value != nil && y.Value != nil {
			switch v.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
				return constant.Compare(x.Value, v.Op, y.Value), true
			}
		}
	}
	return false, false
}

// tripCount returns the constant number of iterations of lp, or 0 when it
// is not static: lp must leave only through one branch comparing an
// induction variable (counting up by one from a constant, held in a phi
// or, for a captured loop variable, in per-iteration cells) with a
// constant.
func tripCount(lp *Loop) int {
	var exit *ssa.If
	for b := range lp.Blocks {
		for _, s := range b.Succs {
			if lp.Blocks[s] {
				continue
			}
			iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok || exit != nil && exit != iff {
				return 0
			}
			if len(b.Succs) != 2 || !lp.Blocks[b.Succs[0]] || b.Succs[1] != s {
				return 0
			}
			exit = iff
		}
	}
	if exit == nil {
		return 0
	}
	cmp, ok := exit.Cond.(*ssa.BinOp)
	if !ok {
		return 0
	}
	limit, ok := intConst(cmp.Y)
	if !ok {
		return 0
	}
	first, ok := induction(lp, cmp.X)
	if !ok {
		return 0
	}
	// first is the value compared on the first test: the body runs while
	// the test holds, plus once before the first test when the loop is
	// tested at the bottom (range over an int).
	var n int64
	switch cmp.Op {
	case token.LSS, token.NEQ:
		n = limit - first
	case token.LEQ:
		n = limit - first + 1
	default:
		return 0
	}
	if slices.Contains(lp.Latches, exit.Block()) {
		n++
	}
	if n <= 0 || n > 1<<20 {
		return 0
	}
	return int(n)
}

func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// induction recognises x as the loop's induction variable (before or
// after its increment by one) and returns the value x has on the loop's
// first test: the initial value, plus one when x is the incremented value
// (a range over an array or slice counts from -1, a range over an int
// tests the incremented value at the bottom).
func induction(lp *Loop, x ssa.Value) (int64, bool) {
	offset := int64(0)
	if add, ok := x.(*ssa.BinOp); ok && add.Op == token.ADD {
		if one, ok := intConst(add.Y); ok && one == 1 {
			x, offset = add.X, 1
		} else {
			return 0, false
		}
	}
	load := false
	if u, ok := x.(*ssa.UnOp); ok && u.Op == token.MUL {
		x, load = u.X, true
	}
	phi, ok := x.(*ssa.Phi)
	if !ok || phi.Block() != lp.Header || len(phi.Edges) != 2 {
		return 0, false
	}
	var start int64
	haveStart, haveStep := false, false
	for i, e := range phi.Edges {
		pred := phi.Block().Preds[i]
		if !lp.Blocks[pred] {
			v := e
			if load {
				v = storedOnce(e)
			}
			start, haveStart = intConst(v)
			continue
		}
		if load {
			haveStep = cellIncrements(e)
		} else if add, ok := e.(*ssa.BinOp); ok && add.Op == token.ADD && add.X == phi {
			one, ok := intConst(add.Y)
			haveStep = ok && one == 1
		}
	}
	return start + offset, haveStart && haveStep
}

// storedOnce returns the value stored into cell when it is stored once,
// or nil.
func storedOnce(cell ssa.Value) ssa.Value {
	var val ssa.Value
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			if val != nil {
				return nil
			}
			val = st.Val
		}
	}
	return val
}

// cellIncrements reports whether the per-iteration cell of a loop variable
// is incremented by one (the Go 1.22 copy-then-increment sequence).
func cellIncrements(cell ssa.Value) bool {
	inc := false
	for _, ref := range *cell.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		if add, ok := st.Val.(*ssa.BinOp); ok && add.Op == token.ADD {
			if u, ok := add.X.(*ssa.UnOp); ok && u.Op == token.MUL && u.X == cell {
				if one, ok := intConst(add.Y); ok && one == 1 {
					inc = true
					continue
				}
			}
			return false
		}
	}
	return inc
}

// ReachableAfter calls visit for every instruction that may run after
// instr in its function (later in its block, then in successor blocks,
// around loops back to instr's block), once each. visit returns false to
// stop the path through that instruction.
func ReachableAfter(instr ssa.Instruction, visit func(ssa.Instruction) bool) {
	b := instr.Block()
	idx := slices.Index(b.Instrs, instr)
	seen := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	walk := func(instrs []ssa.Instruction, blk *ssa.BasicBlock) {
		for _, in := range instrs {
			if !visit(in) {
				return
			}
		}
		stack = append(stack, blk.Succs...)
	}
	walk(b.Instrs[idx+1:], b)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		walk(x.Instrs, x)
	}
}
