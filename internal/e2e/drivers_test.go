package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// golangciVersion is the golangci-lint release whose module-plugin builder
// the tests use; .ci/install-clients.sh installs it.
const golangciVersion = "v2.15.0"

// gcl is the golangci-lint binary built with fa's plugin, once per run.
var gcl struct {
	once sync.Once
	bin  string
	err  string
}

// customGCL returns a golangci-lint binary that includes fa's module
// plugin from this source tree, built with `golangci-lint custom`. The
// builder clones golangci-lint from GitHub; a git URL rewrite points the
// clone at the copy .ci/install-clients.sh made from the module proxy.
func customGCL(t *testing.T) string {
	t.Helper()
	golangci := need(t, "golangci-lint", "go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@"+golangciVersion)
	mirror := filepath.Join(clientsDir(), "gclmirror")
	if !exists(filepath.Join(mirror, "golangci-lint", ".git")) {
		if os.Getenv("FA_E2E_REQUIRE_CLIENTS") != "" {
			t.Fatalf("%s is missing (.ci/install-clients.sh makes it) and FA_E2E_REQUIRE_CLIENTS is set", mirror)
		}
		t.Skipf("%s is missing (.ci/install-clients.sh makes it)", mirror)
	}
	gcl.once.Do(func() {
		dir := filepath.Join(fa.tmp, "golangci-lint")
		if err := os.Mkdir(dir, 0o755); err != nil {
			gcl.err = err.Error()
			return
		}
		yml := fmt.Sprintf("version: %s\nname: custom-gcl\ndestination: %s\nplugins:\n  - module: github.com/framealloc/fa\n    import: github.com/framealloc/fa/plugin\n    path: %s\n",
			golangciVersion, dir, fa.root)
		if err := os.WriteFile(filepath.Join(dir, ".custom-gcl.yml"), []byte(yml), 0o644); err != nil {
			gcl.err = err.Error()
			return
		}
		env := []string{"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=url.file://" + mirror + "/.insteadOf", "GIT_CONFIG_VALUE_0=https://github.com/golangci/"}
		r := run(t, dir, nil, env, golangci, "custom")
		t.Logf("golangci-lint custom (builds golangci-lint with fa's plugin): exit %d in %v", r.code, r.took.Round(time.Second))
		if r.code != 0 {
			gcl.err = fmt.Sprintf("golangci-lint custom: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			return
		}
		gcl.bin = filepath.Join(dir, "custom-gcl")
	})
	if gcl.err != "" {
		t.Fatal(gcl.err)
	}
	return gcl.bin
}

// clientsDir is where .ci/install-clients.sh puts what is not a program on
// PATH.
func clientsDir() string {
	if d := os.Getenv("FA_CLIENTS_DIR"); d != "" {
		return d
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "fa-clients")
}

// driverRun is what one driver reported, and its exit code: diagnostics
// as "file:line:col: CODE: message" keys and their related positions as
// "file:line:col: CODE(related): message" keys, sorted.
type driverRun struct {
	name string
	keys []string
	code int
}

// viaFA runs fa --format json with extra flags.
func viaFA(t *testing.T, dir string, flags ...string) driverRun {
	t.Helper()
	args := append([]string{"--format", "json"}, flags...)
	r := run(t, dir, nil, nil, needFA(t), append(args, "./...")...)
	var rep faReport
	if err := json.Unmarshal(r.stdout, &rep); err != nil {
		t.Fatalf("fa %s: exit %d, output is not JSON: %v\n%s%s", strings.Join(args, " "), r.code, err, r.stdout, r.stderr)
	}
	keys := rep.keys("", false)
	for _, d := range rep.Diagnostics {
		for _, rel := range d.Related {
			keys = append(keys, key(rel.File, rel.Line, rel.Column, d.Code+"(related)", rel.Message))
		}
	}
	return driverRun{name: strings.Join(append([]string{"fa"}, flags...), " "), keys: sortedUnique(keys), code: r.code}
}

// vetRelatedRE matches a related position go vet prints after its
// diagnostic: "file:line:col: \tmessage".
var vetRelatedRE = regexp.MustCompile(`^(.+?):(\d+):(\d+): \t(.*)$`)

// viaVet runs go vet -vettool=fa and reads its text output.
func viaVet(t *testing.T, dir string) driverRun {
	t.Helper()
	r := run(t, dir, nil, nil, "go", "vet", "-vettool="+needFA(t), "./...")
	var keys []string
	code := ""
	for _, line := range strings.Split(string(r.stderr), "\n") {
		if m := vetLineRE.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			code = m[4]
			keys = append(keys, key(m[1], l, c, code, m[5]))
		} else if m := vetRelatedRE.FindStringSubmatch(line); m != nil && code != "" {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			keys = append(keys, key(m[1], l, c, code+"(related)", m[4]))
		} else if line != "" {
			t.Errorf("go vet printed %q", line)
		}
	}
	return driverRun{name: "go vet -vettool=fa", keys: sortedUnique(keys), code: r.code}
}

// gclTextRE splits golangci-lint's issue text: the analyzer (the code, or
// the core's name for FA001), whether the issue is a related position
// (golangci-lint makes each one an issue of its own) and the message.
var gclTextRE = regexp.MustCompile(`^(FA\d{3}|framecore)(\(related information\))?: (.*)$`)

