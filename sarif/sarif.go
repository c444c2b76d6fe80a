// Package sarif writes a fa report as SARIF 2.1.0, the format GitHub code
// scanning, reviewdog and most review tools read.
//
// The log has one run. Its tool driver is "fa" with the report's version and
// one rule per catalogue code (id, name, short and full description, help
// text, helpUri pointing at the code's section of docs/diagnostics.md and the
// default level). Each diagnostic becomes a result with its rule id, level,
// message, region, related locations (where the frame value was allocated),
// fixes and a partialFingerprints.primaryLocationLineHash that survives
// unrelated edits.
//
// Artifact URIs are relative to the repository root (the nearest directory
// above the report's root holding .git, else the report's root) and carry
// uriBaseId %SRCROOT%; run.originalUriBaseIds maps %SRCROOT% to that
// directory. Columns are counted in UTF-16 code units, SARIF's default
// columnKind, converted from Go's byte columns using the source text.
package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/framealloc/fa/diagnostics"
)

// Constants a SARIF consumer sees.
const (
	// ToolName is the run's tool driver name.
	ToolName = "fa"
	// InformationURI is the driver's informationUri.
	InformationURI = "https://github.com/framealloc/fa"
	// HelpBaseURI is where each rule's helpUri points; the code, lower
	// case, is the anchor: HelpBaseURI + "#fa601".
	HelpBaseURI = diagnostics.DocsURL
	// SrcRoot is the uriBaseId of every artifact location.
	SrcRoot = "%SRCROOT%"
	// FingerprintKey is the partialFingerprints key GitHub code scanning
	// uses to track an alert across commits.
	FingerprintKey = "primaryLocationLineHash"
)

// Write writes r to w as a SARIF 2.1.0 log. Source files are read (relative
// to r.Root) to compute fingerprints, UTF-16 columns and the line/column
// form of fixes; a file that cannot be read falls back to byte columns, a
// fingerprint without its line text and byte-offset fix regions.
func Write(w io.Writer, r *diagnostics.Report) error {
	log, err := Build(r)
	if err != nil {
		return err
	}
	if err := log.PrettyWrite(w); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// Build returns the SARIF log Write writes.
func Build(r *diagnostics.Report) (*gosarif.Report, error) {
	if r == nil {
		return nil, fmt.Errorf("sarif: nil report")
	}
	log, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, fmt.Errorf("sarif: %w", err)
	}
	name := r.Tool.Name
	if name == "" {
		name = ToolName
	}
	run := gosarif.NewRunWithInformationURI(name, InformationURI)
	driver := run.Tool.Driver
	if r.Tool.Version != "" {
		driver.WithVersion(r.Tool.Version)
		if v := strings.TrimPrefix(r.Tool.Version, "v"); semver.MatchString(v) {
			driver.WithSemanticVersion(v)
		}
	}
	run.WithColumnKind("utf16CodeUnits")

	b := newBuilder(r)
	if b.repoRoot != "" {
		run.WithOriginalUriBaseIds(map[string]*gosarif.ArtifactLocation{
			SrcRoot: gosarif.NewArtifactLocation().WithUri(dirURI(b.repoRoot)),
		})
	}

	ruleIndex := map[string]int{}
	addRule := func(in diagnostics.Info) {
		ruleIndex[in.Code] = len(driver.Rules)
		driver.AddRule(rule(in))
	}
	for _, in := range diagnostics.All() {
		addRule(in)
	}
	// Codes outside the catalogue (FA001, an invalid suppression comment,
	// comes from the analyzers' core) still need a rule for the result to
	// point at.
	for _, d := range r.Diagnostics {
		if _, ok := ruleIndex[d.Code]; !ok {
			addRule(infoFromDiagnostic(d))
		}
	}

	for _, d := range r.Diagnostics {
		run.AddResult(b.result(d, ruleIndex[d.Code]))
	}
	log.AddRun(run)
	return log, nil
}

// semver matches a semantic version without its leading "v".
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// HelpURI returns the documentation address of a code.
func HelpURI(code string) string {
	return diagnostics.DocURL(code)
}

// Level returns the SARIF level of a severity: note, warning or error.
func Level(s diagnostics.Severity) string {
	switch s {
	case diagnostics.SeverityError:
		return "error"
	case diagnostics.SeverityWarning:
		return "warning"
	}
	return "note"
}

// problemSeverity is GitHub's properties."problem.severity" of a severity.
func problemSeverity(s diagnostics.Severity) string {
	switch s {
	case diagnostics.SeverityError:
		return "error"
	case diagnostics.SeverityWarning:
		return "warning"
	}
	return "recommendation"
}

