package sarif_test

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/sarif"
)

// The OASIS SARIF 2.1.0 errata01 schema; see testdata/README.md.
//
//go:embed testdata/sarif-schema-2.1.0.json
var schemaJSON []byte

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, data)
	}
	return sch.Validate(inst)
}

const updateGo = `package game

import "example.com/alloc"

var cache *int

func Update(l *alloc.Local) {
	p := alloc.Frame[int](l) // é
	cache = p
	q := alloc.Frame[int](l)
	cache = q
	cache = q
}
`

// fixture writes a repository with a .git directory and a module in a
// subdirectory, and returns the repository and the module directory (the
// report's root).
func fixture(t *testing.T, update string) (repo, root string) {
	t.Helper()
	repo = t.TempDir()
	root = filepath.Join(repo, "mod")
	for _, d := range []string{".git", "mod/game", "mod/my dir"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(root, "game/update.go"), update)
	write(t, filepath.Join(root, "my dir/x.go"), "package x\n")
	return repo, root
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lineCol(text, needle string, nth int) (line, col, off int) {
	off = -1
	for range nth {
		i := strings.Index(text[off+1:], needle)
		if i < 0 {
			panic("needle not found: " + needle)
		}
		off += 1 + i
	}
	line = strings.Count(text[:off], "\n") + 1
	col = off - strings.LastIndex(text[:off], "\n")
	return line, col, off
}

func report(root, text string) *diagnostics.Report {
	l1, c1, off := lineCol(text, "cache = p", 1)
	la, ca, _ := lineCol(text, "alloc.Frame", 1)
	l2, c2, _ := lineCol(text, "cache = q", 1)
	l3, c3, _ := lineCol(text, "cache = q", 2)
	d := func(code string, sev diagnostics.Severity, line, col int, msg string) diagnostics.Diagnostic {
		in, _ := diagnostics.Lookup(code)
		return diagnostics.Diagnostic{Code: code, Name: in.Name, Category: in.Category, Severity: sev,
			Message: msg, File: "game/update.go", Line: line, Column: col, EndLine: line, EndColumn: col + 5,
			Package: "example.com/game"}
	}
	d1 := d("FA601", diagnostics.SeverityWarning, l1, c1, "frame value p escapes to package-level variable cache")
	d1.Related = []diagnostics.Related{{Message: "allocated here", File: "game/update.go", Line: la, Column: ca}}
	d1.Fixes = []diagnostics.Fix{{Message: "use allocator.Heap", Edits: []diagnostics.Edit{
		{File: "game/update.go", StartOffset: off, EndOffset: off + len("cache = p"), NewText: "_ = p"},
		{File: "game/update.go", StartOffset: off, EndOffset: off, NewText: ""},
	}}}
	return &diagnostics.Report{
		Version: diagnostics.SchemaVersion,
		Tool:    diagnostics.Tool{Name: "fa", Version: "v0.3.1"},
		Root:    root,
		Diagnostics: []diagnostics.Diagnostic{
			d1,
			d("FA601", diagnostics.SeverityWarning, l2, c2, "frame value q escapes"),
			d("FA601", diagnostics.SeverityWarning, l3, c3, "frame value q escapes"),
			{Code: "FA001", Name: "invalid-suppression", Severity: diagnostics.SeverityWarning,
				Message: "FA001: //fa:ignore needs a reason", File: "my dir/x.go", Line: 1, Column: 1},
			d("FA302", diagnostics.SeverityHint, l3, c3, "hint"),
			d("FA606", diagnostics.SeverityError, l3, c3, "error"),
		},
		Summary: diagnostics.Summary{Errors: 1, Warnings: 4, Hints: 1, Packages: 2, Files: 2},
	}
}

type logT struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind         string                    `json:"columnKind"`
		OriginalURIBaseIDs map[string]map[string]any `json:"originalUriBaseIds"`
		Tool               struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID               string                `json:"id"`
					Name             string                `json:"name"`
					ShortDescription struct{ Text string } `json:"shortDescription"`
					FullDescription  struct{ Text string } `json:"fullDescription"`
					Help             struct{ Text, Markdown string }
					HelpURI          string                 `json:"helpUri"`
					Default          struct{ Level string } `json:"defaultConfiguration"`
					Properties       map[string]any         `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []resultT `json:"results"`
	} `json:"runs"`
}

type locT struct {
	ID               int `json:"id"`
	Message          struct{ Text string }
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region regionT `json:"region"`
	} `json:"physicalLocation"`
}

type regionT struct {
	StartLine, StartColumn, EndLine, EndColumn int
	ByteOffset                                 *int
}

type resultT struct {
	RuleID              string `json:"ruleId"`
	RuleIndex           int    `json:"ruleIndex"`
	Level               string `json:"level"`
	Message             struct{ Text string }
	Locations           []locT            `json:"locations"`
	RelatedLocations    []locT            `json:"relatedLocations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []struct {
		Description     struct{ Text string }
		ArtifactChanges []struct {
			ArtifactLocation struct {
				URI, URIBaseID string
			} `json:"artifactLocation"`
			Replacements []struct {
				DeletedRegion   regionT `json:"deletedRegion"`
				InsertedContent *struct {
					Text *string `json:"text"`
				} `json:"insertedContent"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
}

func render(t *testing.T, r *diagnostics.Report) ([]byte, logT) {
	t.Helper()
	var buf bytes.Buffer
	if err := sarif.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var log logT
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), log
}

func TestSchemaValid(t *testing.T) {
	sch := compileSchema(t)
	_, root := fixture(t, updateGo)
	for name, r := range map[string]*diagnostics.Report{
		"full":  report(root, updateGo),
		"empty": {Version: 1, Tool: diagnostics.Tool{Name: "fa", Version: "devel"}},
		"no-source": func() *diagnostics.Report {
			r := report(root, updateGo)
			r.Root = "" // files cannot be read: byte-offset fixes, byte columns
			return r
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			out, _ := render(t, r)
			if err := validate(t, sch, out); err != nil {
				t.Fatalf("SARIF output is not valid against the 2.1.0 schema: %v\n%s", err, out)
			}
			if problems := githubProblems(t, out); len(problems) > 0 {
				t.Fatalf("GitHub code scanning problems:\n%s\n%s", strings.Join(problems, "\n"), out)
			}
		})
	}
}

// TestSchemaRejects proves the validator used above does reject what
// GitHub would: a bad level and a zero start line.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	_, root := fixture(t, updateGo)
	out, _ := render(t, report(root, updateGo))
	bad := strings.Replace(string(out), `"level": "error"`, `"level": "fatal"`, 1)
	if bad == string(out) {
		t.Fatal("no error result to corrupt")
	}
	if err := validate(t, sch, []byte(bad)); err == nil {
		t.Error("schema accepted level fatal")
	}
	bad = regexp.MustCompile(`"startLine": \d+`).ReplaceAllString(string(out), `"startLine": 0`)
	if err := validate(t, sch, []byte(bad)); err == nil {
		t.Error("schema accepted startLine 0")
	}
}

func TestContent(t *testing.T) {
	repo, root := fixture(t, updateGo)
	_, log := render(t, report(root, updateGo))
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "fa" || drv.Version != "v0.3.1" || drv.SemanticVersion != "0.3.1" || drv.InformationURI == "" {
		t.Errorf("driver = %+v", drv)
	}
	if log.Version != "2.1.0" || log.Schema == "" {
		t.Errorf("version %q schema %q", log.Version, log.Schema)
	}
	// One rule per catalogue code, in order, then FA001.
	all := diagnostics.All()
	if len(drv.Rules) != len(all)+1 {
		t.Fatalf("%d rules, want %d", len(drv.Rules), len(all)+1)
	}
	levels := map[diagnostics.Severity]string{diagnostics.SeverityHint: "note", diagnostics.SeverityWarning: "warning", diagnostics.SeverityError: "error"}
	for i, in := range all {
		r := drv.Rules[i]
		if r.ID != in.Code || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %d = %+v", i, r)
		}
		if want := "https://github.com/framealloc/fa/blob/main/docs/diagnostics.md#" + strings.ToLower(in.Code); r.HelpURI != want {
			t.Errorf("%s helpUri = %q, want %q", in.Code, r.HelpURI, want)
		}
		if r.Default.Level != levels[in.Severity] {
			t.Errorf("%s default level = %q, want %q", in.Code, r.Default.Level, levels[in.Severity])
		}
		if r.Properties["fa.name"] != in.Name {
			t.Errorf("%s name property = %v", in.Code, r.Properties["fa.name"])
		}
		// The rule's texts are the catalogue entry's.
		if r.FullDescription.Text != in.What || r.Help.Text != in.HelpText() || r.Help.Markdown != in.HelpMarkdown() {
			t.Errorf("%s: rule texts are not the catalogue entry's:\n%+v", in.Code, r)
		}
	}
	if r := drv.Rules[len(all)]; r.ID != "FA001" {
		t.Errorf("extra rule = %q, want FA001", r.ID)
	}
	if got := drv.Rules[8]; got.ID != "FA601" || got.Name != "FrameEscape" {
		t.Errorf("rule 8 = %s %s", got.ID, got.Name)
	}

	base := run.OriginalURIBaseIDs["%SRCROOT%"]["uri"]
	if want := "file://" + filepath.ToSlash(repo) + "/"; base != want {
		t.Errorf("originalUriBaseIds %%SRCROOT%% = %v, want %s", base, want)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	res := run.Results
	if len(res) != 6 {
		t.Fatalf("%d results", len(res))
	}
	r0 := res[0]
	if r0.RuleID != "FA601" || r0.Level != "warning" || drv.Rules[r0.RuleIndex].ID != "FA601" || !strings.Contains(r0.Message.Text, "escapes") {
		t.Errorf("result 0 = %+v", r0)
	}
	loc := r0.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "mod/game/update.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact = %+v, want mod/game/update.go under %%SRCROOT%%", loc.ArtifactLocation)
	}
	if loc.Region != (regionT{StartLine: 9, StartColumn: 2, EndLine: 9, EndColumn: 7}) {
		t.Errorf("region = %+v", loc.Region)
	}
	if len(r0.RelatedLocations) != 1 || r0.RelatedLocations[0].Message.Text != "allocated here" ||
		r0.RelatedLocations[0].ID != 1 || r0.RelatedLocations[0].PhysicalLocation.Region.StartLine != 8 {
		t.Errorf("related = %+v", r0.RelatedLocations)
	}
	if got := res[3]; got.RuleID != "FA001" || drv.Rules[got.RuleIndex].ID != "FA001" ||
		got.Locations[0].PhysicalLocation.ArtifactLocation.URI != "mod/my%20dir/x.go" {
		t.Errorf("FA001 result = %+v", got)
	}
	if res[4].Level != "note" || res[5].Level != "error" {
		t.Errorf("levels = %q %q, want note error", res[4].Level, res[5].Level)
	}

	// Fixes: byte offsets become line/column regions.
	if len(r0.Fixes) != 1 || r0.Fixes[0].Description.Text != "use allocator.Heap" {
		t.Fatalf("fixes = %+v", r0.Fixes)
	}
	ch := r0.Fixes[0].ArtifactChanges
	if len(ch) != 1 || ch[0].ArtifactLocation.URI != "mod/game/update.go" || len(ch[0].Replacements) != 2 {
		t.Fatalf("artifactChanges = %+v", ch)
	}
	rep := ch[0].Replacements
	if rep[0].DeletedRegion != (regionT{StartLine: 9, StartColumn: 2, EndLine: 9, EndColumn: 11}) || *rep[0].InsertedContent.Text != "_ = p" {
		t.Errorf("replacement 0 = %+v", rep[0])
	}
	if rep[1].DeletedRegion != (regionT{StartLine: 9, StartColumn: 2, EndLine: 9, EndColumn: 2}) || rep[1].InsertedContent == nil || *rep[1].InsertedContent.Text != "" {
		t.Errorf("replacement 1 (insertion of nothing) = %+v", rep[1])
	}
}

func TestUTF16Columns(t *testing.T) {
	_, root := fixture(t, "package game\n\nvar s = \"é😀\"; var x = 1\n")
	r := &diagnostics.Report{Root: root, Diagnostics: []diagnostics.Diagnostic{{
		Code: "FA601", Severity: diagnostics.SeverityWarning, Message: "m", File: "game/update.go",
		// byte column of "var x": 9 + len(`"é😀"; `) = 9 + 1+2+4+1+2
		Line: 3, Column: 19, EndLine: 3, EndColumn: 24,
	}}}
	_, log := render(t, r)
	reg := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	// In UTF-16 units: é is 1, 😀 is 2, so 9 + 1+1+2+1+2 = 16.
	if reg.StartColumn != 16 || reg.EndColumn != 21 {
		t.Errorf("region = %+v, want columns 16..21", reg)
	}
}

func fingerprints(t *testing.T, text string) []string {
	_, root := fixture(t, text)
	_, log := render(t, report(root, text))
	var fps []string
	for _, r := range log.Runs[0].Results {
		fps = append(fps, r.PartialFingerprints["primaryLocationLineHash"])
	}
	return fps
}

func TestFingerprints(t *testing.T) {
	before := fingerprints(t, updateGo)
	for i, fp := range before {
		if !regexp.MustCompile(`^[0-9a-f]{16}:[1-9][0-9]*$`).MatchString(fp) {
			t.Errorf("fingerprint %d = %q", i, fp)
		}
	}
	// The two identical "cache = q" lines differ only by occurrence.
	if before[1] == before[2] || before[1][:16] != before[2][:16] || !strings.HasSuffix(before[1], ":1") || !strings.HasSuffix(before[2], ":2") {
		t.Errorf("repeated line fingerprints = %q %q", before[1], before[2])
	}
	// Lines inserted above and re-indentation leave every fingerprint alone.
	edited := strings.Replace(updateGo, "var cache *int\n", "// Cache is shared.\n\nvar cache *int\n\nvar other int\n", 1)
	edited = strings.Replace(edited, "\tcache = p", "\t\t  cache = p \t", 1)
	after := fingerprints(t, edited)
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints changed by unrelated edits:\n%q\n%q", before, after)
	}
	// Changing the flagged line changes its fingerprint only.
	changed := fingerprints(t, strings.Replace(updateGo, "cache = p", "cache = p // why", 1))
	if changed[0] == before[0] || changed[1] != before[1] {
		t.Errorf("fingerprints after editing the flagged line: %q, before %q", changed, before)
	}
}

// githubProblems checks what GitHub code scanning documents beyond the
// schema ("SARIF support for code scanning": required properties and
// upload limits).
func githubProblems(t *testing.T, out []byte) []string {
	t.Helper()
	var p []string
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(out)
	zw.Close()
	if gz.Len() > 10<<20 {
		p = append(p, "gzip size over 10 MB")
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						Name             string `json:"name"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						Default          *struct{ Level string } `json:"defaultConfiguration"`
						Properties       map[string]any          `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results *[]resultT `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema == "" {
		p = append(p, "$schema missing")
	}
	if log.Version != "2.1.0" {
		p = append(p, "version is not 2.1.0")
	}
	if n := len(log.Runs); n == 0 || n > 20 {
		p = append(p, "runs: want 1 to 20")
	}
	for _, run := range log.Runs {
		d := run.Tool.Driver
		if d.Name == "" {
			p = append(p, "tool.driver.name empty")
		}
		if len(d.Rules) > 25000 {
			p = append(p, "more than 25000 rules")
		}
		ids := map[string]int{}
		for i, r := range d.Rules {
			if r.ID == "" {
				p = append(p, "rule without id")
			}
			if _, dup := ids[r.ID]; dup {
				p = append(p, "duplicate rule id "+r.ID)
			}
			ids[r.ID] = i
			if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
				p = append(p, r.ID+": shortDescription, fullDescription and help text are required")
			}
			if len(r.ShortDescription.Text) > 1024 || len(r.FullDescription.Text) > 1024 {
				p = append(p, r.ID+": description over 1024 characters")
			}
			if len(r.Name) > 255 {
				p = append(p, r.ID+": name over 255 characters")
			}
			if r.Default != nil && r.Default.Level != "note" && r.Default.Level != "warning" && r.Default.Level != "error" {
				p = append(p, r.ID+": bad default level "+r.Default.Level)
			}
			if tags, _ := r.Properties["tags"].([]any); len(tags) > 20 {
				p = append(p, r.ID+": more than 20 tags")
			}
			if s, ok := r.Properties["problem.severity"]; ok && s != "error" && s != "warning" && s != "recommendation" {
				p = append(p, r.ID+": bad problem.severity")
			}
		}
		if run.Results == nil {
			p = append(p, "results missing (GitHub wants [] when there are none)")
			continue
		}
		if len(*run.Results) > 25000 {
			p = append(p, "more than 25000 results")
		}
		for _, res := range *run.Results {
			if res.Message.Text == "" {
				p = append(p, "result without message.text")
			}
			if i, ok := ids[res.RuleID]; !ok || i != res.RuleIndex {
				p = append(p, "result ruleId/ruleIndex does not name a driver rule: "+res.RuleID)
			}
			if res.PartialFingerprints["primaryLocationLineHash"] == "" {
				p = append(p, "result without partialFingerprints.primaryLocationLineHash")
			}
			if n := len(res.Locations); n == 0 || n > 1000 {
				p = append(p, "result locations: want 1 to 1000")
				continue
			}
			for k, loc := range append(res.Locations[:1:1], res.RelatedLocations...) {
				uri := loc.PhysicalLocation.ArtifactLocation.URI
				if uri == "" || strings.HasPrefix(uri, "/") || strings.Contains(uri, "://") {
					p = append(p, "location uri must be relative to the repository root: "+uri)
				}
				if k == 0 && loc.PhysicalLocation.Region.StartLine < 1 {
					p = append(p, "primary location without region.startLine")
				}
			}
		}
	}
	return p
}

func TestNilReport(t *testing.T) {
	if err := sarif.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}