// viaGCL runs golangci-lint with fa's plugin and reads its JSON output.
func viaGCL(t *testing.T, bin, dir string) driverRun {
	t.Helper()
	out := filepath.Join(t.TempDir(), "issues.json")
	env := []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}
	r := run(t, dir, nil, env, bin, "run", "--output.json.path="+out, "--output.text.path=stderr", "./...")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("golangci-lint run: exit %d, no JSON report: %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	var rep struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("golangci-lint JSON report: %v\n%s", err, data)
	}
	var keys []string
	for _, is := range rep.Issues {
		m := gclTextRE.FindStringSubmatch(is.Text)
		if is.FromLinter != "fa" || m == nil {
			t.Errorf("golangci-lint issue from %s: %q", is.FromLinter, is.Text)
			continue
		}
		code, msg := m[1], m[3]
		if code == "framecore" {
			code, msg, _ = strings.Cut(msg, ": ")
		}
		if m[2] != "" {
			code += "(related)"
		}
		keys = append(keys, key(is.Pos.Filename, is.Pos.Line, is.Pos.Column, code, msg))
	}
	return driverRun{name: "golangci-lint (fa plugin)", keys: sortedUnique(keys), code: r.code}
}

// positions returns "file:line:col: CODE" of the diagnostics among keys
// (not their related positions), the part the test pins.
func positions(keys []string) []string {
	var out []string
	for _, k := range keys {
		f := strings.SplitN(k, ": ", 3)
		if !strings.HasSuffix(f[1], "(related)") {
			out = append(out, f[0]+": "+f[1])
		}
	}
	return out
}

// TestDriversAgree runs fa, go vet -vettool=fa and golangci-lint with fa's
// module plugin on testdata/integration/policy, whose .fa.toml uses every
// key, and requires the same diagnostics from the three and the same exit
// status; then on two variants of the configuration: one that leaves
// nothing to report (all three exit 0), and one that leaves only warnings,
// where fa exits 0 and go vet and golangci-lint, which fail on any
// diagnostic they print, exit 1 (as fa -W does): the one difference
// between the drivers, documented in package internal/lint.
func TestDriversAgree(t *testing.T) {
	needFA(t)
	bin := customGCL(t)
	src := filepath.Join(fa.root, "testdata", "integration", "policy")
	base, err := os.ReadFile(filepath.Join(src, ".fa.toml"))
	if err != nil {
		t.Fatal(err)
	}
	golangciYML := "version: \"2\"\nlinters:\n  default: none\n  enable: [fa]\n  settings:\n    custom:\n      fa:\n        type: module\n        description: fa\nissues:\n  max-issues-per-linter: 0\n  max-same-issues: 0\n  uniq-by-line: false\n"
	allocOnly := "[allocator]\npackages = [\"example.com/policy/alloc\"]\n"
	tests := []struct {
		name, config string
		want         []string // positions and codes
		faExit       int      // fa's exit status; go vet and golangci-lint exit 1 on any diagnostic
	}{
		{"every key", string(base), []string{
			"game/game.go:13:2: FA601", "game/game.go:22:9: FA606", "game/game.go:40:7: FA301", "game/game.go:47:2: FA001",
			"game/game_test.go:16:2: FA601",
			"physics/physics.go:11:2: FA803", "physics/physics.go:12:2: FA801", "physics/physics.go:13:2: FA801",
		}, 1},
		{"nothing reported", allocOnly + "[global]\nmin_severity = \"error\"\n[lints.FA601]\nlevel = \"warn\"\n[lints.FA606]\nlevel = \"allow\"\n", nil, 0},
		{"warnings only", allocOnly + "[global]\nexclude = [\"gen\", \"physics/**\"]\nmin_severity = \"warning\"\n[lints.FA601]\nlevel = \"warn\"\n[lints.FA606]\nlevel = \"warn\"\n", []string{
			"game/game.go:13:2: FA601", "game/game.go:22:9: FA606", "game/game.go:29:7: FA602", "game/game.go:40:7: FA602", "game/game.go:40:7: FA603", "game/game.go:47:2: FA001",
			"game/game_test.go:16:2: FA601",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, src, dir)
			if err := os.WriteFile(filepath.Join(dir, ".fa.toml"), []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(golangciYML), 0o644); err != nil {
				t.Fatal(err)
			}
			runs := []driverRun{viaFA(t, dir), viaFA(t, dir, "-W"), viaVet(t, dir), viaGCL(t, bin, dir)}
			anyDiag := 0
			if len(tt.want) > 0 {
				anyDiag = 1
			}
			wantExit := map[string]int{runs[0].name: tt.faExit, runs[1].name: anyDiag, runs[2].name: anyDiag, runs[3].name: anyDiag}
			if tt.faExit == 1 {
				wantExit[runs[1].name] = 1
			}
			t.Logf("configuration:\n%s", tt.config)
			for _, r := range runs {
				t.Logf("%-28s exit %d, %d diagnostics", r.name, r.code, len(positions(r.keys)))
				if r.code != wantExit[r.name] {
					t.Errorf("%s: exit %d, want %d", r.name, r.code, wantExit[r.name])
				}
				if got := positions(r.keys); !slices.Equal(got, tt.want) {
					t.Errorf("%s reports\n  %s\nwant\n  %s", r.name, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
				}
				sameKeys(t, r.name, r.keys, runs[0].keys)
			}
			for _, k := range runs[0].keys {
				t.Logf("  %s", k)
			}
		})
	}
}
