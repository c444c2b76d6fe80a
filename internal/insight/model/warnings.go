package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/insight/snapfile"
)

// Static is the static analysis shown beside the snapshots: fa's
// diagnostics of the program's packages and how to relate them to tags.
type Static struct {
	// Source says where the diagnostics come from (a file, or the
	// patterns analysed).
	Source string
	// Diagnostics are fa's findings.
	Diagnostics []diagnostics.Diagnostic
	// TagFor maps a package path to its module tag (.fa.toml
	// [tags.modules]); nil or false: not mapped.
	TagFor func(pkg string) (string, bool)
	// PackagesForTag lists the package patterns mapped to a tag.
	PackagesForTag func(tag string) []string
	// Snippet renders a diagnostic with its source lines, as `fa show`
	// does; nil: none.
	Snippet func(d diagnostics.Diagnostic) string
}

// Warnings is the warnings view: the behavior filter's findings of the
// latest snapshot beside fa's static diagnostics.
type Warnings struct {
	Runtime []RuntimeIssue  `json:"runtime"`
	Static  []StaticFinding `json:"static"`
	// StaticSource is Static.Source ("" when no static analysis was
	// given).
	StaticSource string `json:"static_source"`
	// Confirmed counts static findings confirmed at run time.
	Confirmed int `json:"confirmed"`
}

// RuntimeIssue is one behavior filter finding.
type RuntimeIssue struct {
	snapfile.DiagnosticSnapshot
	// Packages are the package patterns .fa.toml maps the tag's module
	// (its first path element) to.
	Packages []string `json:"packages"`
	// Confirms lists the static findings (code and position) this finding
	// confirms.
	Confirms []string `json:"confirms"`
}

// StaticFinding is one static diagnostic and what the snapshots say of it.
type StaticFinding struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Package  string `json:"package"`
	// Tag is the module tag .fa.toml maps the package to ("" if none).
	Tag string `json:"tag"`
	// Snippet is the diagnostic as `fa show` prints it.
	Snippet string `json:"snippet"`
	// Confirmed reports that the snapshots show the finding's effect;
	// Evidence says what they show.
	Confirmed bool   `json:"confirmed"`
	Evidence  string `json:"evidence"`
}

// runtimeCounterpart maps static codes to the behavior filter code that
// shows their effect at run time.
var runtimeCounterpart = map[string]string{
	"FA604": "BF003",
	"FA601": "BF001", "FA605": "BF001", "FA606": "BF001",
	"FA602": "BF004", "FA301": "BF004",
}

// tagMatches reports whether a runtime finding under tag path issueTag
// concerns a package of module tag pkgTag ("" matches every tag).
func tagMatches(pkgTag, issueTag string) bool {
	return pkgTag == "" || issueTag == pkgTag || strings.HasPrefix(issueTag, pkgTag+"/")
}

// BuildWarnings joins the latest snapshot's behavior findings with the
// static diagnostics. A static finding is confirmed at run time when the
// snapshots show its effect:
//
//   - FA203 (no frame budget): a Local runs without a frame budget;
//   - FA204 (deferred queue overflow): deferred frees were dropped;
//   - FA604 (promotions never collected): BF003 (promotions above 5%);
//   - FA601, FA605, FA606 (frame memory kept past its frame): BF001;
//   - FA602, FA301 (allocation in loops, unbounded allocation): BF004 (heap
//     allocations in every frame); FA301 also when the peak frame still
//     grows in the second half of the history.
//
// BF findings are matched on the package's module tag (.fa.toml), any tag
// when the package is not mapped.
func BuildWarnings(h []Entry, st *Static) Warnings {
	last := h[len(h)-1].Snap
	w := Warnings{Runtime: []RuntimeIssue{}, Static: []StaticFinding{}}
	for _, d := range last.Diagnostics {
		ri := RuntimeIssue{DiagnosticSnapshot: d, Packages: []string{}, Confirms: []string{}}
		if st != nil && st.PackagesForTag != nil && d.Tag != "" {
			module, _, _ := strings.Cut(d.Tag, "/")
			ri.Packages = append(ri.Packages, st.PackagesForTag(module)...)
		}
		w.Runtime = append(w.Runtime, ri)
	}
	if st == nil {
		return w
	}
	w.StaticSource = st.Source
	var noBudget []string
	for _, g := range last.Goroutines {
		if g.FrameBudget == 0 {
			noBudget = append(noBudget, fmt.Sprint(g.ID))
		}
	}
	peakGrowth := ""
	if n := len(h); n >= 4 {
		mid := h[n/2].Snap.Summary.PeakFrameBytes
		if p := last.Summary.PeakFrameBytes; p > mid && !restarted(h[n/2].Snap, last) {
			peakGrowth = fmt.Sprintf("the peak frame still grows in the second half of the history: %d → %d bytes", mid, p)
		}
	}
	for _, d := range st.Diagnostics {
		f := StaticFinding{
			Code: d.Code, Name: d.Name, Severity: d.Severity.String(), Message: d.Message,
			File: d.File, Line: d.Line, Column: d.Column, Package: d.Package,
		}
		if st.TagFor != nil {
			if tag, ok := st.TagFor(d.Package); ok {
				f.Tag = tag
			}
		}
		if st.Snippet != nil {
			f.Snippet = st.Snippet(d)
		}
		anyTag := ""
		if f.Tag == "" {
			anyTag = " (the package is not mapped to a tag in .fa.toml: any tag matches)"
		}
		switch d.Code {
		case "FA203":
			if len(noBudget) > 0 {
				f.Confirmed = true
				f.Evidence = fmt.Sprintf("%d of %d Locals run without a frame budget (Local %s)", len(noBudget), len(last.Goroutines), strings.Join(noBudget, ", "))
			}
		case "FA204":
			if n := last.Summary.DeferredDropped; n > 0 {
				f.Confirmed = true
				f.Evidence = fmt.Sprintf("%d deferred frees were dropped or refused", n)
			}
		}
		if bf := runtimeCounterpart[d.Code]; bf != "" {
			for i, ri := range w.Runtime {
				if ri.Code != bf || !tagMatches(f.Tag, ri.Tag) {
					continue
				}
				f.Confirmed = true
				tag := ri.Tag
				if tag == "" {
					tag = "(untagged)"
				}
				f.Evidence = fmt.Sprintf("%s on tag %s: %s%s", bf, tag, ri.Message, anyTag)
				w.Runtime[i].Confirms = append(w.Runtime[i].Confirms, fmt.Sprintf("%s %s:%d", d.Code, d.File, d.Line))
				break
			}
			if !f.Confirmed && d.Code == "FA301" && peakGrowth != "" {
				f.Confirmed = true
				f.Evidence = peakGrowth
			}
		}
		if f.Confirmed {
			w.Confirmed++
		}
		w.Static = append(w.Static, f)
	}
	slices.SortStableFunc(w.Static, func(x, y StaticFinding) int {
		if x.Confirmed != y.Confirmed {
			if x.Confirmed {
				return -1
			}
			return 1
		}
		return 0
	})
	return w
}

// CountStatic adds the static diagnostics' counts by severity to s.
func (s *Summary) CountStatic(st *Static) {
	if st == nil {
		return
	}
	for _, d := range st.Diagnostics {
		switch d.Severity {
		case diagnostics.SeverityError:
			s.StaticErrors++
		case diagnostics.SeverityWarning:
			s.StaticWarnings++
		default:
			s.StaticHints++
		}
	}
}
