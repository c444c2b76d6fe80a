package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/framealloc/fa/diagnostics"
)

// fixture returns the absolute path of testdata/cli/name. Fixtures are
// modules of their own inside the repository but outside its go.work, so
// the go command must not use the workspace there (GOWORK=off for the rest
// of the test, in process and in the commands it runs).
func fixture(t *testing.T, name string) string {
	t.Helper()
	t.Setenv("GOWORK", "off")
	_, file, _, _ := runtime.Caller(0)
	dir, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "cli", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// fa runs the CLI in process in dir and returns exit code, stdout, stderr.
func fa(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func codes(t *testing.T, jsonOut string) []string {
	t.Helper()
	var r diagnostics.Report
	if err := json.Unmarshal([]byte(jsonOut), &r); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, jsonOut)
	}
	var cs []string
	for _, d := range r.Diagnostics {
		cs = append(cs, d.Code)
	}
	return cs
}

func TestFilters(t *testing.T) {
	stub := fixture(t, "stub")
	tests := []struct {
		name  string
		args  []string
		exit  int
		codes string
	}{
		{"default", nil, 0, "FA601 FA001 FA601"},
		{"all", []string{"-a"}, 0, "FA601 FA001 FA601"},
		{"deny-warnings", []string{"-W"}, 1, "FA601 FA001 FA601"},
		{"deny", []string{"-D", "FA601"}, 1, "FA601 FA001 FA601"},
		{"deny-by-name", []string{"--deny", "frame-escape"}, 1, "FA601 FA001 FA601"},
		{"allow", []string{"-A", "FA601"}, 0, "FA001"},
		{"allow-fa001", []string{"--allow", "FA001"}, 0, "FA601 FA601"},
		{"only", []string{"--only", "FA601"}, 0, "FA601 FA001 FA601"},
		{"only-other", []string{"--only", "FA602,FA603"}, 0, "FA001"},
		{"skip", []string{"--skip", "FA601"}, 0, "FA001"},
		{"min-severity", []string{"--min-severity", "error"}, 0, ""},
		{"min-severity-denied", []string{"--min-severity", "error", "-D", "FA601"}, 1, "FA601 FA601"},
		{"category-other", []string{"--threading"}, 0, "FA001"},
		{"category-match", []string{"--dirtymem", "--budgets"}, 0, "FA601 FA001 FA601"},
		{"exclude", []string{"--exclude", "game/**"}, 0, ""},
		{"fail-fast", []string{"-W", "--fail-fast"}, 1, "FA601"},
		{"tags", []string{"--tags", "foo,bar"}, 0, "FA601 FA001 FA601"},
		{"pattern", []string{"./clean"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := fa(t, stub, append([]string{"-f", "json"}, tt.args...)...)
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.exit, errs)
			}
			if got := strings.Join(codes(t, out), " "); got != tt.codes {
				t.Errorf("codes %q, want %q", got, tt.codes)
			}
		})
	}
}

