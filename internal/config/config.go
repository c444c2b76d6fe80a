// Package config loads and validates fa's configuration file, .fa.toml.
//
// The file is validated strictly: an unknown section or key, a bad level or
// severity, an unknown diagnostic code or a value of the wrong type is an
// *Error naming the file, the line and the key. DESIGN.md section 5 is the
// contract; .fa.toml.example at the repository root documents every key.
package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/framealloc/fa/diagnostics"
)

// FileName is the name of the configuration file fa looks for.
const FileName = ".fa.toml"

// Config is the effective configuration of one run.
type Config struct {
	// Path is the file the configuration was read from, as given to Load or
	// Parse; empty for the default configuration.
	Path string
	// Dir is the absolute directory of Path. Exclude globs are relative to
	// it. Empty for the default configuration.
	Dir string

	Global    Global
	Lints     map[string]Lint // keyed by code, e.g. "FA602"
	Tags      Tags
	Allocator AllocatorSection
}

// Global is the [global] section.
type Global struct {
	// Exclude lists globs of slash-separated paths, relative to the
	// directory of the configuration file, whose diagnostics are dropped.
	Exclude []string
	// MinSeverity drops diagnostics below it. The default is hint
	// (everything is reported).
	MinSeverity diagnostics.Severity
}

// Lint is one [lints.FAxxx] section.
type Lint struct {
	Level Level
}

// Level overrides the default severity of a code.
type Level string

// The levels of [lints.FAxxx].level.
const (
	LevelAllow Level = "allow" // the code is not reported
	LevelHint  Level = "hint"  // reported as a hint
	LevelWarn  Level = "warn"  // reported as a warning
	LevelDeny  Level = "deny"  // reported as an error; fails the run
)

// Levels lists the valid levels, from least to most serious.
func Levels() []Level { return []Level{LevelAllow, LevelHint, LevelWarn, LevelDeny} }

// Valid reports whether l is one of the four levels.
func (l Level) Valid() bool { return slices.Contains(Levels(), l) }

// Tags is the [tags] section.
type Tags struct {
	// Known lists the tags allocations may use (FA802).
	Known []string
	// Modules maps package patterns to the tag their allocations must use
	// (FA801, FA803), in file order.
	Modules []ModuleTag
}

// ModuleTag is one entry of [tags.modules].
type ModuleTag struct {
	Pattern string // Go package pattern, e.g. "example.com/game/physics/..."
	Tag     string // e.g. "physics"
	Line    int    // line in the configuration file; 0 if not from a file
}

// AllocatorSection is the [allocator] section.
type AllocatorSection struct {
	// Packages lists extra import paths treated as the allocator package
	// (forks, wrappers), in addition to github.com/framealloc/fa/allocator.
	Packages []string
}

// Error is a problem with a configuration file. Its message has the form
// "FILE:LINE: message naming the key".
type Error struct {
	File string // the file as given to Load or Parse
	Line int    // 1-based; 0 when unknown
	Key  string // dotted TOML key, e.g. "lints.FA602.level"; may be empty
	Msg  string // what is wrong, naming the key
	Err  error  // underlying error, if any
}

// Error implements error.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Default returns the configuration used when there is no .fa.toml.
func Default() *Config {
	return &Config{
		Global: Global{MinSeverity: diagnostics.SeverityHint},
		Lints:  map[string]Lint{},
	}
}

// Load reads and validates the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read configuration: %v", err), Err: err}
	}
	return Parse(path, data)
}

// Find looks for .fa.toml in dir and its parents and returns the path of
// the first one found, or "" if there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		fi, err := os.Stat(p)
		switch {
		case err == nil && !fi.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, os.ErrNotExist):
			return "", fmt.Errorf("finding %s: %w", FileName, err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// Parse validates data, the contents of the configuration file at path.
// The path is used in error messages and to resolve exclude globs.
func Parse(path string, data []byte) (*Config, error) {
	cfg := Default()
	cfg.Path = path
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, &Error{File: path, Msg: err.Error(), Err: err}
		}
		cfg.Dir = filepath.Dir(abs)
	}

	var raw map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	if err != nil {
		return nil, syntaxError(path, data, err)
	}
	p := &parser{path: path, md: md, lines: keyLines(string(data)), cfg: cfg}
	if err := p.check(raw); err != nil {
		return nil, err
	}
	return cfg, nil
}

