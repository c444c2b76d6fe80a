package lint

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// apply rebuilds b from a and an edit script, failing on a script that
// does not fit a.
func apply(t *testing.T, a, b []string, ops []lineOp) []string {
	t.Helper()
	var out []string
	ai := 0
	for _, op := range ops {
		switch op.kind {
		case opEqual:
			if op.a != ai || a[op.a] != b[op.b] {
				t.Fatalf("equal op %+v out of step (at a[%d])", op, ai)
			}
			out = append(out, a[op.a])
			ai++
		case opDelete:
			if op.a != ai {
				t.Fatalf("delete op %+v out of step (at a[%d])", op, ai)
			}
			ai++
		case opInsert:
			out = append(out, b[op.b])
		}
	}
	if ai != len(a) {
		t.Fatalf("script consumed %d of %d lines", ai, len(a))
	}
	return out
}

// lcs is the length of a longest common subsequence, by dynamic
// programming: a shortest script has len(a)+len(b)-2*lcs changes.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestLineDiffShortestAndCorrect(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c", "d"}
	gen := func() []string {
		s := make([]string, r.IntN(12))
		for i := range s {
			s[i] = alphabet[r.IntN(len(alphabet))]
		}
		return s
	}
	for range 2000 {
		a, b := gen(), gen()
		ops := lineDiff(a, b)
		if got := apply(t, a, b, ops); strings.Join(got, "\n") != strings.Join(b, "\n") {
			t.Fatalf("diff %q -> %q rebuilt %q", a, b, got)
		}
		changes := 0
		for _, op := range ops {
			if op.kind != opEqual {
				changes++
			}
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changes != want {
			t.Fatalf("diff %q -> %q: %d changes, shortest is %d", a, b, changes, want)
		}
	}
}

func TestUnifiedDiffSeparateHunks(t *testing.T) {
	var a []string
	for i := 1; i <= 30; i++ {
		a = append(a, "line "+string(rune('A'+i%26))+strings.Repeat("x", i))
	}
	b := append([]string(nil), a...)
	b[2] = "changed near the top"
	b[25] = "changed near the end"
	b = append(b[:10:10], append([]string{"inserted"}, b[10:]...)...)
	got := unifiedDiff("f.go", strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
	// Hunk headers as GNU diff -u prints them for these inputs: the
	// changes are more than 2*3 lines apart, so each has its own hunk.
	if n := strings.Count(got, "\n@@ "); n != 3 {
		t.Errorf("want 3 hunks, got %d:\n%s", n, got)
	}
	for _, want := range []string{
		"--- a/f.go\n+++ b/f.go\n",
		"@@ -1,6 +1,6 @@\n",
		"@@ -8,6 +8,7 @@\n",
		"-" + a[2] + "\n+changed near the top\n",
		"+inserted\n",
		"@@ -23,7 +24,7 @@\n",
		"-" + a[25] + "\n+changed near the end\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diff lacks %q:\n%s", want, got)
		}
	}
	if unifiedDiff("f.go", "same\n", "same\n") != "" {
		t.Error("equal inputs gave a diff")
	}
	if got := unifiedDiff("f.go", "", "new\n"); !strings.Contains(got, "@@ -0,0 +1,1 @@\n+new\n") {
		t.Errorf("diff from empty:\n%s", got)
	}
}
