package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// build is the fa binary under test, set once by TestMain.
type build struct {
	root string // repository root
	bin  string // fa binary
	err  string // why the build failed
	tmp  string // removed when the tests end
}

var fa build

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return 0, fmt.Errorf("repository root: %w", err)
	}
	fa.root = root
	tmp, err := os.MkdirTemp("", "fa-e2e-")
	if err != nil {
		return 0, fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	fa.tmp = tmp
	switch {
	case os.Getenv("FA_E2E_BINARY") != "":
		fa.bin = os.Getenv("FA_E2E_BINARY")
	default:
		fa.bin = filepath.Join(tmp, "fa")
		cmd := exec.Command("go", "build", "-o", fa.bin, "./cmd/fa")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			fa.err = fmt.Sprintf("go build ./cmd/fa: %v\n%s", err, out)
		}
	}
	return m.Run(), nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// needFA fails the test when there is no fa binary.
func needFA(t *testing.T) string {
	t.Helper()
	if fa.err != "" {
		t.Fatal(fa.err)
	}
	return fa.bin
}

// need returns the path of a client program, or skips the test; with
// FA_E2E_REQUIRE_CLIENTS set (as .ci/run does) a missing client fails it.
func need(t *testing.T, name, install string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", name)
		if exists(p) {
			return p
		}
	}
	if os.Getenv("FA_E2E_REQUIRE_CLIENTS") != "" {
		t.Fatalf("%s is not installed (%s; .ci/install-clients.sh installs it) and FA_E2E_REQUIRE_CLIENTS is set", name, install)
	}
	t.Skipf("%s is not installed (%s; .ci/install-clients.sh installs it)", name, install)
	return ""
}

// copyTree copies the directory src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fixture copies the fixture module into a new git repository, under the
// subdirectory sub ("" for the repository root), and returns the
// repository and the module directory.
func fixture(t *testing.T, sub string) (repo, mod string) {
	t.Helper()
	repo, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mod = filepath.Join(repo, sub)
	copyTree(t, filepath.Join(fa.root, "testdata", "integration", "vetmod"), mod)
	if _, err := exec.LookPath("git"); err == nil {
		git(t, repo, "init", "-q", ".")
		git(t, repo, "add", "-A")
		git(t, repo, "commit", "-q", "-m", "fixture")
	} else if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return repo, mod
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	args = append([]string{"-c", "user.email=e2e@example.com", "-c", "user.name=e2e", "-c", "commit.gpgsign=false"}, args...)
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

type result struct {
	stdout, stderr []byte
	code           int
	took           time.Duration
}

// run runs a program in dir with stdin and returns its output and exit
// code; it fails the test if the program cannot be started.
func run(t *testing.T, dir string, stdin []byte, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.Bytes(), stderr: stderr.Bytes(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return r
}

// faReport is what the tests read of fa's JSON output (schema version 1).
type faReport struct {
	Version     int `json:"version"`
	Diagnostics []struct {
		Code      string `json:"code"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
		Related   []struct {
			Message string `json:"message"`
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
		} `json:"related"`
	} `json:"diagnostics"`
	Summary struct {
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Hints    int `json:"hints"`
	} `json:"summary"`
}

// faJSON runs fa --format json ./... in dir and checks its exit code
// against the summary.
func faJSON(t *testing.T, dir string) faReport {
	t.Helper()
	r := run(t, dir, nil, nil, needFA(t), "--format", "json", "./...")
	var rep faReport
	if err := json.Unmarshal(r.stdout, &rep); err != nil {
		t.Fatalf("fa --format json: exit %d, output is not JSON: %v\nstdout:\n%s\nstderr:\n%s", r.code, err, r.stdout, r.stderr)
	}
	want := 0
	if rep.Summary.Errors > 0 {
		want = 1
	}
	if r.code != want {
		t.Errorf("fa --format json: exit %d with %d errors, want %d\n%s", r.code, rep.Summary.Errors, want, r.stderr)
	}
	if !slices.ContainsFunc(rep.Diagnostics, func(d struct {
		Code      string `json:"code"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
		Related   []struct {
			Message string `json:"message"`
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
		} `json:"related"`
	}) bool {
		return d.Code == "FA001"
	}) {
		t.Errorf("fa reported no FA001 for the fixture's reasonless suppressions:\n%s", r.stdout)
	}
	return rep
}