func syntaxError(path string, data []byte, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := "invalid TOML: " + pe.Message
		if pe.LastKey != "" {
			msg += fmt.Sprintf(" (after key %q)", pe.LastKey)
		}
		line := pe.Position.Line
		if s := pe.Position.Start; s > 0 && s <= len(data) {
			// The byte offset is exact; the line number is sometimes the
			// next line when the error is at a newline.
			line = 1 + bytes.Count(data[:s], []byte("\n"))
		}
		return &Error{File: path, Line: line, Key: pe.LastKey, Msg: msg, Err: err}
	}
	return &Error{File: path, Msg: "invalid TOML: " + err.Error(), Err: err}
}

// parser validates the decoded document and fills cfg.
type parser struct {
	path  string
	md    toml.MetaData
	lines map[string]int
	cfg   *Config
}

func (p *parser) errorf(key toml.Key, format string, args ...any) error {
	return &Error{File: p.path, Line: p.line(key), Key: key.String(), Msg: fmt.Sprintf(format, args...)}
}

// line returns the line of key, or of its closest recorded parent.
func (p *parser) line(key toml.Key) int {
	for k := key; len(k) > 0; k = k[:len(k)-1] {
		if l, ok := p.lines[k.String()]; ok {
			return l
		}
	}
	return 0
}

// check walks the keys in file order, so the first error reported is the
// first one in the file.
func (p *parser) check(raw map[string]any) error {
	for _, key := range p.md.Keys() {
		if err := p.checkKey(key); err != nil {
			return err
		}
	}
	return p.fill(raw)
}

// checkKey validates the name and the type of one key.
func (p *parser) checkKey(key toml.Key) error {
	typ := p.md.Type(key...)
	isTable := typ == "Hash"
	switch key[0] {
	case "global", "lints", "tags", "allocator":
	default:
		if len(key) == 1 && !isTable {
			return p.errorf(key, "unknown key %q (sections are global, lints, tags and allocator)", key.String())
		}
		return &Error{File: p.path, Line: p.line(key), Key: key[:1].String(),
			Msg: fmt.Sprintf("unknown section %q (want global, lints, tags or allocator)", key[:1].String())}
	}
	if len(key) == 1 {
		if !isTable {
			return p.errorf(key, "%q must be a table ([%s])", key.String(), key[0])
		}
		return nil
	}
	unknown := len(key) // how much of key to name when it is unknown
	switch key[0] {
	case "global":
		unknown = 2
		switch key[1] {
		case "exclude":
			return p.wantDepth(key, 2, "Array")
		case "min_severity":
			return p.wantDepth(key, 2, "String")
		}
	case "lints":
		code := key[1]
		info, ok := diagnostics.Lookup(code)
		if !ok || !strings.EqualFold(info.Code, code) {
			return p.errorf(key[:2], "unknown code %q in %q (see fa list)", code, key[:2].String())
		}
		if len(key) == 2 {
			if !isTable {
				return p.errorf(key, "%q must be a table with a level key, e.g. [lints.%s] level = \"allow\"", key.String(), info.Code)
			}
			return nil
		}
		if key[2] == "level" {
			return p.wantDepth(key, 3, "String")
		}
		unknown = 3
	case "tags":
		unknown = 2
		switch key[1] {
		case "known":
			return p.wantDepth(key, 2, "Array")
		case "modules":
			switch {
			case len(key) == 2:
				if !isTable {
					return p.errorf(key, "%q must be a table of package pattern = tag", key.String())
				}
				return nil
			case len(key) == 3 && typ == "String":
				return nil
			default:
				return p.errorf(key[:3], "value of %q must be a tag string; quote package patterns that contain dots, e.g. \"example.com/game/physics/...\" = \"physics\"", key[:3].String())
			}
		}
	case "allocator":
		unknown = 2
		if key[1] == "packages" {
			return p.wantDepth(key, 2, "Array")
		}
	}
	return p.errorf(key[:unknown], "unknown key %q", key[:unknown].String())
}