func TestConfigLevels(t *testing.T) {
	stub := fixture(t, "stub")
	cfgDir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(cfgDir, "levels.toml")
		if err := os.WriteFile(p, []byte(`[allocator]
packages = ["example.com/stub/alloc"]
`+body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		body  string
		exit  int
		codes string
		sev   string
	}{
		{"[lints.FA601]\nlevel = \"deny\"\n", 1, "FA601 FA001 FA601", "error"},
		{"[lints.FA601]\nlevel = \"allow\"\n", 0, "FA001", ""},
		{"[lints.FA601]\nlevel = \"hint\"\n", 0, "FA601 FA001 FA601", "hint"},
		{"[global]\nmin_severity = \"error\"\n", 0, "", ""},
		{"[global]\nexclude = [\"**/game/**\"]\n", 0, "", ""},
	}
	for _, tt := range tests {
		code, out, errs := fa(t, stub, "-f", "json", "--config", write(tt.body))
		if code != tt.exit {
			t.Errorf("%q: exit %d, want %d; stderr %s", tt.body, code, tt.exit, errs)
		}
		if got := strings.Join(codes(t, out), " "); got != tt.codes {
			t.Errorf("%q: codes %q, want %q", tt.body, got, tt.codes)
		}
		if tt.sev != "" && !strings.Contains(out, `"severity": "`+tt.sev+`"`) {
			t.Errorf("%q: no %s severity in %s", tt.body, tt.sev, out)
		}
	}
	// --exclude on the command line is relative to the working directory;
	// the configuration's exclude is relative to the configuration file.
}

func TestFailures(t *testing.T) {
	stub := fixture(t, "stub")
	tests := []struct {
		name, dir string
		args      []string
		stderr    []string
	}{
		{"unknown-code", stub, []string{"--deny", "FA999"}, []string{"unknown code", "FA999"}},
		{"unknown-only", stub, []string{"--only", "FA601,nope"}, []string{"unknown code"}},
		{"bad-severity", stub, []string{"--min-severity", "fatal"}, []string{"min-severity"}},
		{"bad-format", stub, []string{"-f", "xml"}, []string{"unknown format"}},
		{"bad-flag", stub, []string{"--no-such-flag"}, []string{"unknown flag"}},
		{"bad-config", fixture(t, "badconfig"), nil, []string{".fa.toml:3:", "lints.FA602.level"}},
		{"missing-config", stub, []string{"--config", "/nonexistent/.fa.toml"}, []string{"/nonexistent/.fa.toml"}},
		{"broken-code", fixture(t, "broken"), nil, []string{"example.com/broken/game", "undefined: Vec"}},
		{"syntax-error-without-allocator", fixture(t, "syntax"), nil, []string{"example.com/syntax/util", "util.go:10:3: expected '}'"}},
		{"missing-package", stub, []string{"./nonexistent"}, []string{"nonexistent"}},
		{"unwritable-output", stub, []string{"-o", "/nonexistent/dir/out.json"}, []string{"cannot write output file"}},
		{"unwritable-cpuprofile", stub, []string{"--cpuprofile", "/nonexistent/dir/cpu.pprof"}, []string{"--cpuprofile", "/nonexistent/dir/cpu.pprof"}},
		{"dry-run-alone", stub, []string{"--dry-run"}, []string{"--dry-run needs --fix"}},
		{"bad-driver", stub, []string{"--driver", "magic"}, []string{"unknown driver"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := fa(t, tt.dir, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, errs)
			}
			if out != "" {
				t.Errorf("partial report on stdout: %s", out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q does not contain %q", errs, s)
				}
			}
		})
	}
}

func TestJSONSchema(t *testing.T) {
	code, out, errs := fa(t, fixture(t, "stub"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "tool", "diagnostics", "summary"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("missing top-level key %q", k)
		}
	}
	if raw["version"] != float64(1) {
		t.Errorf("version %v", raw["version"])
	}
	d := raw["diagnostics"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "name", "category", "severity", "message", "file", "line", "column", "end_line", "end_column", "package", "related", "fixes"} {
		if _, ok := d[k]; !ok {
			t.Errorf("diagnostic lacks %q", k)
		}
	}
	want := map[string]any{"code": "FA601", "name": "frame-escape", "category": "lifetime", "severity": "warning",
		"file": "game/update.go", "line": float64(17), "column": float64(2), "end_line": float64(17), "end_column": float64(7),
		"package": "example.com/stub/game", "message": "frame value p escapes to package-level variable cache"}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	rel := d["related"].([]any)[0].(map[string]any)
	if rel["file"] != "game/update.go" || rel["line"] != float64(16) || rel["column"] != float64(7) {
		t.Errorf("related %v", rel)
	}
	edit := d["fixes"].([]any)[0].(map[string]any)["edits"].([]any)[0].(map[string]any)
	for _, k := range []string{"file", "start_offset", "end_offset", "new_text"} {
		if _, ok := edit[k]; !ok {
			t.Errorf("edit lacks %q", k)
		}
	}
	sum := raw["summary"].(map[string]any)
	if sum["warnings"] != float64(3) || sum["errors"] != float64(0) || sum["packages"] != float64(3) || sum["files"] != float64(3) {
		t.Errorf("summary %v", sum)
	}
}

