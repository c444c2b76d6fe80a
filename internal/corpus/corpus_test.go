package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var raise = flag.Bool("corpus.raise", false, "raise testdata/corpus/thresholds.json to the values measured (never lowers a threshold)")

// minCases is how many want and how many clean annotations the corpus holds
// at least for every code.
const minCases = 8

// TestCorpus runs fa on every corpus module as a user would (the built
// command, --format json, in the module's directory), logs the per-code
// table and the failing cases, and fails when a measured precision or recall
// falls below testdata/corpus/thresholds.json.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fa and analyses every corpus module")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "testdata", "corpus")
	mods, err := filepath.Glob(filepath.Join(dir, "*", "go.mod"))
	if err != nil || len(mods) == 0 {
		t.Fatalf("no corpus modules in %s (%v)", dir, err)
	}
	bin := buildFa(t, root)

	var cases []Case
	want, clean := map[string]int{}, map[string]int{}
	for _, gomod := range mods {
		mdir := filepath.Dir(gomod)
		m, err := Load(mdir)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(mdir) == AmbiguousModule {
			logAmbiguous(t, bin, m)
			continue
		}
		for k := range m.Want {
			want[k.Code]++
		}
		for k := range m.Clean {
			clean[k.Code]++
		}
		ds, err := runFa(bin, mdir)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(mdir), err)
		}
		cases = append(cases, Score(m, ds)...)
	}
	for _, c := range Codes() {
		if want[c] < minCases || clean[c] < minCases {
			t.Errorf("corpus: %s has %d want and %d clean cases, want at least %d of each", c, want[c], clean[c], minCases)
		}
	}

	table := Tabulate(cases)
	t.Log("corpus: per-code results\n" + table.String())
	var failing strings.Builder
	for _, c := range cases {
		if c.Outcome != FalsePositive && c.Outcome != FalseNegative {
			continue
		}
		note := ""
		if c.Outcome == FalsePositive && !c.Clean {
			note = " (line not annotated)"
		}
		fmt.Fprintf(&failing, "%s %s %s/%s:%d%s: %s\n", c.Key.Code, c.Outcome, c.Module, c.Key.File, c.Key.Line, note, c.Text)
	}
	if failing.Len() > 0 {
		t.Log("corpus: failing cases\n" + failing.String())
	}

	thPath := filepath.Join(dir, "thresholds.json")
	th, err := LoadThresholds(thPath)
	if err != nil {
		t.Fatal(err)
	}
	if *raise {
		data, err := json.MarshalIndent(th.Raise(table), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(thPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("corpus: raised %s", thPath)
		return
	}
	for _, f := range th.Check(table) {
		t.Errorf("corpus: %s (threshold in %s)", f, thPath)
	}
}

// logAmbiguous logs what fa reports on the cases the contract leaves open.
func logAmbiguous(t *testing.T, bin string, m *Module) {
	t.Helper()
	ds, err := runFa(bin, m.Dir)
	if err != nil {
		t.Fatalf("%s: %v", AmbiguousModule, err)
	}
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s %s/%s:%d: %s\n", d.Code, AmbiguousModule, d.File, d.Line, m.Text(d.File, d.Line))
	}
	t.Logf("corpus: not scored, reported on the undecided cases of %s/\n%s", AmbiguousModule, b.String())
}

// buildFa builds cmd/fa of the repository at root into a temporary folder.
func buildFa(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fa")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/fa")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/fa: %v\n%s", err, out)
	}
	return bin
}

// runFa runs fa with every check in dir. The corpus modules are not part of
// any workspace, hence GOWORK=off.
func runFa(bin, dir string) ([]Diagnostic, error) {
	cmd := exec.Command(bin, "--all", "--min-severity", "hint", "--format", "json", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("fa: %w\n%s", err, stderr.String())
	}
	return ParseReport(stdout.Bytes())
}