// stripCode removes the "FA601: " prefix analyzers put on messages.
func stripCode(code, msg string) string {
	return strings.TrimPrefix(msg, code+": ")
}

func key(file string, line, col int, code, msg string) string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", file, line, col, code, stripCode(code, msg))
}

// keys returns fa's diagnostics as sorted unique keys, with the related
// positions when related is set, and each file prefixed by prefix.
func (rep faReport) keys(prefix string, related bool) []string {
	var ks []string
	for _, d := range rep.Diagnostics {
		k := key(prefix+d.File, d.Line, d.Column, d.Code, d.Message)
		if related {
			for _, r := range d.Related {
				k += fmt.Sprintf(" [%s%s:%d:%d: %s]", prefix, r.File, r.Line, r.Column, r.Message)
			}
		}
		ks = append(ks, k)
	}
	return sortedUnique(ks)
}

func sortedUnique(ks []string) []string {
	slices.Sort(ks)
	return slices.Compact(ks)
}

func sameKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s differs from fa --format json:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

var posnRE = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// relPosn splits an absolute file:line:col into a path relative to dir,
// line and column.
func relPosn(t *testing.T, dir, posn string) (string, int, int) {
	t.Helper()
	m := posnRE.FindStringSubmatch(posn)
	if m == nil {
		t.Fatalf("bad position %q", posn)
	}
	rel, err := filepath.Rel(dir, m[1])
	if err != nil {
		t.Fatal(err)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return filepath.ToSlash(rel), line, col
}

var vetLineRE = regexp.MustCompile(`^(.+?):(\d+):(\d+): (FA\d{3}): (.*)$`)

// TestGoVet runs the real go vet with fa as its vet tool, in text and JSON
// mode, and checks it reports exactly what fa --format json reports.
func TestGoVet(t *testing.T) {
	bin := needFA(t)
	_, mod := fixture(t, "")
	rep := faJSON(t, mod)

	text := run(t, mod, nil, nil, "go", "vet", "-vettool="+bin, "./...")
	t.Logf("go vet -vettool=fa ./... (first run in this test; dependencies may be in go's cache): %v", text.took.Round(time.Millisecond))
	if text.code != 1 {
		t.Errorf("go vet: exit %d, want 1 (diagnostics)\n%s", text.code, text.stderr)
	}
	var got []string
	for _, line := range strings.Split(string(text.stderr), "\n") {
		if m := vetLineRE.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			got = append(got, key(m[1], l, c, m[4], m[5]))
		}
	}
	sameKeys(t, "go vet -vettool=fa ./...", sortedUnique(got), rep.keys("", false))

	js := run(t, mod, nil, nil, "go", "vet", "-vettool="+bin, "-json", "./...")
	if js.code != 0 {
		t.Errorf("go vet -json: exit %d, want 0\n%s", js.code, js.stderr)
	}
	got = nil
	dec := json.NewDecoder(bytes.NewReader(js.stdout))
	for dec.More() {
		var pkgs map[string]map[string]json.RawMessage
		if err := dec.Decode(&pkgs); err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, js.stdout)
		}
		for pkg, byAnalyzer := range pkgs {
			for analyzer, raw := range byAnalyzer {
				var diags []struct {
					Category string `json:"category"`
					Posn     string `json:"posn"`
					Message  string `json:"message"`
					Related  []struct {
						Posn    string `json:"posn"`
						Message string `json:"message"`
					} `json:"related"`
				}
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("go vet -json: %s %s: %s", pkg, analyzer, raw)
					continue
				}
				for _, d := range diags {
					file, line, col := relPosn(t, mod, d.Posn)
					k := key(file, line, col, d.Category, d.Message)
					for _, r := range d.Related {
						rf, rl, rc := relPosn(t, mod, r.Posn)
						k += fmt.Sprintf(" [%s:%d:%d: %s]", rf, rl, rc, r.Message)
					}
					got = append(got, k)
				}
			}
		}
	}
	sameKeys(t, "go vet -vettool=fa -json ./...", sortedUnique(got), rep.keys("", true))

	// What an editor's vet-on-save costs: one package, after an edit.
	game := filepath.Join(mod, "game", "game.go")
	src, err := os.ReadFile(game)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(game, append(src, []byte("\n// edited\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	one := run(t, mod, nil, nil, "go", "vet", "-vettool="+bin, "./game")
	t.Logf("go vet -vettool=fa ./game after an edit (warm cache, what go.vetOnSave runs): %v", one.took.Round(time.Millisecond))
	if one.code != 1 {
		t.Errorf("go vet ./game: exit %d, want 1\n%s", one.code, one.stderr)
	}
}

// TestOutputs checks the machine-readable formats of the real binary: SARIF
// against the 2.1.0 schema, JUnit against the Jenkins XSD with xmllint,
// and that checkstyle and GitHub annotations carry every diagnostic.
func TestOutputs(t *testing.T) {
	bin := needFA(t)
	_, mod := fixture(t, "")
	rep := faJSON(t, mod)
	n := len(rep.Diagnostics)
	format := func(f string) []byte {
		r := run(t, mod, nil, nil, bin, "--format", f, "./...")
		if r.code != 0 && r.code != 1 {
			t.Fatalf("fa --format %s: exit %d\n%s", f, r.code, r.stderr)
		}
		return r.stdout
	}

	t.Run("sarif", func(t *testing.T) {
		out := format("sarif")
		if err := validateSARIF(filepath.Join(fa.root, "sarif", "testdata", "sarif-schema-2.1.0.json"), out); err != nil {
			t.Fatalf("fa --format sarif is not valid SARIF 2.1.0: %v\n%s", err, out)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(out, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != n {
			t.Errorf("SARIF: %v, want one run with %d results\n%s", err, n, out)
		}
	})
	t.Run("junit", func(t *testing.T) {
		out := format("junit")
		if !bytes.Contains(out, []byte(fmt.Sprintf(`<testsuites name="fa" tests="%d" failures="%d"`, n, n))) {
			t.Errorf("JUnit totals are not %d tests, %d failures:\n%s", n, n, out)
		}
		xmllint := need(t, "xmllint", "Debian: apt-get install libxml2-utils")
		p := filepath.Join(t.TempDir(), "fa.xml")
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, mod, nil, nil, xmllint, "--noout", "--schema", filepath.Join(fa.root, "junit", "testdata", "jenkins-junit.xsd"), p)
		if r.code != 0 {
			t.Errorf("xmllint --schema jenkins-junit.xsd: exit %d\n%s\n%s", r.code, r.stderr, out)
		}
	})
	t.Run("checkstyle", func(t *testing.T) {
		out := format("checkstyle")
		if got := bytes.Count(out, []byte("<error ")); got != n {
			t.Errorf("checkstyle has %d <error> elements, want %d\n%s", got, n, out)
		}
	})
	t.Run("github", func(t *testing.T) {
		out := strings.TrimSpace(string(format("github")))
		lines := strings.Split(out, "\n")
		if out == "" {
			lines = nil
		}
		if len(lines) != n {
			t.Errorf("%d annotations, want %d\n%s", len(lines), n, out)
		}
		for _, l := range lines {
			if !regexp.MustCompile(`^::(error|warning|notice) file=[^,]+,line=\d+.*,title=FA\d{3}[^:]*::.+`).MatchString(l) {
				t.Errorf("not a GitHub workflow command: %q", l)
			}
		}
	})
}

// rdDiag is a reviewdog rdjsonl line.
type rdDiag struct {
	Message  string `json:"message"`
	Severity string `json:"severity"`
	Location struct {
		Path  string `json:"path"`
		Range struct {
			Start struct {
				Line   int `json:"line"`
				Column int `json:"column"`
			} `json:"start"`
		} `json:"range"`
	} `json:"location"`
	Code struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	} `json:"code"`
}

// TestReviewdog feeds fa's SARIF and checkstyle outputs to reviewdog in a
// repository where the module is a subdirectory, and checks reviewdog reads
// every diagnostic at its repository-relative position.
func TestReviewdog(t *testing.T) {
	bin := needFA(t)
	reviewdog := need(t, "reviewdog", "go install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0")
	need(t, "git", "Debian: apt-get install git")
	repo, mod := fixture(t, "game-module")
	rep := faJSON(t, mod)
	sarifOut := run(t, mod, nil, nil, bin, "--format", "sarif", "./...").stdout

	rd := run(t, repo, sarifOut, nil, reviewdog, "-f=sarif", "-reporter=rdjsonl", "-filter-mode=nofilter")
	if rd.code != 0 {
		t.Fatalf("reviewdog -f=sarif: exit %d\n%s", rd.code, rd.stderr)
	}
	var got []string
	sev := map[string]string{"ERROR": "error", "WARNING": "warning", "INFO": "hint"}
	severities := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(rd.stdout)), "\n") {
		var d rdDiag
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("reviewdog rdjsonl line %q: %v", line, err)
		}
		k := key(d.Location.Path, d.Location.Range.Start.Line, d.Location.Range.Start.Column, d.Code.Value, d.Message)
		got = append(got, k)
		severities[k] = sev[d.Severity]
		if want := "https://github.com/framealloc/fa/blob/main/docs/diagnostics.md#" + strings.ToLower(d.Code.Value); d.Code.URL != want {
			t.Errorf("reviewdog code url = %q, want %q", d.Code.URL, want)
		}
	}
	sameKeys(t, "reviewdog -f=sarif (run at the repository root)", sortedUnique(got), rep.keys("game-module/", false))
	for _, d := range rep.Diagnostics {
		k := key("game-module/"+d.File, d.Line, d.Column, d.Code, d.Message)
		if severities[k] != d.Severity {
			t.Errorf("%s: reviewdog severity %q, fa %q", k, severities[k], d.Severity)
		}
	}

	local := run(t, repo, sarifOut, nil, reviewdog, "-f=sarif", "-reporter=local", "-filter-mode=nofilter")
	if local.code != 0 || !bytes.Contains(local.stdout, []byte(`"ruleId":"FA001"`)) {
		t.Errorf("reviewdog -f=sarif -reporter=local: exit %d\n%s%s", local.code, local.stdout, local.stderr)
	}
	if rep.Summary.Errors > 0 {
		fail := run(t, repo, sarifOut, nil, reviewdog, "-f=sarif", "-reporter=local", "-filter-mode=nofilter", "-fail-level=error")
		if fail.code != 1 {
			t.Errorf("reviewdog -fail-level=error: exit %d, want 1 (fa reported errors)", fail.code)
		}
	}

	// Checkstyle paths are relative to fa's working directory: run
	// reviewdog there too.
	cs := run(t, mod, nil, nil, bin, "--format", "checkstyle", "./...").stdout
	rd = run(t, mod, cs, nil, reviewdog, "-f=checkstyle", "-reporter=local", "-filter-mode=nofilter")
	if rd.code != 0 {
		t.Fatalf("reviewdog -f=checkstyle: exit %d\n%s", rd.code, rd.stderr)
	}
	got = nil
	csRE := regexp.MustCompile(`^(.+?):(\d+):(\d+): (\w+): (.*) \(fa\.(FA\d{3})\)$`)
	for _, line := range strings.Split(strings.TrimSpace(string(rd.stdout)), "\n") {
		m := csRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("unexpected reviewdog line %q", line)
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		got = append(got, key(m[1], l, c, m[6], m[5]))
	}
	sameKeys(t, "reviewdog -f=checkstyle", sortedUnique(got), rep.keys("", false))
}