func TestTextFormat(t *testing.T) {
	code, out, _ := fa(t, fixture(t, "stub"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := "warning[FA601]: frame value p escapes to package-level variable cache\n" +
		"  --> game/update.go:17:2\n" +
		"   |\n" +
		"17 | \tcache = p\n" +
		"   | \t^^^^^\n" +
		"   = note: p was frame-allocated at game/update.go:16:7\n" +
		"   = help: use allocator.Pool or allocator.Heap for data that outlives the frame\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("text output:\n%s\nwant prefix:\n%s", out, want)
	}
	if !strings.HasSuffix(out, "0 errors, 3 warnings, 0 hints\n") {
		t.Errorf("no summary line:\n%s", out)
	}
	_, compact, _ := fa(t, fixture(t, "stub"), "-f", "compact")
	if first := strings.SplitN(compact, "\n", 2)[0]; first != "game/update.go:17:2: warning FA601: frame value p escapes to package-level variable cache" {
		t.Errorf("compact: %q", first)
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	code, out, _ := fa(t, fixture(t, "stub"), "-f", "json", "-o", path)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes(t, string(data))) != 3 {
		t.Errorf("report file: %s", data)
	}
}

// TestCPUProfile checks that --cpuprofile leaves a profile of the run
// (gzip-compressed protocol buffers, as go tool pprof reads) and changes
// nothing else.
func TestCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	code, out, errs := fa(t, fixture(t, "stub"), "-f", "json", "--cpuprofile", path)
	if code != 0 || len(codes(t, out)) != 3 {
		t.Fatalf("exit %d, stderr %s, report %s", code, errs, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Errorf("profile is not gzip data: %d bytes", len(data))
	}
}

func TestOtherFormats(t *testing.T) {
	for _, f := range []string{"sarif", "junit", "checkstyle", "github"} {
		code, out, errs := fa(t, fixture(t, "stub"), "-f", f)
		if code != 0 || !strings.Contains(out, "FA601") {
			t.Errorf("%s: exit %d, stderr %s, out %s", f, code, errs, out)
		}
	}
}

func TestFix(t *testing.T) {
	code, out, errs := fa(t, fixture(t, "stub"), "--fix", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{"--- a/game/update.go", "-\tp := alloc.Frame[Vec](l)", "+\tp := alloc.Heap[Vec](l)"} {
		if !strings.Contains(out, s) {
			t.Errorf("diff lacks %q:\n%s", s, out)
		}
	}
	// Apply on a copy of the fixture.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture(t, "stub"))); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := fa(t, dir, "--fix"); code != 0 {
		t.Fatalf("--fix: exit %d: %s", code, errs)
	}
	src, err := os.ReadFile(filepath.Join(dir, "game", "update.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "p := alloc.Heap[Vec](l)") || !strings.Contains(string(src), "q := alloc.Heap[Vec](l)") {
		t.Errorf("not fixed:\n%s", src)
	}
	_, out, _ = fa(t, dir, "-f", "json")
	if got := strings.Join(codes(t, out), " "); got != "FA001" {
		t.Errorf("after --fix: %q", got)
	}
}

func TestSubcommands(t *testing.T) {
	stub := fixture(t, "stub")
	code, out, _ := fa(t, stub, "explain", "FA601")
	for _, s := range []string{"FA601 frame-escape", "category: lifetime", "default severity: warning", "What", "Why", "Wrong", "Right", "See also", "allocator.Frame[Vec](l)"} {
		if code != 0 || !strings.Contains(out, s) {
			t.Errorf("explain FA601 lacks %q (exit %d):\n%s", s, code, out)
		}
	}
	if code, _, errs := fa(t, stub, "explain", "FA999"); code != 2 || !strings.Contains(errs, "unknown code") {
		t.Errorf("explain FA999: exit %d %s", code, errs)
	}
	code, out, _ = fa(t, stub, "list", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 20 {
		t.Errorf("list json: exit %d, %d entries, %v", code, len(list), err)
	}
	code, out, _ = fa(t, stub, "list", "--category", "lifetime")
	if n := strings.Count(out, "\n"); code != 0 || n != 6 || !strings.Contains(out, "FA606") {
		t.Errorf("list lifetime: %d lines\n%s", n, out)
	}
	if code, _, _ := fa(t, stub, "list", "--category", "nope"); code != 2 {
		t.Errorf("list bad category: exit %d", code)
	}
	code, out, _ = fa(t, stub, "show", "game/update.go")
	if code != 0 || strings.Count(out, "warning[") != 3 || !strings.Contains(out, "17 | \tcache = p") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	code, out, _ = fa(t, stub, "show", "clean/clean.go")
	if code != 0 || strings.Contains(out, "warning[") || !strings.Contains(out, "clean/clean.go: no diagnostics") {
		t.Errorf("show clean: exit %d\n%s", code, out)
	}
	if code, _, _ := fa(t, stub, "show", "nope.go"); code != 2 {
		t.Errorf("show missing file: exit %d", code)
	}
	code, out, _ = fa(t, stub, "version")
	if code != 0 || !strings.HasPrefix(out, "fa ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n\ngo 1.26.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := fa(t, dir, "init"); code != 0 {
		t.Fatalf("init: exit %d %s", code, errs)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".fa.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := fa(t, dir, "-f", "json"); code != 0 {
		t.Errorf("fa with the generated .fa.toml: exit %d %s\n%s", code, errs, data)
	}
	if code, _, errs := fa(t, dir, "init"); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("second init: exit %d %s", code, errs)
	}
	if code, _, errs := fa(t, dir, "init", "--force"); code != 0 {
		t.Errorf("init --force: exit %d %s", code, errs)
	}
}

func TestIsVetInvocation(t *testing.T) {
	for args, want := range map[string]bool{
		"-flags": true, "-V=full": true, "-json /tmp/b001/vet.cfg": true,
		"./...": false, "explain FA601": false, "": false, "-f json ./...": false,
	} {
		if got := isVetInvocation(strings.Fields(args)); got != want {
			t.Errorf("isVetInvocation(%q) = %v", args, got)
		}
	}
}

// buildFA builds the fa binary once per test.
func buildFA(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds fa")
	}
	bin := filepath.Join(t.TempDir(), "fa")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestVetMode(t *testing.T) {
	bin := buildFA(t)
	stub := fixture(t, "stub")

	// -V=full: "fa version devel ... buildID=ID", the ID folding in the config.
	idIn := func(dir string) string {
		cmd := exec.Command(bin, "-V=full")
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("-V=full: %v", err)
		}
		f := strings.Fields(string(out))
		if len(f) < 4 || f[1] != "version" || f[2] != "devel" || !strings.HasPrefix(f[len(f)-1], "buildID=") {
			t.Fatalf("-V=full output %q", out)
		}
		return f[len(f)-1]
	}
	d1, d2 := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(d2, ".fa.toml"), []byte("[lints.FA602]\nlevel = \"allow\"\n"), 0o644)
	if idIn(d1) == idIn(d2) {
		t.Error("-V=full does not change with the configuration")
	}

	// go vet -vettool prints the same diagnostics, each message with its code.
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = stub
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded:\n%s", out)
	}
	for _, s := range []string{"game/update.go:17:2: FA601: frame value p escapes", "FA001:"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("go vet output lacks %q:\n%s", s, out)
		}
	}

	// The vet driver gives the same report and exit status as the
	// packages driver, with the policy's flags passed through go vet.
	for _, flags := range [][]string{nil, {"-D", "FA601"}, {"--min-severity", "error"}, {"--skip", "FA001", "--exclude", "clean/**"}} {
		report := func(driver string) (int, []byte) {
			cmd := exec.Command(bin, append([]string{"--driver=" + driver, "-f", "json"}, flags...)...)
			cmd.Dir = stub
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("fa --driver=%s: %v", driver, err)
			}
			var r diagnostics.Report
			if err := json.Unmarshal(out, &r); err != nil {
				t.Fatalf("fa --driver=%s %v: exit %d, output is not a JSON report: %v\n%s%s", driver, flags, code, err, out, stderr.Bytes())
			}
			j, err := json.Marshal(r.Diagnostics)
			if err != nil {
				t.Fatal(err)
			}
			return code, j
		}
		vcode, vj := report("vet")
		scode, sj := report("packages")
		if vcode != scode || string(vj) != string(sj) {
			t.Errorf("drivers disagree with %v:\nvet:      exit %d %s\npackages: exit %d %s", flags, vcode, vj, scode, sj)
		}
		wantExit := 0
		if len(flags) > 0 && flags[0] == "-D" {
			wantExit = 1
		}
		if scode != wantExit || string(sj) == "[]" && flags == nil {
			t.Errorf("%v: exit %d, diagnostics %s", flags, scode, sj)
		}
	}
}

// TestRealAllocator checks a fixture that uses the real allocator package.
func TestRealAllocator(t *testing.T) {
	code, out, errs := fa(t, fixture(t, "real"), "-f", "compact")
	if code != 0 || !strings.Contains(out, "game/update.go:15:2: warning FA601: frame value p escapes to package-level variable cache") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
}