func TestLoadAndScore(t *testing.T) {
	dir := t.TempDir()
	src := `package p

func f() {
	a := 1 //corpus:want FA601 FA602 //corpus:clean FA605
	_ = a  //corpus:clean FA606
	// corpus:want FA703
}
`
	if err := os.MkdirAll(filepath.Join(dir, "sub", "ambiguous"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"p.go", "sub/ambiguous/q.go"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Want) != 3 || len(m.Clean) != 2 {
		t.Fatalf("want %v clean %v, want 3 wanted and 2 clean places (ambiguous/ skipped)", m.Want, m.Clean)
	}
	if !m.Want[Key{"p.go", 4, "FA602"}] || !m.Clean[Key{"p.go", 4, "FA605"}] || !m.Want[Key{"p.go", 6, "FA703"}] {
		t.Fatalf("annotations misread: want %v clean %v", m.Want, m.Clean)
	}
	ds := []Diagnostic{
		{"FA601", "p.go", 4}, {"FA601", "p.go", 4}, // duplicate counts once
		{"FA605", "p.go", 4},               // on a clean line
		{"FA606", "p.go", 7},               // on no annotation
		{"FA601", "sub/ambiguous/q.go", 4}, // ignored
	}
	tab := Tabulate(Score(m, ds))
	got := map[string]Row{}
	for _, r := range tab.Codes {
		got[r.Name] = r
	}
	check := func(code string, tp, fp, fn, tn int) {
		t.Helper()
		r := got[code]
		if r.TP != tp || r.FP != fp || r.FN != fn || r.TN != tn {
			t.Errorf("%s: got TP %d FP %d FN %d TN %d, want %d %d %d %d", code, r.TP, r.FP, r.FN, r.TN, tp, fp, fn, tn)
		}
	}
	check("FA601", 1, 0, 0, 0)
	check("FA602", 0, 0, 1, 0)
	check("FA605", 0, 1, 0, 0)
	check("FA606", 0, 1, 0, 1)
	check("FA703", 0, 0, 1, 0)
	if tab.Lifetime.TP != 1 || tab.Lifetime.FP != 2 || tab.Lifetime.FN != 1 || tab.All.FN != 2 {
		t.Errorf("totals: lifetime %+v all %+v", tab.Lifetime, tab.All)
	}
	if p := tab.Lifetime.Precision(); p < 0.333 || p > 0.334 {
		t.Errorf("lifetime precision %v, want 1/3", p)
	}
}

func TestLoadRejectsBadAnnotations(t *testing.T) {
	for _, line := range []string{
		"//corpus:wnat FA601",
		"//corpus:want FA999",
		"//corpus:want FA601 //corpus:clean FA601",
	} {
		dir := t.TempDir()
		src := "package p\n\nvar x = 1 " + line + "\n"
		if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(dir); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
}

func TestThresholds(t *testing.T) {
	tab := Tabulate([]Case{
		{Key: Key{Code: "FA601"}, Outcome: TruePositive},
		{Key: Key{Code: "FA601"}, Outcome: FalseNegative},
		{Key: Key{Code: "FA201"}, Outcome: FalsePositive},
		{Key: Key{Code: "FA201"}, Outcome: TruePositive},
		{Key: Key{Code: "FA201"}, Outcome: TruePositive},
	})
	th := Thresholds{Codes: map[string]Limit{}}
	for _, c := range Codes() {
		th.Codes[c] = Limit{}
	}
	th.Codes["FA601"] = Limit{Precision: 1, Recall: 0.5}
	th.Codes["FA201"] = Limit{Precision: 0.6, Recall: 1}
	if fails := th.Check(tab); len(fails) != 0 {
		t.Fatalf("unexpected failures %v", fails)
	}
	th.Codes["FA601"] = Limit{Recall: 0.51}
	th.All = Limit{Precision: 0.8}
	fails := th.Check(tab)
	if len(fails) != 2 || !strings.Contains(fails[0], "FA601 recall") || !strings.Contains(fails[1], "all precision") {
		t.Fatalf("failures %v, want FA601 recall and all precision", fails)
	}
	up := th.Raise(tab)
	if l := up.Codes["FA601"]; l.Precision != 1 || l.Recall != 0.51 {
		t.Errorf("raised FA601 %+v, want precision 1 and recall kept at 0.51", l)
	}
	if l := up.Codes["FA201"]; l.Precision != 0.666 || l.Recall != 1 {
		t.Errorf("raised FA201 %+v, want 0.666 and 1", l)
	}
}
