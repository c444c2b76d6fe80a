package lint

import (
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines around each change in a
// unified diff, as diff -u prints.
const diffContext = 3

// unifiedDiff returns the unified diff (diff -u format, a/ and b/
// prefixes as git prints them) that turns a into b: one hunk per group of
// changes closer than twice the context, so fixes far apart in one file
// are separate hunks.
func unifiedDiff(name, a, b string) string {
	if a == b {
		return ""
	}
	al, bl := splitLines(a), splitLines(b)
	ops := lineDiff(al, bl)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", name, name)
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			i++
			continue
		}
		// A hunk from the context before this change to the context after
		// the last change that follows within 2*diffContext equal lines.
		start := i
		for start > 0 && ops[start-1].kind == opEqual && i-start < diffContext {
			start--
		}
		end := i
		for {
			for end < len(ops) && ops[end].kind != opEqual {
				end++
			}
			run := end
			for run < len(ops) && ops[run].kind == opEqual {
				run++
			}
			if run == len(ops) || run-end > 2*diffContext {
				end = min(end+diffContext, run)
				break
			}
			end = run
		}
		h := ops[start:end]
		aStart, bStart := h[0].a, h[0].b
		var aLen, bLen int
		for _, op := range h {
			if op.kind != opInsert {
				aLen++
			}
			if op.kind != opDelete {
				bLen++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, op := range h {
			switch op.kind {
			case opEqual:
				sb.WriteString(" " + al[op.a] + "\n")
			case opDelete:
				sb.WriteString("-" + al[op.a] + "\n")
			case opInsert:
				sb.WriteString("+" + bl[op.b] + "\n")
			}
		}
		i = end
	}
	return sb.String()
}

// hunkRange renders a hunk's line range: the first line (1-based; for an
// empty range, the line before it) and the count.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

type opKind uint8

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// lineOp is one line of an edit script: a line of a kept (opEqual) or
// deleted, or a line of b inserted. a and b are the positions in each
// input the op is at.
type lineOp struct {
	kind opKind
	a, b int
}

// lineDiff returns a shortest edit script from a to b (Myers' O((N+M)D)
// algorithm), deletions before insertions within a change.
func lineDiff(a, b []string) []lineOp {
	n, m := len(a), len(b)
	total := n + m
	off := total + 1
	v := make([]int, 2*total+3)
	var trace [][]int
	for d := 0; d <= total; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return grouped(backtrack(trace, off, n, m, d))
			}
		}
	}
	return nil // unreachable: d = n+m always reaches the end
}

// backtrack walks the saved frontiers of lineDiff back from (n, m).
func backtrack(trace [][]int, off, n, m, d int) []lineOp {
	var rev []lineOp
	x, y := n, m
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		px := v[off+prevK]
		py := px - prevK
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, lineOp{opEqual, x, y})
		}
		if x == px {
			y--
			rev = append(rev, lineOp{opInsert, x, y})
		} else {
			x--
			rev = append(rev, lineOp{opDelete, x, y})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, lineOp{opEqual, x, y})
	}
	ops := make([]lineOp, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return ops
}

// grouped reorders each run of changes so that its deletions come before
// its insertions, as diff -u prints them.
func grouped(ops []lineOp) []lineOp {
	out := make([]lineOp, 0, len(ops))
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			out = append(out, ops[i])
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].kind != opEqual {
			j++
		}
		// Positions of a run: deletions keep their a positions; every
		// insertion in the run is at the a position where the run ends.
		aEnd := ops[i].a
		bStart := ops[i].b
		for _, op := range ops[i:j] {
			if op.kind == opDelete {
				out = append(out, lineOp{opDelete, op.a, bStart})
				aEnd = op.a + 1
			}
		}
		for _, op := range ops[i:j] {
			if op.kind == opInsert {
				out = append(out, lineOp{opInsert, aEnd, op.b})
			}
		}
		i = j
	}
	return out
}