// TestPreCommit runs the Debian pre-commit package with this repository's
// .pre-commit-hooks.yaml on a throwaway repository: the hooks must fail
// while the repository holds bad code and pass once it is removed.
func TestPreCommit(t *testing.T) {
	needFA(t)
	precommit := need(t, "pre-commit", "Debian: apt-get install pre-commit")
	need(t, "git", "Debian: apt-get install git")
	if testing.Short() {
		t.Skip("-short: pre-commit builds fa in its own environment, which takes a minute")
	}
	src := os.Getenv("FA_E2E_SOURCE")
	if src == "" {
		src = fa.root
	}
	if !exists(filepath.Join(src, "cmd", "fa")) {
		t.Fatalf("FA_E2E_SOURCE=%s has no cmd/fa for pre-commit to build", src)
	}
	if r := run(t, src, nil, nil, precommit, "validate-manifest", ".pre-commit-hooks.yaml"); r.code != 0 {
		t.Fatalf("pre-commit validate-manifest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// The hook repository: the files of the source tree (its git-tracked
	// and untracked, not ignored files when it is a work tree), committed.
	hooks := t.TempDir()
	files := run(t, src, nil, nil, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if files.code != 0 {
		copyTree(t, src, hooks)
	}
	for _, f := range strings.Split(strings.TrimRight(string(files.stdout), "\x00"), "\x00") {
		if files.code != 0 || f == "" {
			break
		}
		data, err := os.ReadFile(filepath.Join(src, f))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(hooks, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// pre-commit builds the hook with `go install ./...`: every package
	// of the repository must compile, not only ./cmd/fa.
	if r := run(t, hooks, nil, nil, "go", "build", "./..."); r.code != 0 {
		t.Fatalf("pre-commit would fail to install the hook: go build ./... in %s fails:\n%s", src, r.stderr)
	}
	git(t, hooks, "init", "-q", ".")
	git(t, hooks, "add", "-A")
	git(t, hooks, "commit", "-q", "-m", "hooks")
	rev := git(t, hooks, "rev-parse", "HEAD")

	repo, _ := fixture(t, "")
	config := fmt.Sprintf("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: fa\n      - id: fa-vet\n", hooks, rev)
	if err := os.WriteFile(filepath.Join(repo, ".pre-commit-config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, repo, "add", ".pre-commit-config.yaml")
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pre-commit builds the hook with GOPATH set to its own environment;
	// sharing the module cache spares downloading fa's dependencies again.
	env := []string{"PRE_COMMIT_HOME=" + t.TempDir(), "GOMODCACHE=" + strings.TrimSpace(string(gomodcache))}

	bad := run(t, repo, nil, env, precommit, "run", "--all-files")
	out := string(bad.stdout) + string(bad.stderr)
	t.Logf("pre-commit run on bad code (installs the hook environment): exit %d in %v", bad.code, bad.took.Round(time.Second))
	if bad.code == 0 || !strings.Contains(out, "FA606") || strings.Count(out, "Failed") != 2 {
		t.Errorf("pre-commit on bad code: exit %d, want both hooks failed with FA606\n%s", bad.code, out)
	}

	git(t, repo, "rm", "-q", "-r", "game", "suppress")
	good := run(t, repo, nil, env, precommit, "run", "--all-files")
	out = string(good.stdout) + string(good.stderr)
	t.Logf("pre-commit run on good code: exit %d in %v", good.code, good.took.Round(time.Second))
	if good.code != 0 || strings.Count(out, "Passed") != 2 {
		t.Errorf("pre-commit on good code: exit %d, want both hooks passed\n%s", good.code, out)
	}
}