// wantDepth accepts key only at the given depth and with the given TOML
// type; anything below it is an unknown key.
func (p *parser) wantDepth(key toml.Key, depth int, typ string) error {
	if len(key) > depth {
		// A value of the wrong type (a table) has already been reported
		// at its parent, so this is only reached for inline tables.
		return p.errorf(key, "unknown key %q", key.String())
	}
	if got := p.md.Type(key...); got != typ {
		return p.errorf(key, "%q must be %s, not %s", key.String(), typeName(typ), typeName(got))
	}
	return nil
}

func typeName(t string) string {
	switch t {
	case "Hash":
		return "a table"
	case "Array", "ArrayHash":
		return "an array"
	case "String":
		return "a string"
	case "Integer":
		return "an integer"
	case "Float":
		return "a float"
	case "Bool":
		return "a boolean"
	case "Datetime", "DatetimeLocal", "DateLocal", "TimeLocal":
		return "a date or time"
	}
	return strings.ToLower(t)
}

// fill copies the validated values into the configuration. Keys and
// top-level types have been checked already; values are checked here.
func (p *parser) fill(raw map[string]any) error {
	if g, ok := raw["global"].(map[string]any); ok {
		if v, ok := g["exclude"]; ok {
			globs, err := p.strings(toml.Key{"global", "exclude"}, v)
			if err != nil {
				return err
			}
			for _, gl := range globs {
				if err := ValidGlob(gl); err != nil {
					return p.errorf(toml.Key{"global", "exclude"}, "bad glob %q in \"global.exclude\": %v", gl, err)
				}
			}
			p.cfg.Global.Exclude = globs
		}
		if v, ok := g["min_severity"].(string); ok {
			sev, err := diagnostics.ParseSeverity(v)
			if err != nil || v != strings.ToLower(v) {
				return p.errorf(toml.Key{"global", "min_severity"}, "invalid min_severity %q (want hint, warning or error)", v)
			}
			p.cfg.Global.MinSeverity = sev
		}
	}
	if l, ok := raw["lints"].(map[string]any); ok {
		names := make([]string, 0, len(l))
		for name := range l {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			info, _ := diagnostics.Lookup(name)
			key := toml.Key{"lints", name, "level"}
			tbl, _ := l[name].(map[string]any)
			v, ok := tbl["level"]
			if !ok {
				return p.errorf(key[:2], "missing key %q (allow, hint, warn or deny)", key.String())
			}
			lv := Level(v.(string))
			if !lv.Valid() {
				return p.errorf(key, "invalid level %q for %q (want allow, hint, warn or deny)", v, key.String())
			}
			if _, dup := p.cfg.Lints[info.Code]; dup {
				return p.errorf(key[:2], "%q configures %s a second time", key[:2].String(), info.Code)
			}
			p.cfg.Lints[info.Code] = Lint{Level: lv}
		}
	}
	if t, ok := raw["tags"].(map[string]any); ok {
		if v, ok := t["known"]; ok {
			known, err := p.strings(toml.Key{"tags", "known"}, v)
			if err != nil {
				return err
			}
			for _, k := range known {
				if k == "" {
					return p.errorf(toml.Key{"tags", "known"}, "empty tag in \"tags.known\"")
				}
			}
			p.cfg.Tags.Known = known
		}
		if m, ok := t["modules"].(map[string]any); ok {
			for _, key := range p.md.Keys() {
				if len(key) != 3 || key[0] != "tags" || key[1] != "modules" {
					continue
				}
				pattern, tag := key[2], m[key[2]].(string)
				if err := ValidPattern(pattern); err != nil {
					return p.errorf(key, "bad package pattern %q in \"tags.modules\": %v", pattern, err)
				}
				if tag == "" {
					return p.errorf(key, "empty tag for %q", key.String())
				}
				p.cfg.Tags.Modules = append(p.cfg.Tags.Modules, ModuleTag{Pattern: pattern, Tag: tag, Line: p.line(key)})
			}
		}
	}
	if a, ok := raw["allocator"].(map[string]any); ok {
		if v, ok := a["packages"]; ok {
			pkgs, err := p.strings(toml.Key{"allocator", "packages"}, v)
			if err != nil {
				return err
			}
			for _, pkg := range pkgs {
				if pkg == "" || strings.ContainsAny(pkg, " \t") || strings.Contains(pkg, "...") {
					return p.errorf(toml.Key{"allocator", "packages"}, "bad import path %q in \"allocator.packages\"", pkg)
				}
			}
			p.cfg.Allocator.Packages = pkgs
		}
	}
	return nil
}

