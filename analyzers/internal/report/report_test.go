package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func parse(t *testing.T, src string) (*token.FileSet, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	return fset, f
}

func posOfLine(fset *token.FileSet, f *ast.File, line int) token.Pos {
	return fset.File(f.Pos()).LineStart(line)
}

func TestSuppressions(t *testing.T) {
	src := `package x

var a int //fa:ignore FA601 cleared before EndFrame
//fa:ignore FA606,FA601 the frame is still open here
var b int
var c int
//fa:ignore frame-escape named by kebab name
var d int
//fa:file-ignore FA602 loops here are bounded by design
`
	fset, f := parse(t, src)
	s := ParseSuppressions(fset, []*ast.File{f})
	if len(s.Problems) != 0 {
		t.Fatalf("unexpected problems: %+v", s.Problems)
	}
	cases := []struct {
		code string
		line int
		want bool
	}{
		{"FA601", 3, true},  // same line
		{"FA606", 3, false}, // other code
		{"FA606", 5, true},  // line above, list
		{"FA601", 5, true},
		{"FA601", 6, false}, // two lines below
		{"FA601", 8, true},  // kebab name
		{"FA602", 4, true},  // file-wide
		{"FA603", 4, false},
	}
	for _, c := range cases {
		if got := s.Suppressed(c.code, posOfLine(fset, f, c.line)); got != c.want {
			t.Errorf("Suppressed(%s, line %d) = %v, want %v", c.code, c.line, got, c.want)
		}
	}
}

func TestInvalidSuppressions(t *testing.T) {
	src := `package x

//fa:ignore FA601
var a int
//fa:ignore FA999 no such code
var b int
//fa:ignore
var c int
//fa:file-ignore because I said so
var d int
// fa:ignore is mentioned in prose here, which is fine: fa:ignore
`
	fset, f := parse(t, src)
	s := ParseSuppressions(fset, []*ast.File{f})
	want := []string{"has no reason", "unknown code FA999", "names no code", "names no code"}
	if len(s.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d: %+v", len(s.Problems), len(want), s.Problems)
	}
	for i, p := range s.Problems {
		if p.Code != InvalidSuppression || !strings.Contains(p.Message, want[i]) {
			t.Errorf("problem %d = %s %q, want %s containing %q", i, p.Code, p.Message, InvalidSuppression, want[i])
		}
	}
	// A malformed directive suppresses nothing.
	if s.Suppressed("FA601", posOfLine(fset, f, 4)) {
		t.Error("a suppression without a reason must not suppress")
	}
}

func TestCallStart(t *testing.T) {
	src := `package x

func f() {
	w.arb.Update(info, g(1))
	x := 1
	y := b.
		Build()
}
`
	fset, f := parse(t, src)
	line := fset.File(f.Pos()).LineStart(4)
	col := func(p token.Pos) int { return fset.Position(p).Column }
	update := line + token.Pos(strings.Index("\tw.arb.Update(info, g(1))", "("))
	pos, end := callStart(fset, []*ast.File{f}, update, token.NoPos)
	if col(pos) != 2 || col(end) != 26 {
		t.Errorf("outer call: columns %d-%d, want 2-26", col(pos), col(end))
	}
	inner := line + token.Pos(strings.Index("\tw.arb.Update(info, g(1))", "g(")+1)
	if pos, _ := callStart(fset, []*ast.File{f}, inner, token.NoPos); col(pos) != 21 {
		t.Errorf("inner call: column %d, want 21", col(pos))
	}
	// A call whose expression starts on an earlier line keeps its line.
	chain := fset.File(f.Pos()).LineStart(7) + token.Pos(strings.Index("\t\tBuild()", "("))
	if pos, _ := callStart(fset, []*ast.File{f}, chain, token.NoPos); pos != chain {
		t.Errorf("multi-line chain moved to line %d", fset.Position(pos).Line)
	}
	// Not a call's parenthesis: unchanged, and an end already set is kept.
	other := fset.File(f.Pos()).LineStart(5) + 1
	if pos, end := callStart(fset, []*ast.File{f}, other, other+1); pos != other || end != other+1 {
		t.Errorf("non-call position moved: %v %v", pos, end)
	}
}
