// Package corpus scores fa against the independent evaluation corpus in
// testdata/corpus: Go modules written from the design contract alone, whose
// lines say which diagnostics the contract requires there
// (//corpus:want FA601) and which it forbids (//corpus:clean FA601).
//
// An annotation sits on the line where the contract says the diagnostic
// points. A line may carry several codes and both kinds:
//
//	w.last = p //corpus:want FA605 //corpus:clean FA601
//
// The module named "ambiguous", and files below a directory named
// "ambiguous" in any module, hold cases the contract does not decide; they
// are never scored.
//
// Scoring matches fa's diagnostics to annotations by file, line and code: a
// diagnostic on a want line is a true positive, any other diagnostic a false
// positive, a want line without its diagnostic a false negative and a clean
// line without one a true negative.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Codes returns the contract's diagnostic codes in order.
func Codes() []string {
	return []string{
		"FA201", "FA202", "FA203", "FA204", "FA205", "FA206",
		"FA301", "FA302",
		"FA601", "FA602", "FA603", "FA604", "FA605", "FA606",
		"FA701", "FA702", "FA703",
		"FA801", "FA802", "FA803",
	}
}

// IsLifetime reports whether code is one of the lifetime codes (FA6xx).
func IsLifetime(code string) bool { return strings.HasPrefix(code, "FA6") }

// Key identifies one diagnosable place: a line of a file (slash path
// relative to the module directory) and a code.
type Key struct {
	File string
	Line int
	Code string
}

func (k Key) String() string { return fmt.Sprintf("%s:%d %s", k.File, k.Line, k.Code) }

// Module is one corpus module and its annotations.
type Module struct {
	Dir   string       // directory holding go.mod
	Want  map[Key]bool // diagnostics the contract requires
	Clean map[Key]bool // diagnostics the contract forbids
	lines map[string][]string
}

var (
	annotationRE = regexp.MustCompile(`corpus:(want|clean)((?:[ \t,]+FA[0-9]{3})+)`)
	anyRE        = regexp.MustCompile(`corpus:[A-Za-z]*`)
	codeRE       = regexp.MustCompile(`FA[0-9]{3}`)
)

// AmbiguousModule is the corpus module holding the cases the contract does
// not decide: it is analysed and its diagnostics logged, never scored.
const AmbiguousModule = "ambiguous"

// Ambiguous reports whether a slash path relative to a module lies below a
// directory named "ambiguous".
func Ambiguous(rel string) bool {
	return slices.Contains(strings.Split(path.Dir(rel), "/"), "ambiguous")
}

// Load reads the annotations of the module in dir.
func Load(dir string) (*Module, error) {
	m := &Module{Dir: dir, Want: map[Key]bool{}, Clean: map[Key]bool{}, lines: map[string][]string{}}
	known := map[string]bool{}
	for _, c := range Codes() {
		known[c] = true
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if Ambiguous(rel) {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return m.parseFile(rel, src, known)
	})
	if err != nil {
		return nil, fmt.Errorf("corpus module %s: %w", dir, err)
	}
	return m, nil
}

func (m *Module) parseFile(rel string, src []byte, known map[string]bool) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, rel, src, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, g := range f.Comments {
		for _, c := range g.List {
			line := fset.Position(c.Slash).Line
			for _, w := range anyRE.FindAllString(c.Text, -1) {
				if w != "corpus:want" && w != "corpus:clean" {
					return fmt.Errorf("%s:%d: unknown annotation %q", rel, line, w)
				}
			}
			for _, sub := range annotationRE.FindAllStringSubmatch(c.Text, -1) {
				into, other := m.Want, m.Clean
				if sub[1] == "clean" {
					into, other = m.Clean, m.Want
				}
				for _, code := range codeRE.FindAllString(sub[2], -1) {
					if !known[code] {
						return fmt.Errorf("%s:%d: unknown code %s", rel, line, code)
					}
					k := Key{rel, line, code}
					if other[k] {
						return fmt.Errorf("%s:%d: %s is both wanted and clean", rel, line, code)
					}
					into[k] = true
				}
			}
		}
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	m.lines[rel] = lines
	return sc.Err()
}