// strings checks that v is an array of strings.
func (p *parser) strings(key toml.Key, v any) ([]string, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, p.errorf(key, "%q must be an array of strings", key.String())
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			return nil, p.errorf(key, "%q must be an array of strings (element %d is %T)", key.String(), i, e)
		}
		out = append(out, s)
	}
	return out, nil
}

// Level returns the level configured for code in [lints.code], and
// whether there is one.
func (c *Config) Level(code string) (Level, bool) {
	if c == nil {
		return "", false
	}
	l, ok := c.Lints[strings.ToUpper(code)]
	return l.Level, ok
}

// TagFor returns the tag [tags.modules] maps the package pkgPath to. When
// several patterns match, the most specific wins: an exact path beats a
// wildcard, and a longer literal prefix beats a shorter one.
func (c *Config) TagFor(pkgPath string) (string, bool) {
	if c == nil {
		return "", false
	}
	best, bestScore := "", -1
	for _, m := range c.Tags.Modules {
		if !MatchPattern(m.Pattern, pkgPath) {
			continue
		}
		if s := specificity(m.Pattern); s > bestScore {
			best, bestScore = m.Tag, s
		}
	}
	return best, bestScore >= 0
}

// specificity ranks patterns: exact paths above all wildcards, wildcards
// by the length of their literal prefix.
func specificity(pattern string) int {
	i := strings.Index(pattern, "...")
	if i < 0 {
		return 1 << 30
	}
	return i
}

// PackagesForTag returns the package patterns [tags.modules] maps to tag,
// in file order.
func (c *Config) PackagesForTag(tag string) []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, m := range c.Tags.Modules {
		if m.Tag == tag {
			out = append(out, m.Pattern)
		}
	}
	return out
}

// KnownTag reports whether tag is listed in [tags].known. Tags are
// case-sensitive.
func (c *Config) KnownTag(tag string) bool {
	return c != nil && slices.Contains(c.Tags.Known, tag)
}

// Excluded reports whether a file is excluded by [global].exclude. The
// path may be absolute or relative to the current directory; it is matched
// as a slash path relative to the configuration file's directory.
func (c *Config) Excluded(path string) bool {
	if c == nil || len(c.Global.Exclude) == 0 {
		return false
	}
	rel := path
	if c.Dir != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return false
		}
		r, err := filepath.Rel(c.Dir, abs)
		if err != nil {
			return false
		}
		rel = r
	}
	rel = filepath.ToSlash(rel)
	for _, g := range c.Global.Exclude {
		if MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

// Hash returns a stable hex digest of the effective configuration: two
// configurations with the same meaning have the same hash, whatever their
// layout, comments or location.
func (c *Config) Hash() string {
	if c == nil {
		c = Default()
	}
	type lint struct{ Code, Level string }
	canon := struct {
		Exclude     []string
		MinSeverity string
		Lints       []lint
		Known       []string
		Modules     [][2]string
		Allocator   []string
	}{
		Exclude:     c.Global.Exclude,
		MinSeverity: c.Global.MinSeverity.String(),
		Known:       c.Tags.Known,
		Allocator:   c.Allocator.Packages,
	}
	for code, l := range c.Lints {
		canon.Lints = append(canon.Lints, lint{code, string(l.Level)})
	}
	sort.Slice(canon.Lints, func(i, j int) bool { return canon.Lints[i].Code < canon.Lints[j].Code })
	for _, m := range c.Tags.Modules {
		canon.Modules = append(canon.Modules, [2]string{m.Pattern, m.Tag})
	}
	sort.Slice(canon.Modules, func(i, j int) bool { return canon.Modules[i][0] < canon.Modules[j][0] })
	b, err := json.Marshal(canon)
	if err != nil {
		panic(err) // plain strings and slices always marshal
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