func rule(in diagnostics.Info) *gosarif.ReportingDescriptor {
	summary := sentence(in.Summary)
	full := in.What
	if full == "" {
		full = fmt.Sprintf("%s (%s, %s by default, category %s.)", summary, in.Code, in.Severity, in.Category)
	}
	help, markdown := in.HelpText(), in.HelpMarkdown()
	rd := gosarif.NewRule(in.Code).
		WithName(ruleName(in.Name)).
		WithShortDescription(gosarif.NewMultiformatMessageString(summary)).
		WithFullDescription(gosarif.NewMultiformatMessageString(full)).
		WithHelpURI(HelpURI(in.Code)).
		WithHelp(gosarif.NewMultiformatMessageString(help).WithMarkdown(markdown)).
		WithDefaultConfiguration(gosarif.NewReportingConfiguration().WithLevel(Level(in.Severity)))
	props := gosarif.NewPropertyBag()
	tags := []string{"fa"}
	if in.Category != "" {
		tags = append(tags, string(in.Category))
	}
	props.Add("tags", tags)
	props.Add("problem.severity", problemSeverity(in.Severity))
	props.Add("fa.name", in.Name)
	rd.WithProperties(props.Properties)
	return rd
}

// ruleName turns a kebab name into SARIF's recommended PascalCase rule
// name: frame-escape becomes FrameEscape.
func ruleName(kebab string) string {
	var sb strings.Builder
	for _, part := range strings.Split(kebab, "-") {
		if part == "" {
			continue
		}
		r, n := utf8.DecodeRuneInString(part)
		sb.WriteString(strings.ToUpper(string(r)))
		sb.WriteString(part[n:])
	}
	return sb.String()
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = strings.ToUpper(string(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func infoFromDiagnostic(d diagnostics.Diagnostic) diagnostics.Info {
	if in, ok := diagnostics.Lookup(d.Code); ok {
		return in
	}
	name := d.Name
	if name == "" {
		name = strings.ToLower(d.Code)
	}
	return diagnostics.Info{
		Code:     d.Code,
		Name:     name,
		Category: d.Category,
		Severity: d.Severity,
		Summary:  "fa diagnostic " + d.Code + " (" + name + ")",
	}
}

// builder holds what results need: the repository root and the source
// text of files, read once each.
type builder struct {
	root     string // absolute directory the report's paths are relative to
	repoRoot string // absolute repository root, or "" if unknown
	files    map[string]*source
	seen     map[string]int // fingerprint input -> occurrences so far
}

type source struct {
	text  []byte
	lines []int // byte offset of the start of each line
}

func newBuilder(r *diagnostics.Report) *builder {
	b := &builder{files: map[string]*source{}, seen: map[string]int{}}
	if r.Root != "" {
		if abs, err := filepath.Abs(r.Root); err == nil {
			b.root = abs
			b.repoRoot = RepoRoot(abs)
		}
	}
	return b
}

// RepoRoot returns the nearest directory at or above dir that holds a .git
// entry, or dir itself when there is none.
func RepoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// dirURI is the file URI of a directory, ending in a slash.
func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive paths: file:///C:/...
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// artifact returns the artifact location of a report path: relative to the
// repository root under %SRCROOT% when possible.
func (b *builder) artifact(file string) *gosarif.ArtifactLocation {
	rel := filepath.ToSlash(file)
	if b.root != "" {
		abs := file
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(b.root, filepath.FromSlash(file))
		}
		r, err := filepath.Rel(b.repoRoot, abs)
		if err != nil || r == ".." || strings.HasPrefix(filepath.ToSlash(r), "../") {
			return gosarif.NewArtifactLocation().WithUri(dirURI(filepath.Dir(abs)) + escapePath(filepath.Base(abs)))
		}
		rel = filepath.ToSlash(r)
	} else if path.IsAbs(rel) {
		return gosarif.NewArtifactLocation().WithUri((&url.URL{Scheme: "file", Path: rel}).String())
	}
	return gosarif.NewArtifactLocation().WithUri(escapePath(rel)).WithUriBaseId(SrcRoot)
}

// escapePath percent-encodes a slash path for use as a relative URI.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// source returns the text of a report path, or nil when it cannot be read.
func (b *builder) source(file string) *source {
	if s, ok := b.files[file]; ok {
		return s
	}
	var s *source
	p := filepath.FromSlash(file)
	if !filepath.IsAbs(p) && b.root != "" {
		p = filepath.Join(b.root, p)
	}
	if filepath.IsAbs(p) {
		if text, err := os.ReadFile(p); err == nil {
			s = &source{text: text, lines: []int{0}}
			for i, c := range text {
				if c == '\n' {
					s.lines = append(s.lines, i+1)
				}
			}
		}
	}
	b.files[file] = s
	return s
}

// line returns the text of 1-based line n without its newline.
func (s *source) line(n int) (string, bool) {
	if s == nil || n < 1 || n > len(s.lines) {
		return "", false
	}
	start, end := s.lines[n-1], len(s.text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	return strings.TrimSuffix(string(s.text[start:end]), "\r"), true
}

// column converts a 1-based byte column on line n to UTF-16 code units.
func (s *source) column(n, col int) int {
	text, ok := s.line(n)
	if !ok || col < 1 || col-1 > len(text) {
		return col
	}
	units := 0
	for _, r := range text[:col-1] {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return units + 1
}

// position converts a byte offset into a 1-based line and UTF-16 column.
func (s *source) position(off int) (line, col int, ok bool) {
	if s == nil || off < 0 || off > len(s.text) {
		return 0, 0, false
	}
	lo, hi := 0, len(s.lines)-1
	for lo < hi { // last line start <= off
		mid := (lo + hi + 1) / 2
		if s.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	line = lo + 1
	return line, s.column(line, off-s.lines[lo]+1), true
}

func (b *builder) region(file string, line, col, endLine, endCol int) *gosarif.Region {
	if line < 1 {
		return nil
	}
	src := b.source(file)
	reg := gosarif.NewRegion().WithStartLine(line)
	if col >= 1 {
		reg.WithStartColumn(src.column(line, col))
	}
	if endLine >= line {
		reg.WithEndLine(endLine)
		if endCol >= 1 && (endLine > line || col < 1 || endCol >= col) {
			reg.WithEndColumn(src.column(endLine, endCol))
		}
	}
	return reg
}

func (b *builder) location(file string, reg *gosarif.Region) *gosarif.Location {
	pl := gosarif.NewPhysicalLocation().WithArtifactLocation(b.artifact(file))
	if reg != nil {
		pl.WithRegion(reg)
	}
	return gosarif.NewLocationWithPhysicalLocation(pl)
}

func (b *builder) result(d diagnostics.Diagnostic, ruleIndex int) *gosarif.Result {
	res := gosarif.NewRuleResult(d.Code).
		WithRuleIndex(ruleIndex).
		WithLevel(Level(d.Severity)).
		WithMessage(gosarif.NewTextMessage(message(d)))
	res.AddLocation(b.location(d.File, b.region(d.File, d.Line, d.Column, d.EndLine, d.EndColumn)))
	for i, rel := range d.Related {
		loc := b.location(rel.File, b.region(rel.File, rel.Line, rel.Column, 0, 0)).WithId(i + 1)
		if rel.Message != "" {
			loc.WithMessage(gosarif.NewTextMessage(rel.Message))
		}
		res.AddRelatedLocation(loc)
	}
	for _, f := range d.Fixes {
		if fix := b.fix(f); fix != nil {
			res.AddFix(fix)
		}
	}
	res.WithPartialFingerPrints(map[string]interface{}{FingerprintKey: b.fingerprint(d)})
	if d.Package != "" {
		props := gosarif.NewPropertyBag()
		props.Add("package", d.Package)
		res.AttachPropertyBag(props)
	}
	return res
}

func message(d diagnostics.Diagnostic) string {
	if strings.TrimSpace(d.Message) != "" {
		return d.Message
	}
	return d.Code + " " + d.Name
}

// fix converts a suggested fix: one artifactChange per file, its edits as
// replacements in line/column form (byte offsets when the file cannot be
// read).
func (b *builder) fix(f diagnostics.Fix) *gosarif.Fix {
	if len(f.Edits) == 0 {
		return nil
	}
	fix := gosarif.NewFix()
	if f.Message != "" {
		fix.WithDescriptionText(f.Message)
	}
	changes := map[string]*gosarif.ArtifactChange{}
	for _, e := range f.Edits {
		ch, ok := changes[e.File]
		if !ok {
			ch = gosarif.NewArtifactChange(b.artifact(e.File))
			changes[e.File] = ch
			fix.AddArtifactChanges(ch)
		}
		var reg *gosarif.Region
		src := b.source(e.File)
		sl, sc, ok1 := src.position(e.StartOffset)
		el, ec, ok2 := src.position(e.EndOffset)
		if ok1 && ok2 && e.EndOffset >= e.StartOffset {
			reg = gosarif.NewRegion().WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec)
		} else {
			reg = gosarif.NewRegion().WithByteOffset(max(e.StartOffset, 0)).WithByteLength(max(e.EndOffset-e.StartOffset, 0))
		}
		// insertedContent is always present (empty for a deletion):
		// some consumers dereference it unconditionally.
		ch.WithReplacement(gosarif.NewReplacement(reg).WithInsertedContent(gosarif.NewArtifactContent().WithText(e.NewText)))
	}
	return fix
}

// fingerprint is the primaryLocationLineHash of d: a hash of the code, the
// file (relative to the repository root) and the whitespace-normalised text of the diagnostic's line, followed
// by the 1-based occurrence of that triple in the report. It does not depend
// on the line number, so edits elsewhere in the file keep it stable.
func (b *builder) fingerprint(d diagnostics.Diagnostic) string {
	text, _ := b.source(d.File).line(d.Line)
	file := filepath.ToSlash(d.File)
	if loc := b.artifact(d.File); loc.URI != nil {
		file = *loc.URI // repository-relative: the same whatever the working directory
	}
	key := d.Code + "\x00" + file + "\x00" + strings.Join(strings.Fields(text), " ")
	if text == "" {
		// Without the source, the message stands in for the line text.
		key += "\x00" + d.Message
	}
	b.seen[key]++
	sum := sha256.Sum256([]byte(key))
	return fmt.Sprintf("%s:%d", hex.EncodeToString(sum[:8]), b.seen[key])
}