// Text returns the source of a line of a module file, trimmed of blanks.
func (m *Module) Text(file string, line int) string {
	ls := m.lines[file]
	if line < 1 || line > len(ls) {
		return ""
	}
	return strings.TrimSpace(ls[line-1])
}

// Diagnostic is what the scorer reads of one diagnostic of fa's JSON output
// (DESIGN.md §4, schema version 1).
type Diagnostic struct {
	Code string `json:"code"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// ParseReport decodes fa's JSON report.
func ParseReport(data []byte) ([]Diagnostic, error) {
	var r struct {
		Version     int          `json:"version"`
		Diagnostics []Diagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("fa's JSON report: %w", err)
	}
	if r.Version != 1 {
		return nil, fmt.Errorf("fa's JSON report: version %d, want 1", r.Version)
	}
	return r.Diagnostics, nil
}

// Outcome is how one scored place came out.
type Outcome int

// The outcomes of a scored place.
const (
	TruePositive Outcome = iota
	FalsePositive
	FalseNegative
	TrueNegative
)

func (o Outcome) String() string {
	return [...]string{"TP", "FP", "FN", "TN"}[o]
}

// Case is one scored place of a module.
type Case struct {
	Module  string // module directory name
	Key     Key
	Outcome Outcome
	Clean   bool   // the line is annotated clean for this code (false positives)
	Text    string // the source line
}

// Score matches a module's diagnostics to its annotations. Diagnostics in
// ambiguous files are ignored; duplicates count once.
func Score(m *Module, ds []Diagnostic) []Case {
	name := filepath.Base(m.Dir)
	seen := map[Key]bool{}
	var out []Case
	for _, d := range ds {
		k := Key{filepath.ToSlash(d.File), d.Line, d.Code}
		if Ambiguous(k.File) || seen[k] {
			continue
		}
		seen[k] = true
		o := FalsePositive
		if m.Want[k] {
			o = TruePositive
		}
		out = append(out, Case{name, k, o, m.Clean[k], m.Text(k.File, k.Line)})
	}
	for k := range m.Want {
		if !seen[k] {
			out = append(out, Case{name, k, FalseNegative, false, m.Text(k.File, k.Line)})
		}
	}
	for k := range m.Clean {
		if !seen[k] {
			out = append(out, Case{name, k, TrueNegative, true, m.Text(k.File, k.Line)})
		}
	}
	slices.SortFunc(out, compareCases)
	return out
}

func compareCases(a, b Case) int {
	if c := strings.Compare(a.Key.Code, b.Key.Code); c != 0 {
		return c
	}
	if c := strings.Compare(a.Module, b.Module); c != 0 {
		return c
	}
	if c := strings.Compare(a.Key.File, b.Key.File); c != 0 {
		return c
	}
	return a.Key.Line - b.Key.Line
}

// Row counts the outcomes of one code or group of codes.
type Row struct {
	Name           string
	TP, FP, FN, TN int
}

// Precision is TP/(TP+FP), 1 when nothing was reported.
func (r Row) Precision() float64 {
	if r.TP+r.FP == 0 {
		return 1
	}
	return float64(r.TP) / float64(r.TP+r.FP)
}

// Recall is TP/(TP+FN), 1 when nothing was wanted.
func (r Row) Recall() float64 {
	if r.TP+r.FN == 0 {
		return 1
	}
	return float64(r.TP) / float64(r.TP+r.FN)
}

func (r *Row) add(o Outcome) {
	switch o {
	case TruePositive:
		r.TP++
	case FalsePositive:
		r.FP++
	case FalseNegative:
		r.FN++
	case TrueNegative:
		r.TN++
	}
}

// Table is the per-code result of a corpus run.
type Table struct {
	Codes    []Row // one per code of Codes, then any other code fa reported
	Lifetime Row   // FA6xx together
	All      Row   // every code together
}

// Tabulate counts cases per code.
func Tabulate(cases []Case) Table {
	idx := map[string]int{}
	t := Table{Lifetime: Row{Name: "FA6xx"}, All: Row{Name: "all"}}
	for _, c := range Codes() {
		idx[c] = len(t.Codes)
		t.Codes = append(t.Codes, Row{Name: c})
	}
	for _, c := range cases {
		i, ok := idx[c.Key.Code]
		if !ok {
			i = len(t.Codes)
			idx[c.Key.Code] = i
			t.Codes = append(t.Codes, Row{Name: c.Key.Code})
		}
		t.Codes[i].add(c.Outcome)
		if IsLifetime(c.Key.Code) {
			t.Lifetime.add(c.Outcome)
		}
		t.All.add(c.Outcome)
	}
	return t
}

// String formats the table.
func (t Table) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %4s %4s %4s %4s %9s %7s\n", "code", "TP", "FP", "FN", "TN", "precision", "recall")
	row := func(r Row) {
		fmt.Fprintf(&b, "%-6s %4d %4d %4d %4d %9.3f %7.3f\n", r.Name, r.TP, r.FP, r.FN, r.TN, r.Precision(), r.Recall())
	}
	for _, r := range t.Codes {
		row(r)
	}
	row(t.Lifetime)
	row(t.All)
	return b.String()
}

// Limit is a lower bound on precision and recall.
type Limit struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// Thresholds are the lowest values a corpus run may measure.
type Thresholds struct {
	Codes    map[string]Limit `json:"codes"`
	Lifetime Limit            `json:"lifetime"`
	All      Limit            `json:"all"`
}

// LoadThresholds reads a thresholds file (JSON).
func LoadThresholds(path string) (Thresholds, error) {
	var th Thresholds
	data, err := os.ReadFile(path)
	if err != nil {
		return th, fmt.Errorf("thresholds: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&th); err != nil {
		return th, fmt.Errorf("thresholds %s: %w", path, err)
	}
	for _, c := range Codes() {
		if _, ok := th.Codes[c]; !ok {
			return th, fmt.Errorf("thresholds %s: no entry for %s", path, c)
		}
	}
	return th, nil
}

// Check returns one line per measured value below its threshold.
func (th Thresholds) Check(t Table) []string {
	var fails []string
	check := func(r Row, l Limit) {
		if r.Precision() < l.Precision {
			fails = append(fails, fmt.Sprintf("%s precision %.3f < %.3f", r.Name, r.Precision(), l.Precision))
		}
		if r.Recall() < l.Recall {
			fails = append(fails, fmt.Sprintf("%s recall %.3f < %.3f", r.Name, r.Recall(), l.Recall))
		}
	}
	for _, r := range t.Codes {
		l, ok := th.Codes[r.Name]
		if !ok {
			// A code outside the contract must never be reported here.
			l = Limit{Precision: 1}
		}
		check(r, l)
	}
	check(t.Lifetime, th.Lifetime)
	check(t.All, th.All)
	return fails
}

// Raise returns th with every limit raised to what t measures, rounded down
// to three decimals (the precision of the table); no limit is lowered.
func (th Thresholds) Raise(t Table) Thresholds {
	floor := func(v float64) float64 { return math.Floor(v*1000+1e-9) / 1000 }
	up := func(l Limit, r Row) Limit {
		return Limit{Precision: max(l.Precision, floor(r.Precision())), Recall: max(l.Recall, floor(r.Recall()))}
	}
	out := Thresholds{Codes: map[string]Limit{}}
	for _, r := range t.Codes {
		if l, ok := th.Codes[r.Name]; ok {
			out.Codes[r.Name] = up(l, r)
		}
	}
	out.Lifetime = up(th.Lifetime, t.Lifetime)
	out.All = up(th.All, t.All)
	return out
}
